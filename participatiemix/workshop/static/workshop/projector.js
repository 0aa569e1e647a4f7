// Beamer: previous/next question with the arrow keys and a presentation clicker (it sends PageUp/PageDown).
// Without JavaScript the same links work. Keys typed into a field or a button are left alone.
(function () {
  "use strict";
  var KEYS = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev" };
  document.addEventListener("keydown", function (event) {
    var where = KEYS[event.key];
    if (!where || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var link = document.querySelector('.beamer-pager a[rel="' + where + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  });
})();
