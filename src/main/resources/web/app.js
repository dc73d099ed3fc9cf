// Copy buttons, sortable tables, the tag selector, and (in the static export) search and facets
// over the embedded index. No external scripts: everything a page needs is served by us.
(function () {
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.copy');
    if (!b) return;
    var text = b.getAttribute('data-copy');
    window.lastCopied = text;
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(function () {});
    b.classList.add('copied');
    b.setAttribute('data-copied', 'true');
    setTimeout(function () { b.classList.remove('copied'); }, 1200);
  });

  document.querySelectorAll('table.sortable th, table#packages th').forEach(function (th, idx) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0];
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var asc = th.getAttribute('data-sort') !== 'asc';
      th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-sort'); });
      th.setAttribute('data-sort', asc ? 'asc' : 'desc');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny) && /^[0-9.]+$/.test(x) && /^[0-9.]+$/.test(y)) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  var select = document.getElementById('tag-select');
  if (select) select.addEventListener('change', function () {
    location.href = select.getAttribute('data-root') + 'package/' + encodeURIComponent(select.value) + '/' +
      encodeURIComponent(select.getAttribute('data-package')) + '/';
  });

  // Static export: facet links filter the rows in the browser (the server does it by URL).
  var table = document.getElementById('specs');
  if (document.body.getAttribute('data-mode') === 'static' && table) {
    var chosen = {}, showing = document.getElementById('showing');
    var apply = function () {
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var values = JSON.parse(row.getAttribute('data-facets') || '{}');
        var ok = Object.keys(chosen).every(function (f) {
          return chosen[f].length === 0 || chosen[f].some(function (v) { return (values[f] || []).indexOf(v) >= 0; });
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      showing.textContent = 'Showing ' + shown + ' of ' + showing.getAttribute('data-total') + ' builds';
    };
    document.querySelectorAll('a.facet-value').forEach(function (a) {
      a.addEventListener('click', function (e) {
        e.preventDefault();
        var f = a.getAttribute('data-facet'), v = a.getAttribute('data-value');
        var list = chosen[f] = chosen[f] || [];
        var i = list.indexOf(v);
        if (i >= 0) list.splice(i, 1); else list.push(v);
        a.classList.toggle('selected', i < 0);
        apply();
      });
    });
  }

  // Static export: search over search-index.json, no server needed.
  var box = document.getElementById('static-search');
  if (box) {
    var root = box.getAttribute('data-root'), out = document.getElementById('static-results');
    var count = document.getElementById('result-count');
    fetch(root + 'search-index.json').then(function (r) { return r.json(); }).then(function (index) {
      function run() {
        // The server's rules (docs/search.md): exact name, then prefix, then substring; a final $ anchors the end.
        var raw = box.value.trim().toLowerCase(), anchored = raw.slice(-1) === '$';
        var q = anchored ? raw.slice(0, -1) : raw, exact = [], prefix = [], sub = [];
        if (raw) index.packages.forEach(function (p) {
          var n = p.name.toLowerCase();
          if (anchored ? n.slice(n.length - q.length) !== q : n.indexOf(q) < 0) return;
          if (n === q) exact.push(p); else if (n.indexOf(q) === 0) prefix.push(p); else sub.push(p);
        });
        var hits = exact.concat(prefix, sub);
        count.textContent = hits.length + (hits.length === 1 ? ' package' : ' packages') + ' found in ' + index.tag;
        out.textContent = '';
        hits.slice(0, 200).forEach(function (p) {
          var li = document.createElement('li'), a = document.createElement('a');
          a.href = root + 'package/' + encodeURIComponent(index.tag) + '/' + encodeURIComponent(p.name) + '/';
          a.textContent = p.name;
          li.appendChild(a);
          li.appendChild(document.createTextNode(' ' + p.specs + ' specs'));
          out.appendChild(li);
        });
      }
      box.addEventListener('input', run);
      var q = new URLSearchParams(location.search).get('q');
      if (q) { box.value = q; }
      run();
    });
  }
})();
