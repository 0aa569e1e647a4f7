// After htmx puts a question back on the flip-over, return the cursor to its field so the group can
// keep writing. Done here, in htmx's settle step, rather than with the autofocus attribute: Chromium
// applies an inserted autofocus later, on its own, and can pull the cursor out of a field someone is
// already typing in.
document.addEventListener("htmx:afterSettle", function (event) {
  var root = event.detail.elt;
  var field = root.matches && root.matches("[data-pmx-focus]") ? root : root.querySelector && root.querySelector("[data-pmx-focus]");
  if (field) field.focus();
});
