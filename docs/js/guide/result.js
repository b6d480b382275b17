// Showing what the engine answered: the result (verdicts, duties, lists, conditions, next steps,
// notes, contact and letter) or the input errors at the questions they belong to.
import { UI, el } from "./dom.js";
import { contactBlock, letter, requestLetter } from "./letter.js";
import { conditionItem, noteItem, sourceLinks } from "./parts.js";
import { showPeek } from "./peek.js";
import { teamPicture } from "./team.js";

// «Må du melde fra?»: each duty with its badge, what it means now and its sources.
function dutiesBox(r, duties) {
  const box = el("section", { class: "guide-duties", "data-duties": "", "aria-labelledby": "plikter-tittel" },
    [el("h3", { id: "plikter-tittel", text: r.duties_heading })]);
  const list = el("ul", { class: "guide-conditions guide-conditions--duties" });
  duties.forEach((c) => { list.appendChild(conditionItem(c, 4, ["guide-duty", "guide-duty--" + c.status])); });
  box.appendChild(list);
  return box;
}

// What the law registry says for the ticked services (the engine's «lists»).
function registryList(lst, level) {
  const box = el("section", { class: "guide-list guide-list--" + lst.view, "data-list": lst.id });
  box.appendChild(el("h" + level, { text: lst.title }));
  box.appendChild(el("p", { text: lst.intro }));
  if (lst.center) box.appendChild(el("p", { class: "guide-center", "data-center": lst.center.id }, [el("strong", { text: lst.center.text })]));
  if (lst.view === "team" && lst.items.length) box.appendChild(teamPicture(lst));
  if (lst.empty) box.appendChild(el("p", { class: "guide-list-empty", text: lst.empty }));
  // In the team view the numbers in the picture are the numbers of this list.
  const items = el(lst.view === "team" ? "ol" : "ul", { class: "guide-list-items" });
  lst.items.forEach((item) => {
    const heading = el("h" + (level + 1), {}, item.status
      ? [el("span", { class: "guide-badge guide-badge--" + item.status, text: item.label_status }), document.createTextNode(" " + item.label)]
      : [document.createTextNode(item.label)]);
    const li = el("li", { class: "guide-list-item" + (item.status ? " guide-condition--" + item.status : ""), "data-item": item.id }, [heading]);
    if (lst.view !== "team" && item.services.length) {
      li.appendChild(el("p", { text: UI.covers + item.services.map((s) => s.label).join(", ") }));
    }
    // Families read the plain version where the registry has one; staff tables keep the summary.
    item.provisions.forEach((p) => { li.appendChild(el("p", { text: p.plain || p.summary })); });
    item.flags.forEach((f) => { li.appendChild(el("p", { class: "guide-flag", "data-flag": f.provides, "data-value": String(f.value), text: f.text })); });
    if (item.sources.length) li.appendChild(sourceLinks(item.sources));
    items.appendChild(li);
  });
  box.appendChild(items);
  return box;
}

// One guide's result: its registry lists, conditions, next steps, notes (and its letter).
function details(page, r, out, level, withLetter) {
  const h = "h" + level;
  r.lists.forEach((lst) => { if (lst.answered) out.appendChild(registryList(lst, level)); });
  // The duties stand above the result (dutiesBox); here only what the status is made of.
  const grounds = r.conditions.filter((c) => !c.duty);
  if (grounds.length) {
    const conds = el("ol", { class: "guide-conditions" });
    grounds.forEach((c) => { conds.appendChild(conditionItem(c, level + 1, ["guide-condition--" + c.status])); });
    out.appendChild(el(h, { text: UI.conditions }));
    out.appendChild(conds);
  }
  if (r.next_steps.length) {
    out.appendChild(el(h, { text: UI.what_now }));
    const steps = el("ul", { class: "guide-steps" });
    r.next_steps.forEach((s) => { steps.appendChild(el("li", { "data-step": s.id, text: s.text })); });
    out.appendChild(steps);
  }
  const kommune = page.data.kommune || {};
  if (withLetter) { const contact = contactBlock(kommune, level); if (contact) out.appendChild(contact); }
  const guides = page.data.guides || {};
  if (r.notes.length) {
    out.appendChild(el(h, { text: UI.notes_heading }));
    const notes = el("ul", { class: "guide-notes" });
    r.notes.forEach((n) => { notes.appendChild(noteItem(n, guides)); });
    out.appendChild(notes);
  }
  if (withLetter && r.letter) out.appendChild(letter(r.letter, kommune, r.letter_translation, page.data.letter_kommune));
}

export function clearErrors(page) {
  page.errorSummary.hidden = true;
  page.errorSummary.textContent = "";
  page.root.querySelectorAll("[data-error-for]").forEach((p) => { p.hidden = true; p.textContent = ""; });
  page.form.querySelectorAll("[aria-invalid]").forEach((i) => { i.removeAttribute("aria-invalid"); });
}

// The engine refused the answers: each message at its question, and all of them in a summary.
export function showErrors(page, errors) {
  clearErrors(page);
  const list = el("ul", {});
  errors.forEach((err) => {
    const id = err.field.replace(/^answers\./, "");
    const target = page.root.querySelector('[data-error-for="' + id + '"]');
    if (target) {
      target.textContent = err.message;
      target.hidden = false;
      const input = page.form.elements[id];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    }
    const item = el("li", {});
    item.appendChild(target ? el("a", { href: "#sporsmal-" + id, text: err.message }) : document.createTextNode(err.message));
    list.appendChild(item);
  });
  page.errorSummary.appendChild(el("h2", { text: UI.fix_heading }));
  page.errorSummary.appendChild(list);
  page.errorSummary.hidden = false;
  page.resultBox.setAttribute("data-guide-status", "feil");
}

export function showResult(page, r) {
  const overview = !!r.parts, answered = Object.keys(r.answers).length > 0;
  clearErrors(page);
  // Show the questions the engine asks; keep hidden answers in the form (nothing typed is lost).
  Object.keys(page.data.questions).forEach((id) => {
    const box = page.root.querySelector('[data-question="' + id + '"]');
    box.hidden = r.asked_questions.indexOf(id) < 0 && !(id in r.answers && r.ignored_answers.indexOf(id) < 0);
  });
  const out = document.createDocumentFragment();
  // A single guide has one verdict; the overview has one per right, each as its guide gives it.
  let said;
  if (overview) {
    const verdicts = el("ul", { class: "guide-verdicts" });
    r.parts.forEach((part) => {
      verdicts.appendChild(el("li", { class: "guide-verdict guide-verdict--" + part.status, "data-part-verdict": part.guide },
        [el("strong", { text: part.title + (/[?.!]$/.test(part.title) ? " " : ": ") }), document.createTextNode(part.verdict + ". " + part.summary)]));
    });
    out.appendChild(verdicts);
    said = r.parts.map((part) => part.title + ": " + part.verdict).join(". ");
  } else {
    // Two answers, never one: the duties («Må du melde fra?») first, then the answer the
    // status gives («Kan du dele dette med …?»).
    const duties = r.conditions.filter((c) => c.duty);
    said = "";
    if (duties.length && answered) {
      out.appendChild(dutiesBox(r, duties));
      said = r.duties_heading + " " + duties.map((c) => c.title + ": " + c.label + ".").join(" ") + " ";
    }
    if (r.result_question && answered) {
      out.appendChild(el("h3", { class: "guide-result-question", "data-result-question": "", text: r.result_question }));
      said += r.result_question + " ";
    }
    out.appendChild(el("p", { class: "guide-verdict guide-verdict--" + r.status },
      [el("strong", { text: r.verdict + ". " }), document.createTextNode(r.summary)]));
    said += r.verdict + ". " + r.summary;
  }
  out.appendChild(el("p", { class: "guide-disclaimer", text: r.disclaimer }));
  if (r.next_questions.length) {
    const next = r.next_questions[0];
    const p = el("p", { class: "guide-next" }, [document.createTextNode(UI.next_question)]);
    p.appendChild(el("a", { href: "#sporsmal-" + next, text: page.data.questions[next].text }));
    out.appendChild(p);
  }
  // Nothing answered yet: the way in, not a list of open conditions.
  if (answered && overview) {
    r.parts.forEach((part) => {
      const section = el("section", { class: "guide-part", "data-part": part.guide, "data-status": part.status },
        [el("h3", { text: part.title })]);
      details(page, part, section, 4, false);
      out.appendChild(section);
    });
    const contact = contactBlock(page.data.kommune || {}, 3);
    if (contact) out.appendChild(contact);
    if (r.letter) {
      page.letterState = page.letterState || { off: {}, name: "", child: "" };
      out.appendChild(requestLetter(r, page.data.kommune || {}, page.letterState, page.data.letter_kommune));
    }
  } else if (answered) {
    details(page, r, out, 3, true);
  }
  page.output.replaceChildren(out);
  if (!page.root.hasAttribute("data-first-result-at")) {
    page.root.setAttribute("data-first-result-at", Math.round(performance.now()));
  }
  page.resultBox.setAttribute("data-guide-status", overview ? "oversikt" : r.status);
  document.body.classList.add("guide-has-result");
  // Screen readers hear the verdict when it changes, not the whole result on every answer.
  if (page.announcer.textContent !== said) page.announcer.textContent = said;
  showPeek(page.peek, r, answered);
}
