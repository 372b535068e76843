/* The live board: the ranking from the SSE snapshot, patched by probe/status/grade/rank/incident events.
   Rows are keyed by portal id and updated in place, so a highlight survives later events; the order is
   only touched when a rank moved. EventSource reconnects by itself and resends Last-Event-ID; when the
   server refused us (429/503) we reconnect with a back-off and ?lastEventId=. */
(function () {
  'use strict';
  var I = window.DVC_I18N, F = window.DVC_FMT, t = I.t;
  var MOVE_SHOWN_MS = 120000, FLASH_MS = 4000, FEED_MAX = 40;
  var portals = {};   // id -> portal object (as in the snapshot)
  var rows = {};      // id -> { tr, cells }
  var marks = {};     // id -> { move, moveUntil, drift, driftUntil }
  var lastId = null, es = null, retryMs = 1000;
  // A proxy that refuses or buffers the stream must not leave the board empty: after 20 s without a snapshot, or
  // when the stream is refused, the ranking is read every 30 s until the stream delivers again.
  var SILENT_AFTER_MS = 20000, POLL_MS = 30000, silentTimer = null, pollTimer = null;

  function byRank(a, b) { return (a.rank || 1e9) - (b.rank || 1e9) || String(a.id).localeCompare(String(b.id)); }

  function mark(id, key, value) {
    var m = marks[id] || (marks[id] = {});
    m[key] = value;
    m[key + 'Until'] = Date.now() + MOVE_SHOWN_MS;
  }

  function flash(id, kind) {
    var r = rows[id];
    if (!r) { return; }
    r.tr.classList.remove('flash-up', 'flash-down', 'flash-info');
    r.tr.classList.add('flash-' + kind);
    clearTimeout(r.flashTimer);
    r.flashTimer = setTimeout(function () { r.tr.classList.remove('flash-' + kind); }, FLASH_MS);
  }

  function makeRow(p) {
    var tr = F.el('tr');
    tr.dataset.id = p.id;
    var c = {
      rank: F.el('td', 'num'), portal: F.el('th'), grade: F.el('td', 'grade-cell'), score: F.el('td', 'num'), status: F.el('td'),
      up24: F.el('td', 'num col-wide'), up30: F.el('td', 'num col-wide'), ttfb: F.el('td', 'num col-wide'),
      total: F.el('td', 'num col-wide'), lcp: F.el('td', 'num col-wide'), cert: F.el('td', 'num col-wide'),
      checked: F.el('td', 'col-wide')
    };
    c.portal.scope = 'row';
    Object.keys(c).forEach(function (k) { tr.appendChild(c[k]); });
    return { tr: tr, cells: c };
  }

  function fill(p) {
    var r = rows[p.id] || (rows[p.id] = makeRow(p)), c = r.cells, m = marks[p.id] || {}, now = Date.now();
    r.tr.className = F.statusClass(p) + (r.tr.className.match(/flash-\w+/) ? ' ' + r.tr.className.match(/flash-\w+/)[0] : '');
    c.rank.textContent = '';
    c.rank.appendChild(F.el('span', 'rank', p.rank === null || p.rank === undefined ? '–' : p.rank));
    if (m.move && m.moveUntil > now) {
      var up = m.move > 0;
      var mv = F.el('span', 'move ' + (up ? 'up' : 'down'), (up ? ' ▲' : ' ▼') + Math.abs(m.move));
      mv.title = t(up ? 'movedUp' : 'movedDown', { n: Math.abs(m.move) });
      c.rank.appendChild(mv);
    }
    c.portal.textContent = '';
    var a = F.el('a', null, p.name || p.id);
    a.href = '/portals/' + encodeURIComponent(p.id);
    c.portal.appendChild(a);
    if (p.owner) { c.portal.title = p.owner; }
    c.grade.textContent = '';
    c.grade.appendChild(F.grade(p.grade));
    if (m.drift && m.driftUntil > now) {
      c.grade.appendChild(F.el('span', 'drift ' + m.drift.dir, m.drift.from + '→' + m.drift.to));
    }
    c.score.textContent = F.num(p.score, 1);
    if (p.provisional) { c.score.appendChild(F.el('span', 'provisional', ' ' + t('provisional'))); }
    c.status.textContent = '';
    c.status.appendChild(F.status(p));
    var u = p.uptime || {};
    c.up24.textContent = F.percent(u['24h']);
    c.up30.textContent = F.percent(u['30d']);
    c.ttfb.textContent = F.ms(p.ttfbP75Ms);
    c.total.textContent = F.ms(p.totalP75Ms);
    browserCell(p, c.lcp);
    F.certDays(p.certDaysLeft, c.cert);
    c.checked.textContent = F.time(p.checkedAt);
    return r;
  }

  /* The browser room's latest homepage run (the eForm page's until the homepage has one): LCP in seconds, coloured
     by the Web Vitals bands (good ≤ 2.5 s, poor > 4 s); the other figures and the throttling method in the title.
     A load that measured nothing says how it ended. */
  function browserCell(p, cell) {
    var b = p.browser || {}, run = b.homepage || b.eform;
    cell.textContent = '';
    cell.className = 'num col-wide lcp';
    cell.removeAttribute('title');
    if (!run) { cell.textContent = '–'; return; }
    if (run.lcp === null || run.lcp === undefined) {
      cell.appendChild(F.el('span', 'lcp-none', t('br_' + run.outcome) !== 'br_' + run.outcome ? t('br_' + run.outcome) : run.outcome));
    } else {
      cell.classList.add(run.lcp <= 2500 ? 'lcp-good' : run.lcp <= 4000 ? 'lcp-ni' : 'lcp-poor');
      cell.textContent = F.ms(run.lcp);
    }
    cell.title = t('lcpTitle', { page: t(b.homepage ? 'homepage' : 'eform'), lcp: F.ms(run.lcp), cls: F.num(run.cls, 3),
      load: F.ms(run.load), method: run.method, at: F.dateTime(run.at) }) + (run.cause ? ' — ' + run.cause : '');
  }

  function reorder() {
    var body = document.getElementById('rows');
    var list = Object.keys(portals).map(function (id) { return portals[id]; }).sort(byRank);
    var current = Array.prototype.map.call(body.children, function (tr) { return tr.dataset.id; });
    var wanted = list.map(function (p) { return p.id; });
    if (current.join('\n') === wanted.join('\n')) { return; }
    Object.keys(rows).forEach(function (id) { if (!portals[id]) { rows[id].tr.remove(); delete rows[id]; } });
    var before = {};
    current.forEach(function (id) { if (rows[id]) { before[id] = rows[id].tr.getBoundingClientRect().top; } });
    list.forEach(function (p) { body.appendChild(rows[p.id].tr); });
    glide(list, before);
  }

  /* A burst of rank events (a re-evaluation moves dozens of portals at once) reorders once, in the next frame. */
  var reorderPending = false;
  function reorderSoon() {
    if (reorderPending) { return; }
    reorderPending = true;
    (document.hidden ? setTimeout : requestAnimationFrame)(function () { reorderPending = false; reorder(); });
  }

  /* Rows that changed place glide from where they were (FLIP), so the eye can follow a rank move. Every write,
     then every read, then every write: a read after a write forces a layout, and one per row of 83 rows per rank
     event kept the page from answering for tens of seconds. */
  function glide(list, before) {
    if (document.hidden || window.matchMedia('(prefers-reduced-motion: reduce)').matches) { return; }
    // Stop glides still running, so the new places are measured without their transforms.
    list.forEach(function (p) { rows[p.id].tr.style.transition = 'none'; rows[p.id].tr.style.transform = ''; });
    var shifts = [];
    list.forEach(function (p) {
      var tr = rows[p.id].tr;
      if (before[p.id] === undefined || tr.hidden) { return; }
      var dy = before[p.id] - tr.getBoundingClientRect().top;
      if (Math.abs(dy) >= 1) { shifts.push({ tr: tr, dy: dy }); }
    });
    var moved = shifts.map(function (s) { s.tr.style.transform = 'translateY(' + s.dy + 'px)'; return s.tr; });
    if (!moved.length) { return; }
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        moved.forEach(function (tr) {
          tr.style.transition = 'transform .9s ease, background-color 1.8s ease-out';
          tr.style.transform = '';
        });
      });
    });
  }

  function renderAll() {
    Object.keys(portals).forEach(function (id) { fill(portals[id]); });
    reorder();
    summary();
    filter();
  }

  /* The status tiles add up to the portals watched: every status has a tile (the rare ones only when they occur). */
  var TILES = { UP: 't-up', DEGRADED: 't-slow', DOWN: 't-down', FLAPPING: 't-flapping', PARTIAL: 't-partial', UNKNOWN: 't-unknown' };
  var RARE = { PARTIAL: 1, UNKNOWN: 1 };

  function tileKey(p) { var k = F.statusKey(p); return k === 'CERT' ? 'DOWN' : k; }

  function summary() {
    var list = Object.keys(portals).map(function (id) { return portals[id]; });
    var scored = list.filter(function (p) { return typeof p.score === 'number'; });
    document.getElementById('t-total').textContent = list.length;
    Object.keys(TILES).forEach(function (k) {
      var n = list.filter(function (p) { return tileKey(p) === k; }).length;
      var cell = document.getElementById(TILES[k]);
      cell.textContent = n;
      if (RARE[k]) { cell.parentNode.hidden = n === 0; }
    });
    kinds(list);
    document.getElementById('t-avg').textContent = scored.length
      ? F.num(scored.reduce(function (s, p) { return s + p.score; }, 0) / scored.length, 1) : '–';
    document.getElementById('t-a').textContent = list.filter(function (p) { return p.grade === 'A'; }).length;
  }

  /* Only the kinds the fleet has, with their counts: an option that can only show nothing is not offered. */
  var KINDS = [['national', 'kindNational'], ['ministry', 'kindMinistry'], ['province', 'kindProvince']];
  function kinds(list) {
    var select = document.getElementById('kind'), chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    KINDS.forEach(function (k) {
      var n = list.filter(function (p) { return p.kind === k[0]; }).length;
      if (n > 0) {
        var o = F.el('option', null, t(k[1]) + ' (' + n + ')');
        o.value = k[0];
        select.appendChild(o);
      }
    });
    select.value = Array.prototype.some.call(select.options, function (o) { return o.value === chosen; }) ? chosen : '';
  }

  function statusMatches(p, wanted) {
    var k = F.statusKey(p);
    return !wanted || k === wanted || (wanted === 'DOWN' && k === 'CERT');
  }

  function filter() {
    var kind = document.getElementById('kind').value;
    var status = document.getElementById('status-filter').value;
    var q = F.fold(document.getElementById('search').value.trim());
    var shown = 0, total = 0;
    Object.keys(rows).forEach(function (id) {
      var p = portals[id];
      var ok = (!kind || p.kind === kind) && statusMatches(p, status)
        && (!q || F.fold(p.name + ' ' + p.id + ' ' + (p.owner || '')).indexOf(q) >= 0);
      rows[id].tr.hidden = !ok;
      total++;
      if (ok) { shown++; }
    });
    document.getElementById('shown').textContent = t('shown', { n: shown, t: total });
    document.getElementById('board-empty').hidden = shown > 0 || total === 0;
  }

  function feed(cls, text, at) {
    var list = document.getElementById('feed');
    var li = F.el('li', cls);
    li.appendChild(F.el('time', null, F.time(at || new Date().toISOString())));
    li.appendChild(document.createTextNode(text));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > FEED_MAX) { list.lastChild.remove(); }
    document.getElementById('feed-empty').hidden = true;
  }

  /* The criteria that moved the most, e.g. " — security.headers 12 → 6", so the why is on the wall too. */
  function because(moved) {
    if (!moved || !moved.length) { return ''; }
    var top = moved.slice().sort(function (a, b) {
      return Math.abs((b.after || 0) - (b.before || 0)) - Math.abs((a.after || 0) - (a.before || 0));
    }).slice(0, 2);
    return ' — ' + top.map(function (m) { return F.criterion(m.id) + ' ' + F.pts(m.before) + ' → ' + F.pts(m.after); }).join(', ');
  }

  function nameOf(id) { return (portals[id] && portals[id].name) || id; }

  function moveRank(id, from, to) {
    var p = portals[id];
    if (!p || from === to || to === null || to === undefined) { return; }
    p.rank = to;
    if (from !== null && from !== undefined) { mark(id, 'move', from - to); }
    fill(p);
  }

  function onSnapshot(d) {
    var next = {};
    (d.portals || []).forEach(function (p) { next[p.id] = p; });
    var first = Object.keys(portals).length === 0;
    Object.keys(next).forEach(function (id) {
      var before = portals[id], p = next[id];
      if (first || !before) { return; }
      if (before.rank && p.rank && before.rank !== p.rank) { mark(id, 'move', before.rank - p.rank); }
      if (before.grade && p.grade && before.grade !== p.grade) {
        mark(id, 'drift', { from: before.grade, to: p.grade, dir: p.grade < before.grade ? 'up' : 'down' });
      }
    });
    var changed = Object.keys(next).filter(function (id) { return portals[id] && portals[id].status !== next[id].status; });
    portals = next;
    F.fleetMap(d.map);
    document.getElementById('network-banner').hidden = !d.networkSuspect;
    document.body.classList.toggle('net-suspect', !!d.networkSuspect);
    if (d.browser) {
      var note = document.getElementById('browser-note');
      note.hidden = d.browser.available !== false;
      note.textContent = d.browser.available === false ? t('browserOff', { reason: d.browser.reason || '' }) : '';
    }
    renderAll();
    if (first) { recent(); }
    changed.forEach(function (id) { flash(id, next[id].status === 'DOWN' ? 'down' : next[id].status === 'UP' ? 'up' : 'info'); });
  }

  var handlers = {
    snapshot: onSnapshot,
    checked: function (d) {
      var at = d.portals || {};
      Object.keys(at).forEach(function (id) {
        if (portals[id]) { portals[id].checkedAt = at[id]; rows[id].cells.checked.textContent = F.time(at[id]); }
      });
    },
    status: function (d) {
      var p = portals[d.portal];
      if (!p) { return; }
      p.status = d.to;
      p.cause = d.to === 'UP' ? null : (d.cause || p.cause);
      fill(p);
      flash(p.id, d.to === 'DOWN' ? 'down' : d.to === 'UP' ? 'up' : 'info');
      var text = t('evStatus', { name: p.name, from: t('st_' + F.statusKey({ status: d.from })),
        to: t('st_' + F.statusKey({ status: d.to, cause: d.cause })) }) + (d.cause ? ' (' + F.cause(d.cause) + ')' : '');
      feed(d.to === 'DOWN' ? 'down' : d.to === 'UP' ? 'up' : '', text, d.at);
      // Only status changes are read out; rank moves and probes would drown a screen-reader user.
      document.getElementById('announce').textContent = text;
      summary();
      filter();
    },
    grade: function (d) {
      var p = portals[d.portal];
      if (!p) { return; }
      p.grade = d.to;
      if (typeof d.score === 'number') { p.score = d.score; }
      if (d.from && d.to) { mark(p.id, 'drift', { from: d.from, to: d.to, dir: d.to < d.from ? 'up' : 'down' }); }
      fill(p);
      flash(p.id, d.to < d.from ? 'up' : 'down');
      feed(d.to < d.from ? 'up' : 'down', t('evGrade', { name: p.name, from: d.from || '–', to: d.to, score: F.num(d.score, 1) })
        + because(d.moved));
      summary();
    },
    rank: function (d) {
      if (!portals[d.portal]) { return; }
      moveRank(d.portal, d.from, d.to);
      reorderSoon();
      flash(d.portal, d.to < d.from ? 'up' : 'down');
      feed(d.to < d.from ? 'up' : 'down', t('evRank', { name: nameOf(d.portal), from: d.from, to: d.to }));
    },
    browser: function (d) {
      var p = portals[d.portal];
      if (!p) { return; }
      p.browser = p.browser || {};
      p.browser[d.target] = d;
      browserCell(p, rows[p.id].cells.lcp);
    },
    incident: function (d) {
      feed(d.open ? 'down' : 'up', t(d.open ? 'evIncidentOpen' : 'evIncidentClosed', { name: nameOf(d.portal), cause: F.cause(d.cause) || '?' }),
        d.open ? d.start : d.end);
    }
  };

  /* The feed opens with the latest changes the server remembers, not with an empty list. */
  function recent() {
    fetch('/api/v1/events/recent', { cache: 'no-cache' }).then(function (r) { return r.ok ? r.json() : []; }).then(function (events) {
      if (document.getElementById('feed').children.length) { return; }
      events.slice(0, FEED_MAX).reverse().forEach(function (e) { describe(e.event, e.data, e.at); });
    }, function () { /* the feed fills from the stream */ });
  }

  /* A past change as a feed line (the rows already show its result). */
  function describe(name, d, at) {
    var who = (d && d.portal && nameOf(d.portal)) || '';
    if (name === 'status') {
      feed(d.to === 'DOWN' ? 'down' : d.to === 'UP' ? 'up' : '', t('evStatus', { name: who, from: t('st_' + F.statusKey({ status: d.from })),
        to: t('st_' + F.statusKey({ status: d.to, cause: d.cause })) }), d.at || at);
    } else if (name === 'grade' && d.to) {
      feed(d.to < d.from ? 'up' : 'down', t('evGrade', { name: who, from: d.from || '–', to: d.to, score: F.num(d.score, 1) })
        + because(d.moved), at);
    } else if (name === 'rank') {
      feed(d.to < d.from ? 'up' : 'down', t('evRank', { name: who, from: d.from, to: d.to }), at);
    } else if (name === 'incident') {
      feed(d.open ? 'down' : 'up', t(d.open ? 'evIncidentOpen' : 'evIncidentClosed', { name: who, cause: F.cause(d.cause) || '?' }),
        d.open ? d.start : d.end);
    }
  }

  function live(state) {
    var l = document.getElementById('live');
    l.className = 'live ' + (state === 'live' ? 'on' : 'off');
    l.setAttribute('data-i18n', state === 'live' ? 'live' : 'reconnecting');
    l.textContent = t(state === 'live' ? 'live' : 'reconnecting');
  }

  /* The stream delivered: stop polling. */
  function streamWorks() {
    clearTimeout(silentTimer);
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
    document.getElementById('polling').hidden = true;
  }

  function fallback() {
    if (pollTimer) { return; }
    document.getElementById('polling').hidden = false;
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function poll() {
    fetch('/api/v1/portals', { cache: 'no-cache' }).then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (arr) { onSnapshot({ portals: arr }); }, function () { /* the next poll tries again */ });
  }

  function connect() {
    // Per-probe events only move the "checked" column: ask for the coalesced `checked` event instead.
    var url = '/api/v1/events?probes=0' + (lastId ? '&lastEventId=' + encodeURIComponent(lastId) : '');
    es = new EventSource(url);
    clearTimeout(silentTimer);
    silentTimer = setTimeout(fallback, SILENT_AFTER_MS);
    es.onopen = function () { retryMs = 1000; live('live'); };
    es.onerror = function () {
      live('off');
      if (es.readyState === EventSource.CLOSED) {
        // The server refused the stream (cap reached or restarting): EventSource gives up, we do not.
        fallback();
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      }
    };
    Object.keys(handlers).forEach(function (name) {
      es.addEventListener(name, function (e) {
        if (e.lastEventId) { lastId = e.lastEventId; }
        streamWorks();
        try { handlers[name](JSON.parse(e.data)); } catch (err) { if (window.console) { console.warn(name, err); } }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    ['kind', 'status-filter'].forEach(function (id) { document.getElementById(id).addEventListener('change', filter); });
    document.getElementById('search').addEventListener('input', filter);
    document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
    I.onChange(function () { if (Object.keys(portals).length) { renderAll(); } });
    // Arrows and drift marks fade after two minutes even when nothing else happens.
    setInterval(function () {
      var now = Date.now();
      Object.keys(marks).forEach(function (id) {
        var m = marks[id];
        if ((m.move && m.moveUntil <= now) || (m.drift && m.driftUntil <= now)) {
          if (m.moveUntil <= now) { delete m.move; }
          if (m.driftUntil <= now) { delete m.drift; }
          if (portals[id]) { fill(portals[id]); }
        }
      });
    }, 10000);
    // The old wall address: the wall has its own page now, which fits every portal without scrolling.
    if (/[?&]wall=1\b/.test(location.search)) { location.replace('/wall'); return; }
    connect();
    // A page kept in the back/forward cache must not keep its stream: browsers allow six connections per host,
    // and a few cached boards would leave none for the next page.
    window.addEventListener('pagehide', function () { if (es) { es.close(); es = null; } });
    window.addEventListener('pageshow', function (e) { if (e.persisted && !es) { connect(); } });
  });

}());
