// The bar on a phone: the result is below the questions, so a small bar says what it is now.
import { UI } from "./dom.js";

// It says that a duty applies or may apply (when the answers name a trigger) rather than the
// answer about sharing: that is what to act on.
function dutyFirst(r) {
  const duties = (r.conditions || []).filter((c) => c.duty && c.case);
  if (duties.some((c) => c.status === "oppfylt")) return UI.peek_must_act;
  if (duties.some((c) => c.status === "uavklart")) return UI.peek_may_act;
  return "";
}

export function showPeek(peek, r, answered) {
  const overview = !!r.parts;
  peek.textContent = overview ? UI.peek_overview : (dutyFirst(r) || r.verdict) + UI.peek_why;
  peek.className = "guide-peek guide-peek--" + (overview ? "oversikt" : r.status);
  peek.hidden = !answered;
}
