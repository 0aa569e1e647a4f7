// Skip logic as an enhancement: hide the questions a chosen answer jumps over. Without this script every
// question stays visible, the jump hints say where to go, and the server ignores answers to skipped questions.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var indexOf = {};
  questions.forEach(function (q, i) { indexOf[q.getAttribute("data-question")] = i; });

  function chosen(q) {
    var values = [];
    q.querySelectorAll("input:checked").forEach(function (input) { values.push(input.value); });
    return values;
  }

  function update() {
    var resume = 0;
    questions.forEach(function (q, i) {
      var skipped = i < resume;
      q.hidden = skipped;
      if (skipped || !q.hasAttribute("data-skip")) return;
      var values = chosen(q);
      q.getAttribute("data-skip").split(";").forEach(function (rule) {
        var parts = rule.split(">");
        if (values.indexOf(parts[0]) === -1) return;
        var target = parts[1] === "end" ? questions.length : indexOf[parts[1]];
        if (target !== undefined && target > resume) resume = target;
      });
    });
  }

  form.addEventListener("change", update);
  update();
})();
