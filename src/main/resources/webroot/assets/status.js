/* /status: the search filters as one types (the form works without script: ?q= is filtered on the server), and
   when no public URL is configured, the copy-paste snippets take this page's own origin. */
(function () {
  'use strict';
  /* As the server folds: lower case, no diacritics, đ as d, every run of non-letters one space. */
  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

  function filter(input) {
    var q = fold(input.value), compact = q.replace(/ /g, ''), shown = 0;
    document.querySelectorAll('#all-table tr[data-q]').forEach(function (tr) {
      var hay = tr.getAttribute('data-q'), hit = !q || hay.indexOf(q) >= 0 || hay.replace(/ /g, '').indexOf(compact) >= 0;
      tr.hidden = !hit;
      if (hit) { shown++; }
    });
    document.querySelectorAll('#all-table section.region').forEach(function (s) {
      s.hidden = !s.querySelector('tr[data-q]:not([hidden])');
    });
    var out = document.getElementById('q-result');
    out.textContent = q ? (document.documentElement.lang === 'en'
      ? '“' + input.value.trim() + '”: ' + shown + ' portals.'
      : '“' + input.value.trim() + '”: ' + shown + ' cổng.') : '';
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('textarea.snippet').forEach(function (box) {
      box.value = box.value.replace(/(src=")(\/)/g, '$1' + location.origin + '$2');
      box.addEventListener('focus', function () { box.select(); });
    });
    var input = document.getElementById('q');
    if (input && !new URLSearchParams(location.search).get('q')) {
      var timer;
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { filter(input); }, 150);
      });
    }
  });
}());
