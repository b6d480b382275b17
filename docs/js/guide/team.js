// The team around the child as a picture, drawn on the device from the result. The list after
// it says the same in words, so the picture is hidden from screen readers.
import { UI, el } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";

export function teamPicture(lst) {
  const n = lst.items.length, size = 320, mid = size / 2, radius = 118;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 " + size + " " + size);
  svg.setAttribute("class", "guide-team");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  function node(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach((k) => { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    svg.appendChild(e);
    return e;
  }
  lst.items.forEach((item, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    const x = mid + radius * Math.cos(angle), y = mid + radius * Math.sin(angle);
    const flagged = item.flags.length && item.flags[0].value;
    node("line", { x1: mid, y1: mid, x2: x, y2: y, class: "guide-team-line" + (flagged ? "" : " guide-team-line--loose") });
    node("circle", { cx: x, cy: y, r: 26, class: "guide-team-member" + (flagged ? "" : " guide-team-member--loose") });
    node("text", { x: x, y: y + 5, "text-anchor": "middle", class: "guide-team-label" }, String(i + 1));
  });
  node("circle", { cx: mid, cy: mid, r: 44, class: "guide-team-center" });
  node("text", { x: mid, y: mid + 5, "text-anchor": "middle", class: "guide-team-label guide-team-label--center" },
    lst.center ? UI.team_center : "?");
  return el("figure", { class: "guide-team-figure" }, [svg]);
}
