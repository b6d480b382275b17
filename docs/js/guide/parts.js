// The parts the result shares with the checklist (a condition, a note, their sources): written once
// in build_scripts/templates/guide_parts.html.j2, carried by the page as empty <template>s, copied
// here and filled with text (never markup) in their «data-slot» elements.
import { UI } from "./dom.js";

function copy(name) {
  const template = document.querySelector('template[data-guide-part="' + name + '"]');
  if (!template) throw new Error("the page has no part «" + name + "»");
  return template.content.firstElementChild.cloneNode(true);
}

function slot(node, name) {
  return node.querySelector('[data-slot="' + name + '"]');
}

// The part's heading at the level where it stands in the result.
function setLevel(node, level) {
  const old = slot(node, "heading");
  if (old.tagName === "H" + level) return;
  const heading = document.createElement("h" + level);
  Array.from(old.attributes).forEach((a) => { heading.setAttribute(a.name, a.value); });
  heading.append(...old.childNodes);
  old.replaceWith(heading);
}

// «Lovgrunnlag: …», a link to each source on Lovdata (its tooltip names the provision, as in the
// checklist); the words before the links stay as the template has them.
function fillSources(p, sources) {
  const model = slot(p, "source");
  sources.forEach((s, i) => {
    const a = model.cloneNode(false);
    a.href = s.url;
    a.title = s.title ? s.label + " (" + s.title + ")" : s.label;
    a.textContent = s.label;
    if (i) p.appendChild(document.createTextNode(", "));
    p.appendChild(a);
  });
  model.remove();
  return p;
}

function withSources(node, sources) {
  const p = slot(node, "sources");
  if (sources.length) fillSources(p, sources); else p.remove();
  return node;
}

export function sourceLinks(sources) {
  return fillSources(copy("condition").querySelector('[data-slot="sources"]'), sources);
}

// A reason as text; each question it names (the engine's «asks», in the order the text names
// them) links to its place on the form, as «Neste spørsmål» does.
function reason(node, text, asks) {
  let rest = text;
  node.textContent = "";
  (asks || []).forEach((q) => {
    const at = rest.indexOf(q.text);
    if (at < 0) return;
    const a = document.createElement("a");
    a.href = "#sporsmal-" + q.id;
    a.textContent = q.text;
    node.append(rest.slice(0, at), a);
    rest = rest.slice(at + q.text.length);
  });
  node.append(rest);
}

// A condition as the engine answered it: the badge says its status, the text why.
export function conditionItem(c, level, classes) {
  const li = copy("condition");
  classes.forEach((name) => { li.classList.add(name); });
  li.setAttribute("data-condition", c.id);
  li.setAttribute("data-status", c.status);
  setLevel(li, level);
  slot(li, "badge").textContent = c.label;
  slot(li, "title").textContent = c.title;
  reason(slot(li, "text"), c.because, c.asks);
  return withSources(li, c.sources);
}

// A note; one that points to another guide links to it (titles: the page's list of guides).
export function noteItem(n, titles) {
  const li = copy("note");
  li.setAttribute("data-note", n.id);
  slot(li, "text").textContent = n.text;
  const way = slot(li, "guide");
  if (n.guide && titles[n.guide]) {
    const a = way.querySelector("a");
    a.href = "../" + n.guide + "/";
    a.textContent = UI.go_to_guide.replace("{title}", titles[n.guide]);
  } else {
    way.remove();
  }
  return withSources(li, n.sources);
}
