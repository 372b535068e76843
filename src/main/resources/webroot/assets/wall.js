/* The wall screen (/wall): every portal at once as tiles sized to fill the screen (no scrolling, nothing that
   moves by itself), the current problems and today's grade changes pinned on top in large type, and a loud
   stale state. Data comes from the event stream without per-probe events (?probes=0: a coalesced `checked`
   event instead); when the stream is refused or stays silent (a proxy that buffers it), the wall polls
   /api/v1/portals until the stream works again. */
(function () {
  'use strict';
  var I = window.DVC_I18N, F = window.DVC_FMT, t = I.t;
  var STALE_AFTER_MS = 3 * 60000;     // newest measurement older than this: the screen says so, loudly
  var SILENT_AFTER_MS = 20000;        // no snapshot this long after connecting: the stream is blocked
  // An open stream that brings nothing this long has stalled (a proxy holding it): the server sends a `checked`
  // event every 20 s while the fleet is probed. The wall then polls and opens a new stream. (A test may shorten it.)
  var STALL_AFTER_MS = window.DVC_WALL_STALL_MS || 65000;
  var POLL_MS = 30000;
  var STRIP_MAX = 6;
  var MIN_ROW_PX = 52;                // 83 portals at 1080 px: 6 columns of 14 rows, names in 24 px type
  var TREND_DAYS = 7, TREND_MS = 10 * 60000; // one request for every tile's trend, every 10 minutes
  // While the fleet's first round is being scored the server re-renders trends every 5 s: ask again after 6 s,
  // for at most three minutes. (A test may shorten it.)
  var TREND_RETRY_MS = window.DVC_WALL_TREND_RETRY_MS || 6000, trendRetries = 30, trendRetry = null;
  var portals = {}, changes = [], trends = null, es = null, retryMs = 1000, pollTimer = null, silentTimer = null, lastId = null;
  var loaded = false;                 // a snapshot (or a poll) has named the portals
  var lastEventAt = 0;                // when the open stream last delivered an event

  function list() {
    return Object.keys(portals).map(function (id) { return portals[id]; })
      .sort(function (a, b) { return (a.rank || 1e9) - (b.rank || 1e9) || String(a.id).localeCompare(String(b.id)); });
  }

  /* "Cổng Dịch vụ công Hà Nội" is "Hà Nội" on a tile: the prefix is the same on all 83. */
  function shortName(p) {
    var s = String(p.name || p.id).replace(/^Cổng (Dịch vụ công|DVC)\s*(của\s*)?/i, '').replace(/^(tỉnh|thành phố|TP\.)\s+/i, '');
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : p.id;
  }

  function tile(p) {
    var li = F.el('li', 'wall-tile ' + F.statusClass(p));
    li.dataset.id = p.id;
    li.appendChild(F.el('span', 'w-rank', p.rank === null || p.rank === undefined ? '–' : p.rank));
    var name = F.el('a', 'w-name', shortName(p));
    name.href = '/portals/' + encodeURIComponent(p.id);
    name.title = p.name || p.id;
    li.appendChild(name);
    // The grade with the 7-day trend under it: one column, so the name keeps its width.
    var score = F.el('span', 'w-score'), g = F.grade(p.grade);
    g.title = F.num(p.score, 1);
    score.appendChild(g);
    score.appendChild(spark(p));
    li.appendChild(score);
    li.appendChild(F.status(p));
    return li;
  }

  var SVG = 'http://www.w3.org/2000/svg', SPARK_W = 60, SPARK_H = 20;

  /* The score over the last 7 days as a small step line (it holds between grade changes), with the same in
     words for screen readers and a hover title: "Điểm 7 ngày: 72,0 → 95,0". Until the trends arrive: empty. */
  function spark(p) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'w-trend');
    svg.setAttribute('viewBox', '0 0 ' + SPARK_W + ' ' + SPARK_H);
    svg.setAttribute('focusable', 'false');
    var pts = trends && trends.portals && trends.portals[p.id];
    if (!pts || !pts.length) { svg.setAttribute('aria-hidden', 'true'); return svg; }
    var from = new Date(trends.from).getTime(), to = new Date(trends.to).getTime();
    var scores = pts.map(function (x) { return x.score; });
    var lo = Math.min.apply(null, scores), hi = Math.max.apply(null, scores);
    if (hi - lo < 10) { var mid = (hi + lo) / 2; lo = mid - 5; hi = mid + 5; }   // small wiggles stay small
    function x(at) { return Math.max(0, Math.min(SPARK_W, (new Date(at).getTime() - from) / (to - from) * SPARK_W)); }
    function y(v) { return 2 + (hi - v) / (hi - lo) * (SPARK_H - 4); }
    var line = [], i;
    for (i = 0; i < pts.length; i++) {
      if (i > 0) { line.push(x(pts[i].at).toFixed(1) + ',' + y(pts[i - 1].score).toFixed(1)); }
      line.push(x(pts[i].at).toFixed(1) + ',' + y(pts[i].score).toFixed(1));
    }
    var first = pts[0].score, last = pts[pts.length - 1].score;
    var dir = pts.length < 2 ? 'new' : last - first >= 1 ? 'up' : last - first <= -1 ? 'down' : 'flat';
    svg.setAttribute('class', 'w-trend ' + dir);
    // A portal with no grade history yet has only its current score: a dot, and words that say so (not "flat").
    var mark = document.createElementNS(SVG, pts.length < 2 ? 'circle' : 'polyline');
    if (pts.length < 2) {
      mark.setAttribute('cx', SPARK_W - 3);
      mark.setAttribute('cy', SPARK_H / 2);
      mark.setAttribute('r', 3);
    } else {
      mark.setAttribute('points', line.join(' '));
    }
    svg.appendChild(mark);
    var words = pts.length < 2 ? t('trendWallNew', { days: trends.days || TREND_DAYS, to: F.num(last, 1) })
      : t('trendWall', { days: trends.days || TREND_DAYS, from: F.num(first, 1), to: F.num(last, 1) });
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', words);
    var title = document.createElementNS(SVG, 'title');
    title.textContent = words;
    svg.appendChild(title);
    return svg;
  }

  function loadTrends() {
    return fetch('/api/v1/trends?days=' + TREND_DAYS, { cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (d) { trends = d; if (loaded) { render(); } }, function () { /* tiles keep their last trend */ });
  }

  /* A wall opened while the fleet's first round is still being scored gets trends for only part of it: ask
     again soon rather than leave those tiles empty until the ten-minute refresh. */
  function trendsLater() {
    if (trendRetry || !loaded || !trends || trendRetries <= 0) { return; }
    var missing = Object.keys(portals).some(function (id) {
      var pts = trends.portals && trends.portals[id];
      return typeof portals[id].score === 'number' && !(pts && pts.length);
    });
    if (missing) {
      trendRetries--;
      trendRetry = setTimeout(function () { trendRetry = null; loadTrends(); }, TREND_RETRY_MS);
    }
  }

  function render() {
    var all = list(), box = document.getElementById('tiles');
    box.textContent = '';
    all.forEach(function (p) { box.appendChild(tile(p)); });
    document.getElementById('fleet').textContent = t('fleetCount', { n: all.length });
    problems(all);
    grades();
    layout();
    freshness();
    trendsLater();
  }

  function problems(all) {
    var ul = document.getElementById('problems'), order = { DOWN: 0, CERT: 1, FLAPPING: 2, PARTIAL: 3, DEGRADED: 4 };
    ul.textContent = '';
    var bad = all.filter(function (p) { return order[F.statusKey(p)] !== undefined; })
      .sort(function (a, b) { return order[F.statusKey(a)] - order[F.statusKey(b)] || (a.rank || 1e9) - (b.rank || 1e9); });
    if (!bad.length) { ul.appendChild(F.el('li', 'ok', t('noProblemsNow'))); return; }
    // Two lines of large type hold about six; the rest are counted (their tiles are red below).
    var more = bad.length > STRIP_MAX ? bad.length - (STRIP_MAX - 1) : 0;
    bad.slice(0, more ? STRIP_MAX - 1 : STRIP_MAX).forEach(function (p) {
      var li = F.el('li', F.statusClass(p));
      li.appendChild(F.status(p));
      li.appendChild(F.el('strong', null, ' ' + shortName(p)));
      if (p.cause && F.statusKey(p) !== 'CERT') { li.appendChild(F.el('span', 'w-cause', ' (' + F.cause(p.cause) + ')')); }
      ul.appendChild(li);
    });
    var moreLi = F.el('li', 'more', t('andMore', { n: more }));
    if (more) { ul.appendChild(moreLi); }
    // Long names fill the two lines before six do, and what overflows is hidden: drop items from the end into
    // the count until the count itself is visible, so the strip never under-reports the problems.
    while (ul.scrollHeight > ul.clientHeight + 1 && ul.children.length > 1) {
      var last = moreLi.parentNode ? moreLi.previousSibling : ul.lastChild;
      if (!last || last === ul.firstChild) { break; }
      ul.removeChild(last);
      more++;
      moreLi.textContent = t('andMore', { n: more });
      if (!moreLi.parentNode) { ul.appendChild(moreLi); }
    }
  }

  /* Today's grade changes (Vietnam day), newest first, from the replay ring and the stream. */
  function today(iso) {
    var a = F.parts(new Date(iso)), b = F.parts(new Date());
    return a.y === b.y && a.mo === b.mo && a.d === b.d;
  }

  function grades() {
    var ul = document.getElementById('changes');
    ul.textContent = '';
    // Until a snapshot names the portals the strip says it is loading: an id is no name for the room.
    if (!loaded) { ul.appendChild(F.el('li', 'empty', t('loading'))); return; }
    var shown = changes.filter(function (c) { return today(c.at) && portals[c.portal]; }).slice(0, 4);
    if (!shown.length) { ul.appendChild(F.el('li', 'empty', t('noGradeChanges'))); return; }
    shown.forEach(function (c) {
      var p = portals[c.portal];
      var li = F.el('li', c.to < c.from ? 'up' : 'down');
      li.appendChild(F.el('strong', null, shortName(p) + ' '));
      li.appendChild(F.grade(c.from));
      li.appendChild(document.createTextNode(' → '));
      li.appendChild(F.grade(c.to));
      li.appendChild(F.el('span', 'w-cause', ' ' + F.time(c.at).slice(0, 5)));
      ul.appendChild(li);
    });
  }

  function addChange(d, at) {
    if (!d || !d.from || !d.to) { return; }
    changes.unshift({ portal: d.portal, from: d.from, to: d.to, at: at || d.at || new Date().toISOString() });
    changes = changes.slice(0, 50);
  }

  /* As many columns as it takes for every tile to fit the screen at a size still readable across the room. */
  function layout() {
    var box = document.getElementById('tiles'), main = document.getElementById('wall-main');
    var n = box.children.length;
    if (!n) { return; }
    var h = main.clientHeight, cols = 1, rows = n;
    for (cols = 1; cols < 12; cols++) {
      rows = Math.ceil(n / cols);
      if (h / rows >= MIN_ROW_PX) { break; }
    }
    rows = Math.ceil(n / cols);
    var rowH = Math.floor(h / rows);
    box.style.setProperty('--rows', rows);        // CSSOM: allowed under our CSP
    box.style.setProperty('--cols', cols);
    box.style.setProperty('--row-h', rowH + 'px');
    box.style.setProperty('--tile-font', Math.max(14, Math.min(30, Math.floor(rowH * 0.42))) + 'px');
  }

  function newest() {
    var max = 0;
    Object.keys(portals).forEach(function (id) {
      var at = portals[id].checkedAt ? new Date(portals[id].checkedAt).getTime() : 0;
      if (at > max) { max = at; }
    });
    return max ? new Date(max) : null;
  }

  /* "cập nhật N phút trước", and a banner plus dimmed tiles when the newest figure is too old. */
  function freshness() {
    var at = newest(), ago = at ? F.ago(at) : null;
    document.getElementById('fresh').textContent = ago || '';
    var stale = !at || Date.now() - at.getTime() > STALE_AFTER_MS;
    var hasData = Object.keys(portals).length > 0;
    document.body.classList.toggle('stale', hasData && stale);
    var banner = document.getElementById('stale');
    banner.hidden = !(hasData && stale) && !pollTimer;
    var says = hasData && stale ? t('staleData', { ago: ago || '–' }) + (pollTimer ? ' ' + t('polling') : '') : t('polling');
    // An alert is read out when its text changes: rewrite it only then, not at every 10-second tick.
    if (banner.textContent !== says) { banner.textContent = says; }
    // The banner takes height from the tiles; the observer on the tiles' area (below) fits them again.
    var p = F.parts(new Date());
    document.getElementById('clock').textContent = p.h + ':' + p.mi;
  }

  function onSnapshot(d) {
    loaded = true;
    portals = {};
    (d.portals || []).forEach(function (p) { portals[p.id] = p; });
    document.body.classList.toggle('net-suspect', !!d.networkSuspect);
    F.fleetMap(d.map);
    render();
  }

  function patch(id, fields) {
    var p = portals[id];
    if (!p) { return; }
    Object.keys(fields).forEach(function (k) { p[k] = fields[k]; });
    later();
  }

  /* A re-evaluation sends a burst of rank, grade and status events; redrawing all 83 tiles (and measuring them)
     for each one kept the page busy for tens of seconds in the demo's first minutes. One redraw per frame. */
  var pending = 0;
  function later() {
    if (pending) { return; }
    pending = requestAnimationFrame(function () { pending = 0; render(); });
  }

  var handlers = {
    snapshot: function (d) { streamWorks(); onSnapshot(d); },
    status: function (d) { patch(d.portal, { status: d.to, cause: d.to === 'UP' ? null : d.cause }); },
    grade: function (d) {
      var f = { grade: d.to };
      if (typeof d.score === 'number') { f.score = d.score; }
      addChange(d);
      patch(d.portal, f);
    },
    rank: function (d) { patch(d.portal, { rank: d.to }); },
    checked: function (d) {
      var at = d.portals || {};
      Object.keys(at).forEach(function (id) { if (portals[id]) { portals[id].checkedAt = at[id]; } });
      freshness();
    },
    probe: function (d) { if (portals[d.portal]) { portals[d.portal].checkedAt = d.at; } }
  };

  function live(on) {
    var l = document.getElementById('live');
    l.className = 'live ' + (on ? 'on' : 'off');
    l.textContent = t(on ? 'live' : 'reconnecting');
  }

  /* The stream delivered: stop polling. */
  function streamWorks() {
    lastEventAt = Date.now();
    retryMs = 1000;
    clearTimeout(silentTimer);
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
    live(true);
  }

  /* The stream is refused or silent: read the ranking every 30 s until it works again. */
  function fallback() {
    live(false);
    if (pollTimer) { return; }
    poll();
    pollTimer = setInterval(poll, POLL_MS);
    freshness();
  }

  function poll() {
    fetch('/api/v1/portals', { cache: 'no-cache' }).then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (arr) { onSnapshot({ portals: arr }); }, function () { freshness(); });
  }

  /* Checked every few seconds: an open stream silent for too long is closed, the wall polls, and a new one opens. */
  function stallCheck() {
    if (!es || es.readyState !== EventSource.OPEN || !lastEventAt || Date.now() - lastEventAt < STALL_AFTER_MS) { return; }
    es.close();
    es = null;
    lastEventAt = 0;
    lastId = null;                    // a fresh snapshot proves the new stream delivers
    fallback();
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 60000);
  }

  function connect() {
    if (es) { es.close(); }
    var url = '/api/v1/events?probes=0' + (lastId ? '&lastEventId=' + encodeURIComponent(lastId) : '');
    es = new EventSource(url);
    clearTimeout(silentTimer);
    silentTimer = setTimeout(fallback, SILENT_AFTER_MS);
    var mine = es;
    es.onerror = function () {
      if (mine !== es) { return; }
      if (es.readyState === EventSource.CLOSED) {
        fallback();
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 60000);
      } else {
        live(false);
      }
    };
    Object.keys(handlers).forEach(function (name) {
      es.addEventListener(name, function (e) {
        if (e.lastEventId) { lastId = e.lastEventId; }
        if (name !== 'snapshot') { streamWorks(); }
        try { handlers[name](JSON.parse(e.data)); } catch (err) { if (window.console) { console.warn(name, err); } }
      });
    });
  }

  /* Today's grade changes that happened before the wall was switched on, from the server's replay ring. */
  function recent() {
    return fetch('/api/v1/events/recent', { cache: 'no-cache' }).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (events) {
        events.filter(function (e) { return e.event === 'grade'; }).forEach(function (e) { addChange(e.data, e.data.at || e.at); });
        changes.sort(function (a, b) { return String(b.at).localeCompare(String(a.at)); });
        grades();
      }, function () { /* the strip stays as the stream fills it */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    I.onChange(render);
    // Anything that changes the tiles' area (the window, the stale banner shown, hidden or wrapping onto another
    // line, the header's text, a late font) changes its size: fit the tiles again then, or the last row is cut off.
    // The area is a flex item whose height the page gives it, not its content, so fitting cannot loop. Without the
    // observer, only the window's resizes are seen.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { layout(); }).observe(document.getElementById('wall-main'));
    } else {
      window.addEventListener('resize', layout);
    }
    setInterval(freshness, 10000);
    setInterval(stallCheck, Math.min(5000, STALL_AFTER_MS / 2));
    grades();
    recent();
    loadTrends();
    setInterval(loadTrends, TREND_MS);
    connect();
    window.addEventListener('pagehide', function () { if (es) { es.close(); es = null; } });
    window.addEventListener('pageshow', function (e) { if (e.persisted && !es) { connect(); } });
  });
}());
