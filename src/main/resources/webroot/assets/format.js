/* Number, time, status and DOM helpers shared by the board, the wall and the portal page. Times are always
   Vietnam time (UTC+7), whatever the viewer's clock: a wall PC on UTC must show what /status shows. */
(function () {
  'use strict';
  var I = window.DVC_I18N;
  var t = function (k, v) { return I.t(k, v); };
  var ZONE = 'Asia/Ho_Chi_Minh';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  /* Numbers as the page's language writes them: "99,95" in Vietnamese (vi-VN), "99.95" in English. */
  var numFmts = {};
  function fmt(min, max) {
    var key = I.lang() + min + max;
    return numFmts[key] || (numFmts[key] = new Intl.NumberFormat(I.lang() === 'en' ? 'en-GB' : 'vi-VN',
      { minimumFractionDigits: min, maximumFractionDigits: max }));
  }

  function blank(n) { return n === null || n === undefined || n === '' || isNaN(n); }

  function num(n, digits) {
    return blank(n) ? '–' : fmt(digits, digits).format(Number(n));
  }

  /* Points as the scoring model writes them: 2.5 stays 2,5, 3 stays 3 (never rounded to a whole point). */
  function pts(n) {
    return blank(n) ? '–' : fmt(0, 2).format(Math.round(Number(n) * 100) / 100);
  }

  function percent(n) { return blank(n) ? '–' : num(n, 2) + ' %'; }

  /* 240 ms, 1,8 s, 1,23 s. */
  function ms(n) {
    if (blank(n)) { return '–'; }
    return n >= 1000 ? fmt(1, 2).format(Number(n) / 1000) + ' s' : fmt(0, 0).format(Math.round(n)) + ' ms';
  }

  /* The parts of an instant in Vietnam time: {y, mo, d, h, mi, s}, two digits each (year four). */
  var partsFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  function parts(d) {
    var out = {};
    partsFmt.formatToParts(d).forEach(function (p) { out[p.type] = p.value; });
    return { y: out.year, mo: out.month, d: out.day, h: out.hour, mi: out.minute, s: out.second };
  }

  function date(iso) {
    var d = iso instanceof Date ? iso : new Date(iso);
    return iso === null || iso === undefined || iso === '' || isNaN(d) ? null : d;
  }

  /* 08:01:05 (Vietnam time; the column or label says so). */
  function time(iso) {
    var d = date(iso);
    if (!d) { return '–'; }
    var p = parts(d);
    return p.h + ':' + p.mi + ':' + p.s;
  }

  /* 08:01 04/12/2026 in Vietnamese, 04/12/2026 08:01 in English (day first in both). */
  function dateTime(iso) {
    var d = date(iso);
    if (!d) { return '–'; }
    var p = parts(d);
    var day = p.d + '/' + p.mo + '/' + p.y, clock = p.h + ':' + p.mi;
    return I.lang() === 'en' ? day + ' ' + clock : clock + ' ' + day;
  }

  function day(iso) {
    var d = date(iso);
    if (!d) { return '–'; }
    var p = parts(d);
    return p.d + '/' + p.mo;
  }

  /* "12/2026" for "2026-12". */
  function month(ym) {
    var m = /^(\d{4})-(\d{2})$/.exec(ym || '');
    return m ? m[2] + '/' + m[1] : (ym || '–');
  }

  /* "cập nhật 3 phút trước" from an instant (null when unknown). */
  function ago(iso) {
    var d = date(iso);
    if (!d) { return null; }
    var s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
    if (s < 60) { return t('agoSeconds', { n: s }); }
    if (s < 3600) { return t('agoMinutes', { n: Math.floor(s / 60) }); }
    return t('agoHours', { n: Math.floor(s / 3600) });
  }

  function certDays(n, cell) {
    if (n === null || n === undefined) { cell.textContent = '–'; return; }
    cell.textContent = n < 0 ? t('expired') : t('days', { n: n });
    cell.classList.toggle('bad', n <= 7);
    cell.classList.toggle('warn', n > 7 && n <= 30);
  }

  function grade(g) {
    return el('span', 'grade grade-' + (g ? String(g).toLowerCase() : 'none'), g || '–');
  }

  /* A probe cause in words (the raw code when we have no words for it). */
  function cause(c) {
    if (!c) { return ''; }
    var key = 'cause_' + c, text = t(key);
    return text === key ? c : text;
  }

  /* What a portal's status means to a reader: a certificate a browser refuses is its own state. */
  var KNOWN = { UP: 1, DEGRADED: 1, DOWN: 1, FLAPPING: 1, PARTIAL: 1, CERT: 1 };
  function statusKey(p) {
    var s = p && p.status;
    if (s === 'DOWN' && p.cause === 'certificate') { return 'CERT'; }
    return KNOWN[s] ? s : 'UNKNOWN';
  }

  /* Each status is a word and a shape as well as a colour (WCAG 1.4.1): the icon is aria-hidden, the word is read. */
  var SHAPES = { UP: '✓', DEGRADED: '◆', DOWN: '✕', FLAPPING: '↯', PARTIAL: '◐', CERT: '⚠', UNKNOWN: '?' };
  function status(p) {
    var key = statusKey(p), s = el('span', 'status st-' + key.toLowerCase());
    var icon = el('span', 'icon', SHAPES[key]);
    icon.setAttribute('aria-hidden', 'true');
    s.appendChild(icon);
    s.appendChild(el('span', 'label', t('st_' + key)));
    return s;
  }

  function statusClass(p) { return 'st-' + statusKey(p).toLowerCase(); }

  /* A criterion's name in the page's language; its id stays as small secondary text. */
  function criterion(id) {
    var key = 'crit_' + id, text = t(key);
    return text === key ? id : text;
  }

  function criterionCell(id) {
    var wrap = el('span', 'crit');
    wrap.appendChild(el('span', 'crit-name', criterion(id)));
    wrap.appendChild(el('small', 'crit-id', id));
    return wrap;
  }

  /* A scorecard row's measurement in the page's language: the English text in English mode; in Vietnamese the
     figures get the decimal comma ("99,95 %"), version numbers such as TLSv1.2 stay as they are. */
  function measurement(row) {
    if (!row) { return ''; }
    if (I.lang() === 'en' && row.measurementEn) { return row.measurementEn; }
    return I.lang() === 'en' ? (row.measurement || '') : viDecimals(row.measurement);
  }

  function viDecimals(text) {
    return String(text || '').replace(/(^|[^\w.])(\d+)\.(\d+)(?![\w.])/g, '$1$2,$3');
  }

  /* A fix hint in the page's language. */
  function hint(row) {
    return (I.lang() === 'en' && row.hintEn) ? row.hintEn : viDecimals(row.hint);
  }

  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }

  /**
   * Which map the fleet follows ({year, count} from the API), written into the element #fleet-map when present
   * (with its data-key as the text, where the count already stands beside it as on the wall).
   */
  function fleetMap(map) {
    var box = document.getElementById('fleet-map');
    if (!box) { return; }
    if (map && map.year) { box.dataset.year = map.year; box.dataset.count = map.count; }
    box.textContent = box.dataset.year ? t(box.dataset.key || 'fleetMap', { year: box.dataset.year, n: box.dataset.count }) : '';
  }

  I.onChange(function () { fleetMap(); });

  window.DVC_FMT = { fleetMap: fleetMap, el: el, num: num, pts: pts, percent: percent, ms: ms, time: time, dateTime: dateTime, day: day,
    month: month, ago: ago, certDays: certDays, grade: grade, statusKey: statusKey, status: status,
    statusClass: statusClass, criterion: criterion, measurement: measurement, hint: hint, criterionCell: criterionCell, fold: fold, cause: cause,
    parts: parts, ZONE: ZONE };
}());
