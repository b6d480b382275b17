// The one place a guide's engine (guide-worker.js) is started: startGuideEngine(guide, lang,
// shared) makes the worker, asks it to start, and keeps what it says until the page takes it
// over (js/guide/engine.js). The messages: CONTRIBUTING.md «The guide page and its engine».
// On a guide page this file is in <head> (overrides/main.html) with the guide's id and starts
// the engine at once, before the page has rendered, so it is usually ready before the first
// answer. A guide page the browser prerenders (the reader was about to open it) cannot run a
// worker of its own until it is shown: it joins the shared engine that the page the reader came
// from has started (js/guide/prepare.js, which calls this function with shared = true).
(function () {
  "use strict";
  var script = document.currentScript;
  var WORKER = new URL("guide-worker.js", script.src);

  function startGuideEngine(guide, lang, shared) {
    var engine = { worker: null, queue: [], failed: false, reason: null };
    // Opened from a folder (file://), browsers refuse module workers: js/guide.js says so instead.
    if (location.protocol === "file:") { engine.failed = true; return engine; }
    try {
      if (shared) {
        var port = new SharedWorker(WORKER, { type: "module", name: "guide-engine" });
        // The same calls as on a dedicated worker.
        engine.worker = {
          postMessage: function (msg) { port.port.postMessage(msg); },
          set onmessage(fn) { port.port.onmessage = fn; },
          set onerror(fn) { port.onerror = fn; },
        };
      } else {
        engine.worker = new Worker(WORKER, { type: "module" });
      }
      engine.worker.onmessage = function (e) { engine.queue.push(e.data); };
      engine.worker.onerror = function () { engine.failed = true; };
      engine.worker.postMessage({ type: "start", guide: guide, lang: lang || "nb" });
    } catch (err) {
      engine.worker = null;
      engine.failed = true;
      engine.reason = "browser"; // no module workers here
    }
    return engine;
  }
  window.startGuideEngine = startGuideEngine;

  var guide = script.getAttribute("data-guide-id");
  if (!guide) return; // not a guide page: the function is all
  var engine = window.guideEngine = startGuideEngine(guide, script.getAttribute("data-lang"),
    !!(document.prerendering && window.SharedWorker));
  // Before the first paint: the page takes the look it will have once the engine answers
  // (site.css), so nothing moves when it does.
  if (engine.worker) document.documentElement.setAttribute("data-guide-engine", "");
})();
