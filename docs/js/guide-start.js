// Loaded in <head> of a guide page: start the engine worker at once. Messages that arrive
// before guide.js is ready are kept, and guide.js takes them over (window.guideEngine).
(function () {
  "use strict";
  var script = document.currentScript;
  var queue = [];
  var engine = { worker: null, queue: queue, failed: false };
  // Opened from a folder (file://), browsers refuse module workers: guide.js says so instead.
  if (location.protocol === "file:") { engine.failed = true; window.guideEngine = engine; return; }
  try {
    engine.worker = new Worker(new URL("guide-worker.js", script.src), { type: "module" });
    engine.worker.onmessage = function (e) { queue.push(e.data); };
    engine.worker.onerror = function () { engine.failed = true; };
    // Pyodide's folder is given relative to the site root; this file is in js/.
    var pyodide = new URL("../" + script.getAttribute("data-pyodide"), script.src).href;
    engine.worker.postMessage({ type: "start", guide: script.getAttribute("data-guide-id"), pyodide: pyodide });
  } catch (err) {
    engine.failed = true;
  }
  window.guideEngine = engine;
})();
