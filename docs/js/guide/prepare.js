// On a page that links to a guide: when the reader shows they may open it (the link has been
// on screen for a second, or the pointer, a finger or the keyboard is on it), mark that one
// link and start the guide's engine in a shared worker (window.startGuideEngine, js/guide-start.js).
// The site's speculation rules (speculationrules.json, sent in the Speculation-Rules header)
// prerender a marked guide, whose page joins the running engine: it is ready when the guide is
// shown. One guide per page view; nothing when the reader has asked to save data or is on a 2G
// connection (the browser adds its own limits). js/guide.js loads this only where the browser
// has speculation rules; elsewhere the guide starts on arrival as always.
const DWELL_MS = 1000;

function prepareGuides() {
  const net = navigator.connection;
  if (net && (net.saveData || /2g$/.test(net.effectiveType || ""))) return;
  const guides = new URL("../../veivisere/", import.meta.url).href;
  const links = Array.prototype.filter.call(document.querySelectorAll("a[href]"), (a) =>
    a.href.indexOf(guides) === 0 && /^[^\/?#]+\/?([?#]|$)/.test(a.href.slice(guides.length)));
  let chosen = null;
  function choose(a) {
    if (chosen === a) return;
    if (chosen) chosen.removeAttribute("data-prerender");
    chosen = a;
    a.setAttribute("data-prerender", "");
    // Without shared workers the prerendered page starts its own engine on arrival.
    if (!window.SharedWorker || !window.startGuideEngine) return;
    window.startGuideEngine(a.href.slice(guides.length).split(/[\/?#]/)[0], document.documentElement.lang === "nn" ? "nn" : "nb", true);
  }
  links.forEach((a) => {
    ["pointerenter", "focus", "touchstart"].forEach((type) => {
      a.addEventListener(type, () => choose(a), { passive: true });
    });
  });
  const inText = links.filter((a) => a.closest("article"));
  if (!inText.length || !("IntersectionObserver" in window)) return;
  const timers = new Map();
  const seen = new IntersectionObserver((entries) => {
    entries.forEach((e) => {
      clearTimeout(timers.get(e.target));
      if (e.isIntersecting) {
        timers.set(e.target, setTimeout(() => {
          seen.disconnect();
          if (!chosen) choose(e.target);
        }, DWELL_MS));
      }
    });
  }, { threshold: 0.5 });
  inText.forEach((a) => seen.observe(a));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", prepareGuides);
else prepareGuides();
