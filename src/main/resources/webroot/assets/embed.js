/* /embed: the widget refreshes itself every minute (the page is cached, so a front page costs little). */
(function () {
  'use strict';
  setTimeout(function () { location.reload(); }, 60000);
}());
