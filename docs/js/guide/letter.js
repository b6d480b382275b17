// The letter to the municipality (a single guide's, or the overview's with the family's choices),
// and the municipality's contact block the result and the letter share. Every value a
// municipality or a family typed is written as text (textContent), never as markup.
import { UI, el } from "./dom.js";

// A function as the replacement: «$&» or «$1» in a municipality's name stays as typed.
function withName(template, name) { return template.replace("{name}", () => name); }

// «Kontakt …»: who at the municipality the family can call or write to about this service.
// Nothing in the national version (no kommune.yml): the texts say «kommunen» as before. The
// links' targets (tel:, mailto:) are made at build time from checked values.
export function contactBlock(kommune, level) {
  const contacts = kommune.kontakter || [];
  if (!contacts.length) return null;
  const box = el("section", { class: "guide-contact", "data-guide-contact": "" },
    [el("h" + level, { text: withName(UI.contact_heading, kommune.navn) })]);
  contacts.forEach((c) => {
    const item = el("div", { class: "guide-contact-unit" }, [el("p", {}, [el("strong", { "data-contact-name": "", text: c.navn })])]);
    if (c.tel) item.appendChild(el("p", {}, [document.createTextNode(UI.contact_phone), el("a", { href: c.tel, "data-contact-phone": "", text: c.telefon })]));
    if (c.mailto) item.appendChild(el("p", {}, [document.createTextNode(UI.contact_email), el("a", { href: c.mailto, "data-contact-email": "", text: c.epost })]));
    if (c.apningstider) item.appendChild(el("p", { "data-contact-hours": "", text: UI.contact_hours + c.apningstider }));
    if (c.adresse) item.appendChild(el("p", { text: c.adresse }));
    box.appendChild(item);
  });
  return box;
}

// «Til»: the municipality, the unit for the guide's service (the first contact) and its address.
function addressee(kommune, frame) {
  const unit = (kommune.kontakter || [])[0], parts = [kommune.navn || frame.to_default];
  if (unit) parts.push(unit.navn);
  const address = (unit && unit.adresse) || kommune.adresse;
  if (address) parts.push(address);
  return frame.to + ": " + parts.join(", ");
}

// The letter's last line: where to send it (the unit's e-mail and phone), when there is one.
function sendTo(kommune) {
  const unit = (kommune.kontakter || [])[0];
  if (!unit) return null;
  const parts = [document.createTextNode(withName(UI.letter_send_to, unit.navn))];
  if (unit.mailto) parts.push(document.createTextNode(" " + UI.contact_email), el("a", { href: unit.mailto, text: unit.epost }), document.createTextNode("."));
  if (unit.tel) parts.push(document.createTextNode(" " + UI.contact_phone), el("a", { href: unit.tel, text: unit.telefon }), document.createTextNode("."));
  return el("p", { class: "guide-letter-send", "data-letter-send": "" }, parts);
}

function labels(sources) { return sources.map((s) => s.label).join(", "); }

function letterBox() {
  const box = el("section", { class: "guide-letter-box", "aria-labelledby": "brev-tittel" });
  box.appendChild(el("h3", { id: "brev-tittel", text: UI.letter_heading }));
  return box;
}

function letterActions(body) {
  const actions = el("div", { class: "guide-actions" });
  const printBtn = el("button", { type: "button", class: "md-button", text: UI.print_letter });
  printBtn.addEventListener("click", () => {
    document.body.classList.add("print-letter");
    window.print();
    document.body.classList.remove("print-letter");
  });
  const copyBtn = el("button", { type: "button", class: "md-button", text: UI.copy_text });
  const copied = el("span", { class: "guide-copied", role: "status" });
  function select(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    copied.textContent = UI.selected;
  }
  copyBtn.addEventListener("click", () => {
    const text = body.innerText;
    const done = () => { copied.textContent = UI.copied; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => select(body));
    else select(body);
  });
  actions.appendChild(printBtn);
  actions.appendChild(copyBtn);
  actions.appendChild(copied);
  return actions;
}

// In a language the municipality does not read (English) the engine gives two letters: `letter`
// in Norwegian, the one to send, and `letter_translation`, the same letter in the page's language
// for the family to read and check (with a note saying which to send). The Norwegian one is
// marked lang="nb" and named in the letter's own municipal texts (page data `letter_kommune`).
// Printing the letter prints both: the Norwegian letter, then the translation on its own sheet,
// headed so that nobody sends it by mistake.
function translationBox(body) {
  body.id = "brev-oversatt";
  body.classList.remove("guide-letter");
  body.removeAttribute("data-letter");  // [data-letter] is the letter to send
  return el("div", { class: "guide-letter guide-letter--translation", "data-letter-translation": "" },
    [el("h4", { text: UI.letter_english }), body]);
}

function norwegianHeading(box, translation, body) {
  box.appendChild(el("p", { class: "guide-letter-note", "data-letter-note": "", text: translation.note }));
  box.appendChild(el("h4", { id: "brev-norsk", text: UI.letter_norwegian }));  // the heading right above it names it
  body.setAttribute("lang", "nb");
}

function letterBody(letter, kommune, id) {
  const frame = letter.frame;
  const body = el("div", { class: "guide-letter", id: id, "data-letter": letter.id });
  body.appendChild(el("p", { text: addressee(kommune, frame) }));
  body.appendChild(el("p", {}, [el("strong", { text: letter.subject })]));
  body.appendChild(el("p", { text: letter.request }));
  body.appendChild(el("p", { text: frame.sources + ": " + labels(letter.sources) + "." }));
  body.appendChild(el("p", { text: frame.conditions }));
  const list = el("ul", {});
  letter.conditions.forEach((c) => { list.appendChild(el("li", { text: c.title + ": " + c.answer })); });
  body.appendChild(list);
  body.appendChild(el("p", { text: letter.closing }));
  frame.signature.forEach((line) => { body.appendChild(el("p", { text: line })); });
  const send = sendTo(kommune);
  if (send) body.appendChild(send);
  return body;
}

// The request letter of a single guide: its words come from the guide definition (via the engine's
// result). `translation`: the same letter in the page's language, when the letter is Norwegian only.
export function letter(letter, kommune, translation, letterKommune) {
  const body = letterBody(letter, translation ? letterKommune || kommune : kommune, "brev");
  const box = letterBox();
  box.appendChild(el("p", { text: (translation || letter).frame.how }));
  if (translation) norwegianHeading(box, translation, body);
  box.appendChild(body);
  box.appendChild(letterActions(body));
  if (translation) box.appendChild(translationBox(letterBody(translation, kommune, "brev-oversatt")));
  return box;
}

// The overview's letter as text: the requests the family ticks, in one language (`textOf` picks
// the Norwegian or the translated text of a request).
function requestBody(body, r, letter, kommune, state, textOf) {
  const frame = letter.frame;
  const parts = [el("p", { text: addressee(kommune, frame) })];
  if (state.child.trim()) parts.push(el("p", { text: frame.about + ": " + state.child.trim() }));
  parts.push(el("p", {}, [el("strong", { text: letter.subject })]));
  parts.push(el("p", { text: letter.intro }));
  const list = el("ul", {});
  r.requests.forEach((req) => {
    if (!state.off[req.id]) list.appendChild(el("li", { "data-request": req.id, text: textOf(req) + " (" + frame.sources + ": " + labels(req.sources) + ")" }));
  });
  parts.push(list);
  parts.push(el("p", { text: letter.complaint + (letter.complaint_sources.length ? " (" + labels(letter.complaint_sources) + ")" : "") }));
  parts.push(el("p", { text: letter.closing }));
  if (state.name.trim()) parts.push(el("p", { text: frame.greeting + " " + state.name.trim() }));
  frame.signature.forEach((line) => { parts.push(el("p", { text: line })); });
  const send = sendTo(kommune);
  if (send) parts.push(send);
  body.replaceChildren(...parts);
}

// The overview's one letter: the family ticks what to ask for and may type names. What they
// type stays on the device, and survives new answers (in `state`, kept by the page).
export function requestLetter(r, kommune, state, letterKommune) {
  const translation = r.letter_translation, shown = (translation || r.letter).frame;
  const box = letterBox();
  box.appendChild(el("p", { text: shown.choose }));
  const choices = el("fieldset", { class: "guide-letter-choices" }, [el("legend", { text: shown.choose_legend })]);
  const body = el("div", { class: "guide-letter", id: "brev", "data-letter": r.guide });
  const other = translation ? el("div", { class: "guide-letter", "data-letter": r.guide }) : null;
  function fill() {
    requestBody(body, r, r.letter, translation ? letterKommune || kommune : kommune, state, (req) => req.letter_text || req.text);
    if (other) requestBody(other, r, translation, kommune, state, (req) => req.text);
  }
  function field(id, label, key) {
    const input = el("input", { type: "text", id: id, autocomplete: "off" });
    input.value = state[key];
    input.addEventListener("input", () => { state[key] = input.value; fill(); });
    return el("div", { class: "guide-letter-field" }, [el("label", { for: id, text: label }), input]);
  }
  r.requests.forEach((req) => {
    const id = "be-om-" + req.id;
    const tick = el("input", { type: "checkbox", id: id, "data-request": req.id });
    tick.checked = !state.off[req.id];
    tick.addEventListener("change", () => { state.off[req.id] = !tick.checked; fill(); });
    choices.appendChild(el("div", { class: "guide-option" }, [tick, el("label", { for: id, text: req.label })]));
  });
  box.appendChild(choices);
  box.appendChild(field("brev-barn", shown.child_label, "child"));
  box.appendChild(field("brev-navn", shown.name_label, "name"));
  fill();
  if (translation) norwegianHeading(box, translation, body);
  box.appendChild(body);
  box.appendChild(letterActions(body));
  if (other) box.appendChild(translationBox(other));
  return box;
}
