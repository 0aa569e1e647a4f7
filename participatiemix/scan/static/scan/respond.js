/* Zelfscan questionnaire, progressive enhancement (the page works without it):
   - Enter in an answer field never sends the form (the server asks to confirm anyway);
   - a draft of the answers in this browser (localStorage), restored after a reload or a crash;
   - the confirm box gets the focus so a screen reader reads it. */
(function () {
  "use strict";
  var MAX_AGE = 2 * 24 * 3600 * 1000; // a draft left on a shared computer does not linger for long

  function forget(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* storage blocked: nothing to forget */ }
  }

  var done = document.querySelector("[data-draft-done]");
  if (done) { forget(done.getAttribute("data-draft-done")); }

  var form = document.getElementById("scan-form");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  if (form.getAttribute("data-forget-draft") === "1") { forget(key); }

  form.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.key === "Enter" && t.tagName === "INPUT") { event.preventDefault(); }
  });

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return /^[qt]_/.test(el.name || "");
    });
  }

  function save() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "radio") { if (el.checked) { values[el.name] = el.value; } }
      else if (el.value) { values[el.name] = el.value; }
    });
    try { window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: values })); } catch (e) { /* full or blocked */ }
  }

  function restore() {
    var stored;
    try { stored = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return 0; }
    if (!stored || !stored.values || Date.now() - stored.at > MAX_AGE) { return 0; }
    var count = 0;
    fields().forEach(function (el) {
      var v = stored.values[el.name];
      if (v === undefined) { return; }
      if (el.type === "radio") { if (el.value === v && !el.checked) { el.checked = true; count += 1; } }
      else if (!el.value) { el.value = v; count += 1; }
    });
    return count;
  }

  if (form.getAttribute("data-has-draft") !== "1" && form.getAttribute("data-forget-draft") !== "1") {
    var restored = restore();
    var note = document.getElementById("draft-restored");
    if (restored && note) { note.hidden = false; }
  }
  form.addEventListener("change", save);
  form.addEventListener("input", save);

  var confirmBox = document.getElementById("confirm");
  if (confirmBox) { confirmBox.focus(); }
})();
