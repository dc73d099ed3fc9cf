// Copy buttons, sortable tables, the tag selector, the host picker and the builds table's tools,
// on the server's pages and the static export's (which site.js draws first). No external scripts.
(function () {
  var live = document.getElementById('live');
  function say(text) { if (live) { live.textContent = ''; setTimeout(function () { live.textContent = text; }, 30); } }

  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.copy');
    if (b) {
      var text = b.getAttribute('data-copy');
      window.lastCopied = text;
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(function () {});
      b.classList.add('copied');
      b.setAttribute('data-copied', 'true');
      say('Copied ' + (b.getAttribute('aria-label') || 'text').replace(/^Copy:? */, ''));
      setTimeout(function () { b.classList.remove('copied'); }, 1200);
      return;
    }
    var open = e.target.closest('button.install-open');
    if (open) {
      var d = document.getElementById(open.getAttribute('data-dialog'));
      if (d && d.showModal) d.showModal();
      return;
    }
    var more = e.target.closest('button.more');
    if (more) {
      var row = more.closest('tr'), on = !row.classList.contains('expanded');
      row.classList.toggle('expanded', on);
      more.setAttribute('aria-expanded', on ? 'true' : 'false');
    }
  });

  // Sorting: header buttons, state in aria-sort. A cell's data-sort (Spack's version order, or
  // a number) wins over its text; keys are read once per sort, rows moved in one fragment.
  var collator = window.Intl ? new Intl.Collator(undefined, { numeric: true }) : null;
  function sortKey(cell) {
    var k = cell.getAttribute('data-sort');
    return k !== null ? { n: parseFloat(k), s: '' } : { n: NaN, s: cell.textContent.trim() };
  }
  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    th.parentNode.querySelectorAll('th').forEach(function (h) { if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.map.call(body.rows, function (r, i) { return { row: r, key: sortKey(r.cells[col]), i: i }; });
    rows.sort(function (a, b) {
      var c = !isNaN(a.key.n) && !isNaN(b.key.n) ? a.key.n - b.key.n
        : collator ? collator.compare(a.key.s, b.key.s) : a.key.s.localeCompare(b.key.s);
      return (asc ? c : -c) || a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.row); });
    body.appendChild(frag);
  }
  document.querySelectorAll('table.sortable th, table#packages th').forEach(function (th) {
    var button = th.querySelector('button.sort');
    if (!button) {
      // Older tables: the header text becomes a button.
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      th.setAttribute('aria-sort', 'none');
    }
    button.addEventListener('click', function () { sortBy(th); });
  });

  // "My host": chosen from the catalog's values or pasted `spack arch` output, kept in this
  // browser; builds that install there (same platform and OS, a target archspec runs) are marked.
  var picker = document.querySelector('details.host-picker');
  if (picker) {
    var KEY = 'cachescope-host', note = document.getElementById('host-note');
    var hostName = document.getElementById('host-name'), onlyHost = document.getElementById('only-host');
    var data = null;
    var parse = function (text) {
      var p = (text || '').trim().split('-');
      return p.length >= 3 ? { platform: p[0], os: p[1], target: p.slice(2).join('-') } : null;
    };
    var mark = function () {
      var host = parse(localStorage.getItem(KEY));
      hostName.textContent = host ? host.platform + '-' + host.os + '-' + host.target : 'not set';
      if (!data) return;
      var runs = host ? (data.runs_on[host.target] || [host.target]) : [];
      if (host && !data.runs_on[host.target]) {
        note.textContent = 'archspec does not know the target ' + host.target + ': only builds for exactly that target are marked.';
      }
      document.querySelectorAll('tr[data-arch]').forEach(function (row) {
        var arch = parse(row.getAttribute('data-arch'));
        var ok = !!(host && arch && arch.platform === host.platform && arch.os === host.os && runs.indexOf(arch.target) >= 0);
        row.classList.toggle('on-host', ok);
        var cell = row.cells[0], badge = cell.querySelector('.host-mark');
        if (ok && !badge) {
          badge = document.createElement('span');
          badge.className = 'badge ok host-mark';
          badge.textContent = 'my host';
          cell.appendChild(badge);
        } else if (!ok && badge) {
          badge.remove();
        }
        if (onlyHost) row.hidden = onlyHost.checked && !ok;
      });
      document.querySelectorAll('.host-only').forEach(function (l) { l.hidden = !host; });
      if (typeof refreshBuilds === 'function') refreshBuilds();
    };
    var fill = function (id, values, chosen) {
      var select = document.getElementById(id);
      select.textContent = '';
      values.forEach(function (v) {
        var o = document.createElement('option');
        o.value = o.textContent = v;
        o.selected = v === chosen;
        select.appendChild(o);
      });
    };
    fetch(picker.getAttribute('data-hosts')).then(function (r) { return r.json(); }).then(function (d) {
      data = d;
      var host = parse(localStorage.getItem(KEY)) || {};
      fill('host-platform', d.platforms, host.platform);
      fill('host-os', d.oss, host.os);
      fill('host-target', Object.keys(d.runs_on).concat(d.targets.filter(function (t) { return !d.runs_on[t]; })).sort(), host.target);
      mark();
    });
    document.getElementById('host-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var pasted = document.getElementById('host-arch').value.trim(), host = parse(pasted);
      if (pasted && !host) { note.textContent = 'Expected spack arch output such as linux-ubuntu22.04-zen3.'; return; }
      if (!host) host = { platform: document.getElementById('host-platform').value, os: document.getElementById('host-os').value,
        target: document.getElementById('host-target').value };
      localStorage.setItem(KEY, host.platform + '-' + host.os + '-' + host.target);
      note.textContent = 'Saved in this browser.';
      mark();
    });
    document.getElementById('host-clear').addEventListener('click', function () {
      localStorage.removeItem(KEY);
      note.textContent = 'Forgotten.';
      mark();
    });
    if (onlyHost) onlyHost.addEventListener('change', mark);
  }

  // The coverage form: a chosen file is read into the text field, which the form sends.
  var lockFile = document.getElementById('lock-file');
  if (lockFile) lockFile.addEventListener('change', function () {
    var f = lockFile.files[0];
    if (!f) return;
    var reader = new FileReader();
    reader.onload = function () { document.getElementById('lock').value = reader.result; };
    reader.readAsText(f);
  });

  var hideBuild = document.getElementById('hide-build');
  if (hideBuild) hideBuild.addEventListener('change', function () {
    document.getElementById('tree').classList.toggle('hide-build', hideBuild.checked);
  });

  var select = document.getElementById('tag-select');
  if (select) select.addEventListener('change', function () {
    var query = select.getAttribute('data-query') || '';
    location.href = select.getAttribute('data-root') + 'package/' + encodeURIComponent(select.value) + '/' +
      encodeURIComponent(select.getAttribute('data-package')) + '/' + query.replace(/^\?$/, '');
  });

  // On a phone the filters start folded, so the builds come first.
  var filters = document.querySelector('details.filters');
  if (filters && window.matchMedia && window.matchMedia('(max-width: 800px)').matches) filters.open = false;

  // The builds table: long variant lists get a button for their full text; "hide common values"
  // moves what every shown build shares to one line above; a column chooser hides columns.
  var builds = document.querySelector('table.builds');
  function refreshBuilds() {
    if (!builds) return;
    var rows = Array.prototype.filter.call(builds.tBodies[0].rows, function (r) { return !r.hidden; });
    var hide = document.getElementById('hide-common').checked, common = [];
    ['release', 'version', 'compiler', 'platform', 'os', 'target', 'stacks'].forEach(function (c) {
      if (!builds.querySelector('td.c-' + c)) return;
      var values = rows.map(function (r) { return r.querySelector('.c-' + c).textContent.trim(); });
      var same = rows.length > 1 && values.every(function (v) { return v === values[0]; });
      builds.classList.toggle('common-' + c, hide && same);
      if (same && values[0]) common.push(values[0]);
    });
    var tokenSets = rows.map(function (r) {
      return Array.prototype.map.call(r.querySelectorAll('.tok'), function (t) { return t.textContent; });
    });
    var shared = rows.length > 1 ? tokenSets[0].filter(function (t) {
      return tokenSets.every(function (set) { return set.indexOf(t) >= 0; });
    }) : [];
    rows.forEach(function (r) {
      r.querySelectorAll('.tok').forEach(function (t) { t.classList.toggle('common', shared.indexOf(t.textContent) >= 0); });
    });
    builds.classList.toggle('hide-common-values', hide);
    common = common.concat(shared);
    var line = document.getElementById('common');
    line.hidden = !hide || common.length === 0;
    line.textContent = 'Every build shown: ' + common.join(' · ');
    rows.forEach(function (r) {
      var more = r.querySelector('button.more');
      var clipped = Array.prototype.some.call(r.querySelectorAll('.clamp'), function (c) { return c.scrollWidth > c.clientWidth + 1; });
      if (more) more.hidden = !clipped && !r.classList.contains('expanded');
    });
  }
  if (builds) {
    document.getElementById('hide-common').addEventListener('change', refreshBuilds);
    document.querySelectorAll('input.column-toggle').forEach(function (box) {
      box.addEventListener('change', function () {
        builds.classList.toggle('hide-' + box.getAttribute('data-column'), !box.checked);
        refreshBuilds();
      });
    });
    refreshBuilds();
  }
})();
