// Reading the form: the answers as the engine takes them, and the events that ask again.

// The answers now in the form, by question id (`guide.data.questions` says each one's type).
export function answers(guide) {
  var answers = {};
  var self = guide;
  Object.keys(self.data.questions).forEach(function (id) {
    var q = self.data.questions[id];
    if (q.type === "choice") {
      var checked = self.form.querySelector('input[name="' + id + '"]:checked');
      if (checked) answers[id] = checked.value;
    } else if (q.type === "set") {
      // Nothing ticked is «not answered yet»: the guide waits rather than reading it as «none».
      var ticked = Array.prototype.map.call(self.form.querySelectorAll('input[name="' + id + '"]:checked'),
        function (box) { return box.value; });
      if (ticked.length) answers[id] = ticked;
    } else {
      // A number JavaScript holds exactly (15 digits) goes as a number; anything else as the
      // text typed, which the engine refuses with its own message: no rounding to a number
      // nobody typed, and no overflow to «no answer».
      var raw = self.form.elements[id].value.trim().replace(",", ".");
      var exact = /^-?\d+(\.\d+)?$/.test(raw) && raw.replace(/\D/g, "").length <= 15;
      if (raw !== "") answers[id] = exact ? Number(raw) : raw;
    }
  });
  return answers;
}

// A change (a click, or leaving the age field) asks at once (`ask`); typing asks once it pauses,
// and marks the result as old from the first key press (`typing`).
export function watch(form, ask, typing) {
  let timer = null;
  form.addEventListener("change", (e) => {
    // «None of these» stands alone: ticking it clears the others, ticking another clears it.
    const box = e.target;
    if (box.type === "checkbox" && box.checked) {
      form.querySelectorAll('input[name="' + box.name + '"]:checked').forEach((other) => {
        if (other !== box && (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) other.checked = false;
      });
    }
    clearTimeout(timer);
    ask();
  });
  form.addEventListener("input", (e) => {
    if (e.target.type !== "text") return;
    typing();
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); ask(); });
  form.addEventListener("reset", () => {
    // The form clears after this event: mark the page busy now, so nobody reads the old result.
    typing();
    setTimeout(() => { ask(); form.querySelector("input").focus(); }, 0);
  });
}
