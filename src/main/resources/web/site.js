// The static export's pages, drawn in the browser from the data the export wrote
// (docs/static-site.md): a package across releases with facets kept in the URL, a spec from its
// gzip shard, search over every tag, what installs on a host. Runs before app.js, which then
// wires sorting, copying and the builds table's tools onto what is drawn here.
(function () {
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  var LABELS = { os: 'OS' };
  function label(f) { return LABELS[f] || f.charAt(0).toUpperCase() + f.slice(1); }
  function params() {
    var out = {};
    new URLSearchParams(location.search).forEach(function (v, k) { (out[k] = out[k] || []).push(v); });
    return out;
  }
  function query(filters, page) {
    var p = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { filters[k].forEach(function (v) { p.append(k, v); }); });
    if (page > 1) p.append('page', page);
    var s = p.toString();
    return '?' + s.replace(/\+/g, '%20');
  }
  function toggle(filters, facet, value) {
    var next = {};
    Object.keys(filters).forEach(function (k) { next[k] = filters[k].slice(); });
    var list = next[facet] = next[facet] || [], i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1); else list.push(value);
    if (!list.length) delete next[facet];
    return query(next, 1);
  }
  // A .json.gz file as JSON, whether or not the host already undid the gzip.
  function gzJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.arrayBuffer();
    }).then(function (buf) {
      var b = new Uint8Array(buf);
      if (b[0] !== 0x1f || b[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(b));
      return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
    });
  }
  function copyButton(text, name) {
    return el('button', { type: 'button', 'class': 'copy', 'data-copy': text, 'aria-label': 'Copy: ' + name, text: 'Copy' });
  }
  // The copy icon of builds.jte, drawn as SVG elements.
  function copyIcon(button) {
    var NS = 'http://www.w3.org/2000/svg', svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('class', 'i'); svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('viewBox', '0 0 16 16');
    var rect = document.createElementNS(NS, 'rect');
    [['x', 5], ['y', 5], ['width', 9], ['height', 9], ['rx', 1.5]].forEach(function (a) { rect.setAttribute(a[0], a[1]); });
    var path = document.createElementNS(NS, 'path');
    path.setAttribute('d', 'M3 11V3a1 1 0 0 1 1-1h7');
    svg.appendChild(rect); svg.appendChild(path); button.appendChild(svg);
    return button;
  }
  function steps(list) {
    return el('ol', { 'class': 'steps' }, list.map(function (s) {
      return el('li', {}, [el('span', { 'class': 'purpose', text: s[0] }), ' ', el('code', { text: s[1] }), ' ', copyButton(s[1], s[1])]);
    }));
  }

  // ---- One package across releases: the server's /package/<name>/ page, from the embedded data.
  var dataNode = document.getElementById('package-data');
  if (dataNode) {
    var data = JSON.parse(dataNode.textContent), root = '../../';
    var FACETS = ['release', 'stack', 'version', 'compiler', 'os', 'platform', 'target', 'variant'];
    var chosen = params(), page = parseInt((chosen.page || ['1'])[0], 10) || 1;
    delete chosen.page;
    var all = (chosen.release || []).indexOf('all') >= 0;
    if (all) delete chosen.release; else if (!chosen.release) chosen.release = [data.tags[0]];
    var order = {};
    data.tags.forEach(function (t, i) { order[t] = i; });
    function values(b, facet) {
      switch (facet) {
        case 'release': return Object.keys(b.stacks).sort(function (x, y) { return order[x] - order[y]; });
        case 'stack': var s = []; Object.keys(b.stacks).forEach(function (t) { b.stacks[t].forEach(function (l) { if (s.indexOf(l) < 0) s.push(l); }); }); return s;
        case 'variant': return b.variants;
        default: return [b[facet]];
      }
    }
    function passes(b, except) {
      return Object.keys(chosen).every(function (f) {
        if (f === except || FACETS.indexOf(f) < 0) return true;
        var have = values(b, f);
        return chosen[f].some(function (v) { return have.indexOf(v) >= 0; });
      });
    }
    var shown = data.builds.filter(function (b) { return passes(b, null); });
    // Facet counts as the server gives them: each facet counted under the other facets' filters.
    var facetsNode = document.getElementById('facets');
    facetsNode.appendChild(el('p', {}, [el('a', { href: all ? '?' : '?release=all', text: all ? 'Newest release only' : 'Every release' })]));
    FACETS.forEach(function (f) {
      var counts = {};
      data.builds.forEach(function (b) { if (passes(b, f)) values(b, f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
      (chosen[f] || []).forEach(function (v) { if (!(v in counts)) counts[v] = 0; });
      var keys = Object.keys(counts);
      if (!keys.length) return;
      var rank = {};
      data.builds.forEach(function (b) { rank[b.version] = b.rank; });
      keys.sort(f === 'version' ? function (x, y) { return rank[y] - rank[x]; } : f === 'release' ? function (x, y) { return order[x] - order[y]; }
        : function (x, y) { return x < y ? -1 : x > y ? 1 : 0; });
      var open = f === 'release' || f === 'version' || !!chosen[f];
      facetsNode.appendChild(el('details', { 'class': 'facet', open: open }, [el('summary', { text: label(f) }),
        el('ul', {}, keys.map(function (v) {
          var on = (chosen[f] || []).indexOf(v) >= 0;
          return el('li', {}, [el('a', { 'class': 'facet-value' + (on ? ' selected' : ''), 'data-facet': f, 'data-value': v,
            href: toggle(chosen, f, v), 'aria-current': on ? 'true' : null }, [v + ' ', el('span', { 'class': 'count', text: String(counts[v]) })])]);
        }))]));
    });
    var chips = document.getElementById('chips');
    Object.keys(chosen).forEach(function (f) {
      chosen[f].forEach(function (v) {
        chips.appendChild(el('a', { 'class': 'chip', href: toggle(chosen, f, v), 'aria-label': 'Remove filter ' + label(f) + ': ' + v },
          [label(f) + ': ' + v + ' ', el('span', { 'aria-hidden': 'true', text: '✕' })]));
      });
    });
    var SIZE = 50, pages = Math.max(1, Math.ceil(shown.length / SIZE));
    page = Math.min(Math.max(1, page), pages);
    var slice = shown.slice((page - 1) * SIZE, page * SIZE), first = (page - 1) * SIZE + 1;
    var total = data.builds.length, showing = document.getElementById('showing');
    showing.setAttribute('data-total', total);
    showing.textContent = (shown.length === 0 ? 'No build matches these filters' : shown.length === 1 ? 'Showing 1 build'
      : 'Showing ' + first + '–' + (first + slice.length - 1) + ' of ' + shown.length + ' builds') + (shown.length === total ? '' : ' (' + total + ' in all)');
    document.getElementById('builds-table').appendChild(buildsTable(slice));
    if (pages > 1) {
      var pager = document.getElementById('pager'), keep = {};
      Object.keys(chosen).forEach(function (k) { keep[k] = chosen[k]; });
      if (all) keep.release = ['all'];
      pager.hidden = false;
      if (page > 1) pager.appendChild(el('a', { href: query(keep, page - 1), text: '← previous' }));
      pager.appendChild(el('span', { text: ' page ' + page + ' of ' + pages + ' ' }));
      if (page < pages) pager.appendChild(el('a', { href: query(keep, page + 1), text: 'next →' }));
    }
    var history = document.querySelector('#history tbody');
    data.tags.forEach(function (t) {
      var inTag = data.builds.filter(function (b) { return t in b.stacks; });
      var vs = [], ts = [];
      inTag.forEach(function (b) { if (vs.indexOf(b.version) < 0) vs.push(b.version); if (ts.indexOf(b.target) < 0) ts.push(b.target); });
      ts.sort();
      history.appendChild(el('tr', {}, [el('td', {}, [el('a', { href: '?release=' + encodeURIComponent(t), text: t })]),
        el('td', { text: vs.join(', ') }), el('td', { text: ts.join(', ') }), el('td', { text: String(inTag.length) })]));
    });
  }

  // The builds table of builds.jte, with the Release column.
  function buildsTable(rows) {
    var cols = ['release', 'version', 'compiler', 'platform', 'os', 'target', 'variants', 'stacks'];
    var tools = el('div', {}, [
      el('div', { 'class': 'table-tools' }, [
        el('label', {}, [el('input', { type: 'checkbox', id: 'hide-common', checked: true }), ' Hide common values']),
        el('label', { 'class': 'host-only', hidden: true }, [el('input', { type: 'checkbox', id: 'only-host' }), ' Only builds for my host']),
        el('details', { 'class': 'columns' }, [el('summary', { text: 'Columns' }), el('fieldset', {}, [el('legend', { 'class': 'sr-only', text: 'Columns to show' })]
          .concat(cols.map(function (c) { return el('label', {}, [el('input', { type: 'checkbox', 'class': 'column-toggle', 'data-column': c, checked: c !== 'platform' }), ' ' + label(c)]); })))])]),
      el('p', { id: 'common', 'class': 'common', hidden: true })]);
    var head = el('tr', {}, [el('th', { 'class': 'c-hash', scope: 'col', text: 'Hash' })].concat(cols.map(function (c) {
      return el('th', { 'class': 'c-' + c, scope: 'col', 'aria-sort': 'none' }, [el('button', { type: 'button', 'class': 'sort', text: label(c) })]);
    })).concat([el('th', { 'class': 'c-install', scope: 'col', text: 'Install' })]));
    var body = el('tbody', {}, rows.map(function (b) {
      var short = b.hash.slice(0, 7), releases = Object.keys(b.stacks).sort(function (x, y) { return order[x] - order[y]; });
      var stacks = values(b, 'stack'), from = releases.filter(function (t) { return (chosen.release || data.tags).indexOf(t) >= 0; })[0] || releases[0];
      var install = (data.install[from] || []).map(function (s) { return [s[0], s[1].replace('/HASH', '/' + b.hash)]; });
      var dialog = el('dialog', { id: 'install-' + b.hash, 'aria-labelledby': 'install-' + b.hash + '-title' }, [
        el('h2', { id: 'install-' + b.hash + '-title', text: 'Install ' + data.name + '@' + b.version + ' /' + short }), steps(install),
        el('form', { method: 'dialog' }, [el('button', { text: 'Close' })])]);
      return el('tr', { 'data-hash': b.hash, 'data-arch': b.platform + '-' + b.os + '-' + b.target }, [
        el('td', { 'class': 'c-hash', 'data-label': 'Hash' }, [el('a', { 'class': 'hash', href: root + 'spec/?h=' + b.hash, text: short }),
          copyIcon(el('button', { type: 'button', 'class': 'copy icon', 'data-copy': b.hash, 'aria-label': 'Copy hash ' + short, title: 'Copy the full hash' }))]),
        el('td', { 'class': 'c-release', 'data-label': 'Release' }, [el('span', { 'class': 'clamp', title: releases.join(', '), text: releases.join(', ') })]),
        el('td', { 'class': 'c-version', 'data-label': 'Version', 'data-sort': String(b.rank), text: b.version }),
        el('td', { 'class': 'c-compiler', 'data-label': 'Compiler', text: b.compiler }),
        el('td', { 'class': 'c-platform', 'data-label': 'Platform', text: b.platform }),
        el('td', { 'class': 'c-os', 'data-label': 'OS', text: b.os }),
        el('td', { 'class': 'c-target', 'data-label': 'Target', text: b.target }),
        el('td', { 'class': 'c-variants', 'data-label': 'Variants' }, [el('span', { 'class': 'tokens clamp' }, b.variants.map(function (v) { return el('span', { 'class': 'tok', text: v + ' ' }); })),
          el('button', { type: 'button', 'class': 'more', 'aria-expanded': 'false', 'aria-label': 'Show all variants and stacks of ' + short, hidden: true, text: '…' })]),
        el('td', { 'class': 'c-stacks', 'data-label': 'Stacks' }, [el('span', { 'class': 'clamp stacks-list', title: stacks.join(', '), text: stacks.join(', ') })]),
        el('td', { 'class': 'c-install' }, [el('button', { type: 'button', 'class': 'install-open', 'data-dialog': 'install-' + b.hash, 'aria-haspopup': 'dialog',
          'aria-label': 'Install ' + data.name + '@' + b.version + ' /' + short, text: 'Install' }), dialog])]);
    }));
    var table = el('table', { id: 'specs', 'class': 'builds sortable hide-platform' }, [
      el('caption', { 'class': 'sr-only', text: 'Builds of ' + data.name + ' across releases' }), el('thead', {}, [head]), body]);
    tools.appendChild(el('div', { 'class': 'table-box' }, [table]));
    return tools;
  }

  // ---- A spec, from the shard of its hash prefix.
  var specNode = document.getElementById('static-spec');
  if (specNode) {
    var sroot = specNode.getAttribute('data-root'), h = (new URLSearchParams(location.search).get('h') || '').toLowerCase();
    var status = document.getElementById('spec-status');
    fetch(sroot + 'data/specs/index.json').then(function (r) { return r.json(); }).then(function (ix) {
      if (!/^[a-z2-7]{2,32}$/.test(h)) throw new Error('no hash');
      return gzJson(sroot + 'data/specs/' + h.slice(0, ix.letters) + '.json.gz');
    }).then(function (shard) {
      var keys = Object.keys(shard.specs).filter(function (k) { return k.indexOf(h) === 0; });
      if (keys.length !== 1) throw new Error(keys.length ? 'several' : 'none');
      var s = shard.specs[keys[0]];
      document.title = s.name + '@' + s.version + ' · cachescope';
      document.getElementById('spec-title').textContent = s.name + '@' + s.version;
      status.textContent = '';
      var rows = [['Hash', s.hash], ['Spec', s.spec], ['Compilers', s.compilers], ['Variants', s.variants || '(none)'],
        ['Architecture', s.platform + '-' + s.os + '-' + s.target], ['Tags', s.tags.join(', ')], ['First seen', s.first_seen], ['Last seen', s.last_seen],
        ['Size', s.size === null ? 'unknown' : s.size + ' bytes'], ['Signature', s.signature]];
      specNode.appendChild(el('div', { 'class': 'table-box' }, [el('table', { 'class': 'facts' }, [el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, [el('th', { scope: 'row', text: r[0] }), el('td', {}, [el('code', { text: String(r[1]) })].concat(r[0] === 'Hash' ? [' ', copyButton(s.hash, 'hash ' + s.hash.slice(0, 7))] : []))]);
      }))])]));
      if (s.install) { specNode.appendChild(el('h2', { text: 'Install' })); specNode.appendChild(steps(s.install)); }
      specNode.appendChild(el('h2', { text: 'Dependencies' }));
      specNode.appendChild(el('ul', { 'class': 'deps' }, s.dependencies.map(function (d) {
        return el('li', {}, [el('a', { href: '?h=' + d.hash, text: d.name }), ' ', el('code', { text: d.hash.slice(0, 7) }), ' ',
          el('span', { 'class': 'muted', text: d.deptypes.join(',') + (d.in_buildcache ? '' : ' · not cached') })]);
      })));
    }).catch(function () {
      status.textContent = 'No build has the hash ' + h + ' in this export.';
    });
  }

  // ---- Search over every tag, with the server's rules (docs/search.md).
  var box = document.getElementById('static-search');
  if (box) {
    var qroot = box.getAttribute('data-root'), out = document.getElementById('static-results');
    var count = document.getElementById('result-count');
    gzJson(qroot + 'data/search.json.gz').then(function (index) {
      var names = Object.keys(index.packages).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
      function run() {
        var raw = box.value.trim().toLowerCase(), anchored = raw.slice(-1) === '$';
        if (/^\/[a-z2-7]+$/.test(raw)) {
          // A hash prefix: its spec page looks it up in the spec shards.
          count.textContent = 'A hash: ';
          count.appendChild(el('a', { href: qroot + 'spec/?h=' + raw.slice(1), text: 'the spec ' + raw }));
          out.textContent = '';
          return;
        }
        var q = anchored ? raw.slice(0, -1) : raw, exact = [], prefix = [], sub = [];
        if (raw) names.forEach(function (name) {
          var n = name.toLowerCase();
          if (anchored ? n.slice(n.length - q.length) !== q : n.indexOf(q) < 0) return;
          if (n === q) exact.push(name); else if (n.indexOf(q) === 0) prefix.push(name); else sub.push(name);
        });
        var hits = exact.concat(prefix, sub);
        count.textContent = hits.length + (hits.length === 1 ? ' package' : ' packages') + ' found in every tag';
        out.textContent = '';
        hits.slice(0, 200).forEach(function (name) {
          var entry = index.packages[name], tags = entry[0].map(function (i) { return index.tags[i]; });
          out.appendChild(el('li', {}, [el('a', { href: qroot + 'package/' + encodeURIComponent(name) + '/?release=' + encodeURIComponent(tags[0]), text: name }),
            ' ', el('span', { 'class': 'count', text: entry[1] + (entry[1] === 1 ? ' spec' : ' specs') + ' in ' + tags[0] }),
            tags.length > 1 ? el('span', { 'class': 'muted', text: ' also in ' + tags.slice(1, 6).join(', ') + (tags.length > 6 ? ' and ' + (tags.length - 6) + ' more' : '') }) : null]));
        });
      }
      box.addEventListener('input', run);
      var q = new URLSearchParams(location.search).get('q');
      if (q) box.value = q;
      run();
    });
  }

  // ---- What installs on a host, per package, in one tag.
  var hostForm = document.getElementById('static-host');
  if (hostForm) {
    var hroot = hostForm.getAttribute('data-root'), arch = document.getElementById('sh-arch');
    var note = document.getElementById('sh-note'), tbody = document.querySelector('#sh-results tbody');
    arch.value = new URLSearchParams(location.search).get('arch') || localStorage.getItem('cachescope-host') || '';
    var show = function () {
      var p = arch.value.trim().split('-'), tag = document.getElementById('sh-tag').value;
      tbody.textContent = '';
      if (p.length < 3) { note.textContent = 'Give a host as spack arch prints it, such as linux-ubuntu22.04-zen3.'; return; }
      var host = { platform: p[0], os: p[1], target: p.slice(2).join('-') };
      Promise.all([fetch(hroot + 'api/hosts.json').then(function (r) { return r.json(); }), gzJson(hroot + 'data/tags/' + encodeURIComponent(tag) + '.json.gz')])
        .then(function (got) {
          var runs = got[0].runs_on[host.target], n = 0;
          note.textContent = runs ? '' : 'archspec does not know the target ' + host.target + ': only builds for exactly that target count.';
          runs = runs || [host.target];
          Object.keys(got[1].packages).forEach(function (name) {
            var builds = 0, archs = got[1].packages[name];
            Object.keys(archs).forEach(function (a) {
              var q = a.split('-');
              if (q[0] === host.platform && q[1] === host.os && runs.indexOf(q.slice(2).join('-')) >= 0) builds += archs[a];
            });
            if (!builds) return;
            n++;
            tbody.appendChild(el('tr', {}, [el('td', {}, [el('a', { href: hroot + 'package/' + encodeURIComponent(name) + '/?release=' + encodeURIComponent(tag) + '&os=' + encodeURIComponent(host.os), text: name })]),
              el('td', { text: String(builds) })]));
          });
          note.textContent += (note.textContent ? ' ' : '') + n + (n === 1 ? ' package has' : ' packages have') + ' builds that install on ' + arch.value.trim() + ' in ' + tag + '.';
        });
    };
    hostForm.addEventListener('submit', function (e) { e.preventDefault(); show(); });
    if (arch.value) show();
  }
})();
