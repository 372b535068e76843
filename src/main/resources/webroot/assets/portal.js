/* One portal's page: scorecard with fix hints, the latency chart (uPlot), latest probes, incidents,
   grade history, SLA by month and alert history. Refreshes itself when the event stream mentions it. */
(function () {
  'use strict';
  var I = window.DVC_I18N, F = window.DVC_FMT, t = I.t;
  var id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  var api = '/api/v1/portals/' + encodeURIComponent(id);
  var portal = null, history = [], alerts = [], plot = null, refreshTimer = null;

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function rowsOf(tableId, items, cells) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.textContent = '';
    if (!items || !items.length) {
      var tr = F.el('tr'), td = F.el('td', 'empty', t('none'));
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
        if (i === 0) { td.scope = 'row'; }
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
    var share = b.max ? Math.max(0, Math.min(1, b.points / b.max)) : 0;
    fill.style.width = Math.round(share * 100) + '%';   // CSSOM, allowed under our CSP
    bar.appendChild(fill);
    wrap.appendChild(bar);
    wrap.appendChild(document.createTextNode(F.num(b.points, 1) + ' / ' + F.num(b.max, 0)));
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

  function renderPortal() {
    var p = portal;
    document.title = (p.name || p.id) + ' — dvc-watch';
    text('name', p.name || p.id);
    var g = document.getElementById('grade-big');
    g.textContent = '';
    var badge = F.grade(p.grade);
    badge.classList.add('big');
    g.appendChild(badge);
    text('score', F.num(p.score, 1) + (p.provisional ? ' (' + t('provisional') + ')' : ''));
    text('rank', p.rank === null || p.rank === undefined ? '–' : p.rank);
    var st = document.getElementById('status');
    st.textContent = '';
    st.className = F.statusClass(p.status);
    st.appendChild(F.el('span', 'status', t(p.status || 'UNKNOWN')));
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
    var caps = p.caps || [];
    document.getElementById('caps-section').hidden = caps.length === 0;
    var ul = document.getElementById('caps');
    ul.textContent = '';
    caps.forEach(function (c) { ul.appendChild(F.el('li', null, typeof c === 'string' ? c : (c.reason || c.id || JSON.stringify(c)))); });
    var en = I.lang() === 'en';
    rowsOf('breakdown', p.breakdown, function (b) {
      return [t(b.pillar) || b.pillar, b.id, points(b), b.measurement, (en && b.hintEn) ? b.hintEn : (b.hint || '–')];
    });
    total(p.breakdown || []);
    rowsOf('latest', latest(p), function (r) {
      var ph = r.phases || {};
      return [t(r.target) || r.target, (r.outcome ? t(r.outcome) : '–') + (r.cause ? ' (' + F.cause(r.cause) + ')' : ''),
        r.status, F.ms(ph.ttfb), F.ms(ph.total), F.dateTime(r.at)];
    });
    rowsOf('incidents', (p.incidents || []).slice().reverse(), function (i) {
      return [F.dateTime(i.start), i.end ? F.dateTime(i.end) : t('ongoing'), t('minutes', { n: minutesBetween(i.start, i.end) }),
        F.cause(i.cause)];
    });
    rowsOf('grades', (p.gradeHistory || []).slice().reverse(), function (h) {
      return [F.dateTime(h.at), F.grade(h.grade), F.num(h.score, 1)];
    });
    rowsOf('sla', p.sla, function (s) {
      return [s.month, F.percent(s.uptime), F.num(s.downtimeMinutes, 0), s.incidents, F.percent(s.errorBudgetRemaining)];
    });
  }

  /* The sum under the breakdown: every point of the score is one of the rows above it. */
  function total(items) {
    var foot = document.querySelector('#breakdown tfoot');
    foot.textContent = '';
    if (!items.length) { return; }
    var sum = items.reduce(function (a, b) { return a + (b.points || 0); }, 0);
    var max = items.reduce(function (a, b) { return a + (b.max || 0); }, 0);
    var tr = F.el('tr'), th = F.el('th', null, t('total')), td = F.el('td', null, F.num(sum, 1) + ' / ' + F.num(max, 0));
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

  function renderChart() {
    var box = document.getElementById('chart');
    if (!window.uPlot) { return; }
    var data = chartData();
    var opts = {
      width: Math.max(300, box.clientWidth - 16), height: 300,
      scales: { x: { time: true } },
      series: [
        {},
        { label: t('homepage') + ' · TTFB', stroke: '#0b57d0', width: 1.5, spanGaps: true },
        { label: t('homepage') + ' · ' + t('seriesTotal'), stroke: '#15803d', width: 1.5, spanGaps: true },
        { label: t('eform') + ' · TTFB', stroke: '#b45309', width: 1.5, spanGaps: true },
        { label: t('eform') + ' · ' + t('seriesTotal'), stroke: '#9333ea', width: 1.5, spanGaps: true }
      ],
      axes: [{}, { label: 'ms' }]
    };
    if (plot) { plot.destroy(); }
    box.textContent = '';
    plot = new window.uPlot(opts, data, box);
  }

  function load() {
    return getJson(api).then(function (p) {
      portal = p;
      renderPortal();
    }).catch(function (e) {
      var err = document.getElementById('error');
      err.hidden = false;
      err.textContent = t('loadFailed') + ' ' + e.message;
    }).then(function () {
      return Promise.all([
        getJson(api + '/history').then(function (h) { history = h; renderChart(); }, function () { history = []; renderChart(); }),
        getJson(api + '/alerts').then(function (a) { alerts = a; renderAlerts(); }, function () { alerts = []; renderAlerts(); })
      ]);
    });
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 1500);
  }

  document.addEventListener('DOMContentLoaded', function () {
    I.onChange(function () { if (portal) { renderPortal(); renderAlerts(); renderChart(); } });
    window.addEventListener('resize', function () { if (plot) { plot.setSize({ width: Math.max(300, document.getElementById('chart').clientWidth - 16), height: 300 }); } });
    load();
    var es = new EventSource('/api/v1/events');
    ['status', 'grade', 'rank', 'incident'].forEach(function (name) {
      es.addEventListener(name, function (e) {
        try { if (JSON.parse(e.data).portal === id) { refreshSoon(); } } catch (err) { /* ignore a bad event */ }
      });
    });
  });
}());
