/* One portal's page: scorecard with fix hints, the latency chart (uPlot), latest probes, incidents,
   grade history, SLA by month and alert history. Refreshes itself when the event stream mentions it. */
(function () {
  'use strict';
  var I = window.DVC_I18N, F = window.DVC_FMT, t = I.t;
  var id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  var api = '/api/v1/portals/' + encodeURIComponent(id);
  var portal = null, history = [], alerts = [], plot = null, refreshTimer = null;

  function getJson(url) {
    // Revalidate (a cheap 304) rather than reuse a cached copy: a refresh after an event must see the change.
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' }).then(function (r) {
      if (!r.ok) { var e = new Error(url + ': HTTP ' + r.status); e.status = r.status; throw e; }
      return r.json();
    });
  }

  /* What each empty table means: no incidents is good news, not missing data. */
  var EMPTY = { breakdown: 'noBreakdown', latest: 'noProbes', incidents: 'noIncidents', grades: 'noGrades', sla: 'noSla',
    alerts: 'noAlerts' };

  function rowsOf(tableId, items, cells) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.textContent = '';
    if (!items || !items.length) {
      var tr = F.el('tr'), td = F.el('td', 'empty', t(EMPTY[tableId] || 'none'));
      td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    var heads = document.querySelectorAll('#' + tableId + ' thead th');
    items.forEach(function (item) {
      var tr = F.el('tr');
      cells(item).forEach(function (c, i) {
        var td = F.el(i === 0 ? 'th' : 'td', heads[i] && heads[i].classList.contains('num') ? 'num' : null);
        if (i === 0) { td.scope = 'row'; } else if (heads[i]) { td.dataset.label = heads[i].textContent; }
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? '–' : c; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function link(url) {
    if (!url || !/^https?:\/\//i.test(url)) { return url || '–'; }
    var a = F.el('a', null, url);
    a.href = url;
    a.rel = 'noopener noreferrer';
    return a;
  }

  function text(id, value) { document.getElementById(id).textContent = value; }

  function points(b) {
    var wrap = F.el('span');
    var bar = F.el('span', 'bar'), fill = F.el('span');
    if (b.measured === false) {
      wrap.appendChild(F.el('span', 'empty', t('notMeasured') + ' (' + t('of') + ' ' + F.pts(b.max) + ')'));
      return wrap;
    }
    var share = b.max ? Math.max(0, Math.min(1, b.points / b.max)) : 0;
    fill.style.width = Math.round(share * 100) + '%';   // CSSOM, allowed under our CSP
    bar.appendChild(fill);
    bar.setAttribute('aria-hidden', 'true');
    wrap.appendChild(bar);
    // One decimal for what was earned, the model's own maximum (2.5 stays 2.5).
    wrap.appendChild(document.createTextNode(F.num(b.points, 1) + ' / ' + F.pts(b.max)));
    return wrap;
  }

  function minutesBetween(a, b) {
    var end = b ? new Date(b) : new Date();
    return Math.max(0, Math.round((end - new Date(a)) / 60000));
  }

  function latest(p) {
    var l = p.latest || p.latestProbes || [];
    if (!Array.isArray(l)) { l = Object.keys(l).map(function (k) { var v = l[k] || {}; v.target = v.target || k; return v; }); }
    return l;
  }

  /**
   * Lineage on the 2025 map: the portals merged into this one and since when. Retired portals are no longer
   * watched, so they have no page of their own to link to; their past measurements stay in the store.
   */
  function renderLineage(p) {
    var box = document.getElementById('lineage'), before = p.predecessors || [];
    box.hidden = !before.length;
    box.textContent = !before.length ? '' : t('mergedFrom') + ' ' + before.map(function (m) {
      return m.name + ' (' + t('mergedOn', { day: String(m.retired).split('-').reverse().join('/') }) + ')';
    }).join(', ');
  }

  function renderPortal() {
    var p = portal;
    document.title = (p.name || p.id) + ' — dvc-watch';
    text('name', p.name || p.id);
    F.fleetMap(p.map);
    renderLineage(p);
    var g = document.getElementById('grade-big');
    g.textContent = '';
    var badge = F.grade(p.grade);
    badge.classList.add('big');
    g.appendChild(badge);
    text('score', F.num(p.score, 1) + (p.provisional ? ' (' + t('provisional') + ')' : ''));
    text('rank', p.rank === null || p.rank === undefined ? '–' : p.rank);
    var st = document.getElementById('status');
    st.textContent = '';
    st.appendChild(F.status(p));
    text('owner', p.owner || '–');
    text('up24', F.percent((p.uptime || {})['24h']));
    text('up30', F.percent((p.uptime || {})['30d']));
    F.certDays(p.certDaysLeft, document.getElementById('cert'));
    text('checked', F.dateTime(p.checkedAt));
    ['homepage', 'eform'].forEach(function (k) {
      var dd = document.getElementById(k);
      dd.textContent = '';
      var v = link(p[k]);
      if (v instanceof Node) { dd.appendChild(v); } else { dd.textContent = v; }
    });
    renderCaps(p.caps || []);
    renderTodo(p);
    renderDays(p.days || []);
    rowsOf('breakdown', p.breakdown, function (b) {
      return [F.criterionCell(b.id), t(b.pillar) || b.pillar, points(b), F.measurement(b), F.hint(b) || '–'];
    });
    total(p.breakdown || []);
    rowsOf('latest', latest(p), function (r) {
      var ph = r.phases || {};
      return [t(r.target) || r.target, (r.outcome ? t(r.outcome) : '–') + (r.cause ? ' (' + F.cause(r.cause) + ')' : ''),
        r.status, F.ms(ph.dns), F.ms(ph.connect), F.ms(ph.tls), F.ms(ph.ttfb), F.ms(ph.transfer), F.ms(ph.total), F.dateTime(r.at)];
    });
    rowsOf('incidents', (p.incidents || []).slice().reverse(), function (i) {
      return [F.dateTime(i.start), i.end ? F.dateTime(i.end) : t('ongoing'), t('minutes', { n: minutesBetween(i.start, i.end) }),
        F.cause(i.cause), i.ackBy ? t('ackBy', { by: i.ackBy, at: F.dateTime(i.ackAt) }) : t('noAck')];
    });
    rowsOf('grades', (p.gradeHistory || []).slice().reverse(), function (h) {
      return [F.dateTime(h.at), F.grade(h.grade), F.num(h.score, 1) + (sameModel(p, h) ? '' : ' (' + t('modelV', { v: h.modelVersion }) + ')')];
    });
    rowsOf('sla', p.sla, slaCells);
    renderTrend(p);
  }

  /* True when a recorded grade is of the model the portal is scored with now (or either is unknown). */
  function sameModel(p, h) {
    return !p.modelVersion || !h.modelVersion || h.modelVersion === p.modelVersion;
  }

  var trendDays = 7;

  /*
   * Score and grade over the last 7 or 30 days as a step line (the score holds from one recorded grade change
   * to the next: the store keeps a row per change, the latest 50), grade letters where they changed, and the
   * incidents as red bars on the same time axis. A sentence below says the same in words.
   */
  function renderTrend(p) {
    var NS = 'http://www.w3.org/2000/svg', W = 700, H = 170, TOP = 10, BOTTOM = 130, now = Date.now();
    var from = now - trendDays * 86400000;
    var x = function (ms) { return 40 + (Math.max(from, Math.min(now, ms)) - from) / (now - from) * (W - 50); };
    var y = function (score) { return BOTTOM - (score / 100) * (BOTTOM - TOP); };
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', 'trend-summary');
    function add(tag, attrs, text) {
      var e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      svg.appendChild(e);
      return e;
    }
    [0, 50, 100].forEach(function (s) {
      add('line', { x1: 40, x2: W - 10, y1: y(s), y2: y(s), 'class': 'trend-grid' });
      add('text', { x: 34, y: y(s) + 4, 'text-anchor': 'end', 'class': 'trend-axis' }, String(s));
    });
    // One scoring model per line: grades of an older model (before the browser's figures, v1) are listed in the
    // grade history table, never joined to the current model's scores.
    var changes = (p.gradeHistory || []).filter(function (h) { return sameModel(p, h); })
      .sort(function (a, b) { return new Date(a.at) - new Date(b.at); });
    var before = changes.filter(function (h) { return new Date(h.at) < from; }).pop();
    var inside = changes.filter(function (h) { return new Date(h.at) >= from; });
    var steps = (before ? [before] : []).concat(inside), pts = [], scores = [];
    steps.forEach(function (h, i) {
      var at = Math.max(from, new Date(h.at).getTime()), next = i + 1 < steps.length ? new Date(steps[i + 1].at).getTime() : now;
      pts.push(x(at) + ',' + y(h.score), x(next) + ',' + y(h.score));
      scores.push(h.score);
    });
    if (pts.length) { add('polyline', { points: pts.join(' '), 'class': 'trend-score' }); }
    inside.forEach(function (h) {
      add('text', { x: x(new Date(h.at).getTime()), y: y(h.score) - 5, 'text-anchor': 'middle', 'class': 'trend-grade' }, h.grade);
    });
    var incidents = (p.incidents || []).filter(function (i) { return !i.end || new Date(i.end) >= from; }), minutes = 0;
    add('line', { x1: 40, x2: W - 10, y1: 150, y2: 150, 'class': 'trend-grid' });
    incidents.forEach(function (i) {
      var a = x(new Date(i.start).getTime()), b = x(i.end ? new Date(i.end).getTime() : now);
      minutes += minutesBetween(i.start, i.end);
      add('rect', { x: a, y: 142, width: Math.max(3, b - a), height: 16, 'class': 'trend-incident' })
        .appendChild(document.createElementNS(NS, 'title')).textContent = F.dateTime(i.start) + ' · ' + F.cause(i.cause);
    });
    add('text', { x: 40, y: H - 1, 'class': 'trend-axis' }, F.dateTime(new Date(from).toISOString()));
    add('text', { x: W - 10, y: H - 1, 'text-anchor': 'end', 'class': 'trend-axis' }, F.dateTime(new Date(now).toISOString()));
    var box = document.getElementById('trend');
    box.textContent = '';
    box.appendChild(svg);
    var vars = { days: trendDays, changes: inside.length, incidents: incidents.length, minutes: minutes,
      min: scores.length ? F.num(Math.min.apply(null, scores), 1) : '–', max: scores.length ? F.num(Math.max.apply(null, scores), 1) : '–',
      grade: steps.length ? steps[steps.length - 1].grade : '–' };
    document.getElementById('trend-summary').textContent = steps.length ? t('trendSummary', vars) : t('trendNone', vars);
    ['range-7', 'range-30'].forEach(function (id) {
      var b = document.getElementById(id);
      b.setAttribute('aria-pressed', String(Number(b.dataset.days) === trendDays));
    });
  }

  /* 90 days, one cell per Vietnam day, oldest first. Every cell carries its day and uptime as text (read by
     screen readers), the summary says it in words, and the days below 99.9 % are listed in a table: nothing is
     hover-only. */
  function renderDays(days) {
    var byDay = {};
    days.forEach(function (d) { byDay[d.day] = d; });
    var ol = document.getElementById('days'), body = document.querySelector('#days-table tbody');
    ol.textContent = '';
    body.textContent = '';
    var ok = 0, bad = 0, none = 0, today = F.parts(new Date());
    var base = Date.UTC(+today.y, +today.mo - 1, +today.d);
    for (var i = 89; i >= 0; i--) {
      var dt = new Date(base - i * 86400000), key = dt.toISOString().slice(0, 10), d = byDay[key];
      var label = key.slice(8, 10) + '/' + key.slice(5, 7) + '/' + key.slice(0, 4);
      var level = !d ? 'none' : d.uptime >= 99.9 ? 'ok' : d.uptime >= 99 ? 'warn' : 'bad';
      var li = F.el('li', 'day day-' + level);
      li.appendChild(F.el('span', 'sr-only', d ? t('dayCell', { day: label, uptime: F.percent(d.uptime) }) : t('dayNone', { day: label })));
      li.title = d ? label + ': ' + F.percent(d.uptime) : t('dayNone', { day: label });
      ol.appendChild(li);
      if (!d) { none++; } else if (level === 'ok') { ok++; } else {
        bad++;
        var tr = F.el('tr'), th = F.el('th', null, label);
        th.scope = 'row';
        tr.appendChild(th);
        tr.appendChild(F.el('td', 'num', F.percent(d.uptime)));
        tr.appendChild(F.el('td', 'num', d.probes));
        body.insertBefore(tr, body.firstChild);
      }
    }
    if (!bad) {
      var tr0 = F.el('tr'), td0 = F.el('td', 'empty', t('noBadDays'));
      td0.colSpan = 3;
      tr0.appendChild(td0);
      body.appendChild(tr0);
    }
    document.getElementById('days-summary').textContent = t('daysSummary', { ok: ok, bad: bad, none: none });
  }

  /* The IT team's to-do list: each fix with the points it wins back, most first, and where the score gets to.
     A cap that bites comes first: until it is lifted the other fixes win back little. The grade reached is
     named only when the API gives the bands ({A: 90, ...}). */
  function renderTodo(p) {
    var items = (p.breakdown || []).filter(function (b) { return b.measured !== false && b.max - b.points > 0.005; })
      .map(function (b) { return { id: b.id, gain: b.max - b.points, fix: F.hint(b) }; })
      .sort(function (a, b) { return b.gain - a.gain; });
    (p.caps || []).filter(function (c) { return c.points < 0; }).forEach(function (c) {
      items.unshift({ id: c.id, gain: -c.points, fix: F.hint(c), cap: true });
    });
    var ol = document.getElementById('todo'), score = typeof p.score === 'number' ? p.score : null;
    document.getElementById('todo-section').hidden = !(p.breakdown || []).length;
    ol.textContent = '';
    if (!items.length) { ol.appendChild(F.el('li', 'empty', t('todoDone'))); return; }
    items.slice(0, 10).forEach(function (it) {
      var li = F.el('li');
      li.appendChild(F.el('span', 'todo-gain', t('todoGain', { n: F.pts(Math.round(it.gain * 10) / 10) })));
      var what = F.criterionCell(it.id);
      if (it.cap) { what.insertBefore(F.el('span', 'todo-cap', t('todoCap') + ': '), what.firstChild); }
      li.appendChild(what);
      if (it.fix) { li.appendChild(F.el('span', 'todo-fix', it.fix)); }
      if (score !== null) {
        score = Math.min(100, score + it.gain);
        var grade = gradeFor(score, p.bands);
        li.appendChild(F.el('span', 'todo-reach', grade ? t('todoReachGrade', { score: F.num(score, 1), grade: grade })
          : t('todoReach', { score: F.num(score, 1) })));
      }
      ol.appendChild(li);
    });
  }

  function gradeFor(score, bands) {
    if (!bands || typeof bands !== 'object') { return null; }
    var best = null;
    Object.keys(bands).forEach(function (g) { if (score >= bands[g] && (best === null || bands[g] > bands[best])) { best = g; } });
    return best || 'E';
  }

  /* A cap in words: what it is, why it applies, how to lift it and the points it takes away now. */
  function renderCaps(caps) {
    document.getElementById('caps-section').hidden = caps.length === 0;
    var ul = document.getElementById('caps');
    ul.textContent = '';
    caps.forEach(function (c) {
      var li = F.el('li');
      li.appendChild(F.criterionCell(c.id));
      var cost = -(c.points || 0);
      li.appendChild(F.el('span', 'cap-cost', cost > 0 ? t('pointsCost', { n: F.pts(cost) }) : t('capNoBite')));
      var dl = F.el('dl');
      [['capReason', F.measurement(c)], ['capFix', F.hint(c)]].forEach(function (kv) {
        if (!kv[1]) { return; }
        dl.appendChild(F.el('dt', null, t(kv[0])));
        dl.appendChild(F.el('dd', null, kv[1]));
      });
      li.appendChild(dl);
      ul.appendChild(li);
    });
  }

  /* An SLA month: the budget is a share (1.0 = all of it), a month without observations was not monitored, and
     the verdict compares the uptime with the target (the month in progress is only "so far"). */
  function slaCells(s) {
    var watched = s.uptime !== null && s.uptime !== undefined;
    var current = s.month === currentMonth();
    var verdict = F.el('span', 'verdict');
    if (!watched) {
      verdict.textContent = t('notWatched');
      verdict.classList.add('none');
    } else {
      var met = s.target === null || s.target === undefined || s.uptime >= s.target;
      verdict.classList.add(met ? 'met' : 'breached');
      var icon = F.el('span', 'icon', met ? '✓ ' : '✕ ');
      icon.setAttribute('aria-hidden', 'true');
      verdict.appendChild(icon);
      verdict.appendChild(document.createTextNode(t(met ? 'met' : 'breached') + (current ? t('sofar') : '')));
    }
    var budget = s.errorBudgetRemaining === null || s.errorBudgetRemaining === undefined ? '–'
      : F.num(Math.round(s.errorBudgetRemaining * 100), 0).replace('-', '−') + ' %';
    var target = s.target === null || s.target === undefined ? '–' : F.pts(s.target) + ' %';
    if (!watched) { return [F.month(s.month), target, t('notWatched'), '–', '–', '–', verdict]; }
    return [F.month(s.month), target, F.percent(s.uptime), t('minutes', { n: F.num(s.downtimeMinutes, 0) }), s.incidents, budget,
      verdict];
  }

  function currentMonth() {
    var p = F.parts(new Date());
    return p.y + '-' + p.mo;
  }

  /* The sum under the breakdown: every point of the score is one of the rows above it. */
  function total(items) {
    var foot = document.querySelector('#breakdown tfoot');
    foot.textContent = '';
    if (!items.length) { return; }
    var sum = items.reduce(function (a, b) { return a + (b.points || 0); }, 0);
    var max = items.reduce(function (a, b) { return a + (b.max || 0); }, 0);
    var tr = F.el('tr'), th = F.el('th', null, t('total')), td = F.el('td', null, F.num(sum, 1) + ' / ' + F.pts(max));
    th.scope = 'row';
    th.colSpan = 2;
    td.colSpan = 3;
    tr.appendChild(th);
    tr.appendChild(td);
    foot.appendChild(tr);
  }

  function renderAlerts() {
    rowsOf('alerts', alerts, function (a) { return [F.dateTime(a.sentAt || a.createdAt), a.kind, a.subject]; });
  }

  function chartData() {
    var series = { 'homepage:ttfb': {}, 'homepage:total': {}, 'eform:ttfb': {}, 'eform:total': {} };
    var xs = {};
    history.forEach(function (h) {
      var x = Math.round(new Date(h.at).getTime() / 1000);
      if (isNaN(x)) { return; }
      xs[x] = true;
      var ph = h.phases || {};
      ['ttfb', 'total'].forEach(function (k) {
        var key = h.target + ':' + k;
        if (series[key] && ph[k] !== null && ph[k] !== undefined) { series[key][x] = ph[k]; }
      });
    });
    var x = Object.keys(xs).map(Number).sort(function (a, b) { return a - b; });
    var out = [x];
    Object.keys(series).forEach(function (k) {
      out.push(x.map(function (v) { return series[k][v] === undefined ? null : series[k][v]; }));
    });
    return out;
  }

  /* Axis ticks in Vietnam time, day first: hours within a day, dd/MM across days. */
  function axisTimes(u, splits, ai, space, incr) {
    return splits.map(function (ts) {
      var p = F.parts(new Date(ts * 1000));
      return incr >= 86400 ? p.d + '/' + p.mo : p.h + ':' + p.mi;
    });
  }

  function msValue(u, v) { return v === null || v === undefined ? '–' : F.num(v, 0) + ' ms'; }

  function renderChart() {
    var box = document.getElementById('chart');
    if (!window.uPlot) { return; }
    var data = chartData();
    var opts = {
      width: Math.max(300, box.clientWidth - 16), height: 300,
      scales: { x: { time: true } },
      series: [
        { label: t('time'), value: function (u, v) { return v === null || v === undefined ? '–' : F.dateTime(new Date(v * 1000)); } },
        { label: t('homepage') + ' · TTFB', stroke: '#0b57d0', width: 1.5, spanGaps: true, value: msValue },
        { label: t('homepage') + ' · ' + t('seriesTotal'), stroke: '#15803d', width: 1.5, spanGaps: true, value: msValue },
        { label: t('eform') + ' · TTFB', stroke: '#b45309', width: 1.5, spanGaps: true, value: msValue },
        { label: t('eform') + ' · ' + t('seriesTotal'), stroke: '#9333ea', width: 1.5, spanGaps: true, value: msValue }
      ],
      // Ticks and legend values in the page's number format (uPlot's own follow the browser's locale).
      axes: [{ values: axisTimes }, { label: 'ms', values: function (u, splits) { return splits.map(function (v) { return F.num(v, 0); }); } }]
    };
    if (plot) { plot.destroy(); }
    box.textContent = '';
    plot = new window.uPlot(opts, data, box);
  }

  function load() {
    return getJson(api).then(function (p) {
      portal = p;
      document.getElementById('error').hidden = true;
      renderPortal();
    }).catch(function (e) {
      var err = document.getElementById('error');
      err.hidden = false;
      err.textContent = t(e.status === 404 ? 'notFoundPortal' : 'loadFailedRetry');
      if (!portal) { nameFromRanking(); }
      if (e.status !== 404) { clearTimeout(refreshTimer); refreshTimer = setTimeout(load, 60000); }
    }).then(function () {
      return Promise.all([
        getJson(api + '/history').then(function (h) { history = h; renderChart(); }, function () { history = []; renderChart(); }),
        getJson(api + '/alerts').then(function (a) { alerts = a; renderAlerts(); }, function () { alerts = []; renderAlerts(); })
      ]);
    });
  }

  /* When the portal's own figures fail, the heading still names it (the ranking is served from memory). */
  function nameFromRanking() {
    text('name', id);
    getJson('/api/v1/portals').then(function (list) {
      var p = list.filter(function (x) { return x.id === id; })[0];
      if (p && !portal) {
        text('name', p.name || id);
        document.title = (p.name || id) + ' — dvc-watch';
      }
    }, function () { /* the heading keeps the id */ });
  }

  var es = null;
  function listen() {
    // Per-probe events are most of the stream and this page listens to none of them.
    es = new EventSource('/api/v1/events?probes=0');
    ['status', 'grade', 'rank', 'incident'].forEach(function (name) {
      es.addEventListener(name, function (e) {
        try { if (JSON.parse(e.data).portal === id) { refreshSoon(); } } catch (err) { /* ignore a bad event */ }
      });
    });
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 1500);
  }

  document.addEventListener('DOMContentLoaded', function () {
    ['range-7', 'range-30'].forEach(function (id) {
      document.getElementById(id).addEventListener('click', function (e) {
        trendDays = Number(e.currentTarget.dataset.days);
        if (portal) { renderTrend(portal); }
      });
    });
    I.onChange(function () { if (portal) { renderPortal(); renderAlerts(); renderChart(); } });
    window.addEventListener('resize', function () { if (plot) { plot.setSize({ width: Math.max(300, document.getElementById('chart').clientWidth - 16), height: 300 }); } });
    load();
    listen();
    // Not kept open by a page in the back/forward cache (six connections per host).
    window.addEventListener('pagehide', function () { if (es) { es.close(); es = null; } });
    window.addEventListener('pageshow', function (e) { if (e.persisted && !es) { listen(); load(); } });
  });
}());
