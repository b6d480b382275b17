// Reading the form: the answers as the engine takes them, and the events that ask again.

// The answers as the form holds them, read by the control each question declares (the page
// template's data-control): a radio group's value, a checkbox group's ticked values, a text
// field's text as typed. The engine reads and checks them (types.py), so the page and the
// engine never disagree on what a number is; a control this code does not know is an error.
export function answers(guide) {
  var answers = {};
  Object.keys(guide.data.questions).forEach(function (id) {
    var control = guide.form.querySelector('[data-question="' + id + '"]').getAttribute("data-control");
    var inputs = guide.form.querySelectorAll('input[name="' + id + '"]');
    var checked = Array.prototype.filter.call(inputs, function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    if (control === "radio") {
      if (checked.length) answers[id] = checked[0];
    } else if (control === "checkbox") {
      // Nothing ticked is «not answered yet»: the guide waits rather than reading it as «none».
      if (checked.length) answers[id] = checked;
    } else if (control === "text") {
      if (inputs[0].value.trim() !== "") answers[id] = inputs[0].value; // blank is not answered
    } else {
      throw new Error("guide: unknown form control «" + control + "» for «" + id + "»");
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
