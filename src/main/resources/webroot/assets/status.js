/* /status: when no public URL is configured, the copy-paste snippets take this page's own origin. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('textarea.snippet').forEach(function (box) {
      box.value = box.value.replace(/(src=")(\/)/g, '$1' + location.origin + '$2');
      box.addEventListener('focus', function () { box.select(); });
    });
  });
}());
