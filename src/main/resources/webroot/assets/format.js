/* Number, time and DOM helpers shared by the board and the portal page. */
(function () {
  'use strict';
  var t = function (k, v) { return window.DVC_I18N.t(k, v); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function num(n, digits) {
    return n === null || n === undefined || isNaN(n) ? '–' : Number(n).toFixed(digits);
  }

  function percent(n) { return n === null || n === undefined ? '–' : num(n, 2) + ' %'; }

  function ms(n) {
    if (n === null || n === undefined) { return '–'; }
    return n >= 1000 ? num(n / 1000, 2) + ' s' : Math.round(n) + ' ms';
  }

  function locale() { return window.DVC_I18N.lang() === 'en' ? 'en-GB' : 'vi-VN'; }

  function time(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    return isNaN(d) ? '–' : d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function dateTime(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    return isNaN(d) ? '–' : d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
  }

  function certDays(n, cell) {
    if (n === null || n === undefined) { cell.textContent = '–'; return; }
    cell.textContent = n < 0 ? t('expired') : t('days', { n: n });
    cell.classList.toggle('bad', n <= 7);
    cell.classList.toggle('warn', n > 7 && n <= 30);
  }

  function grade(g) {
    var s = el('span', 'grade grade-' + (g ? String(g).toLowerCase() : 'none'), g || '–');
    return s;
  }

  /* A probe cause in words (the raw code when we have no words for it). */
  function cause(c) {
    if (!c) { return ''; }
    var key = 'cause_' + c, text = t(key);
    return text === key ? c : text;
  }

  function statusClass(s) { return 'st-' + String(s || 'unknown').toLowerCase(); }

  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }

  window.DVC_FMT = { el: el, num: num, percent: percent, ms: ms, time: time, dateTime: dateTime, certDays: certDays,
    grade: grade, statusClass: statusClass, fold: fold, cause: cause };
}());
