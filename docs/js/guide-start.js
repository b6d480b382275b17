// Loaded in <head> of a guide page: start the engine worker at once. Messages that arrive
// before guide.js is ready are kept, and guide.js takes them over (window.guideEngine).
// A guide page the browser prerenders (the reader was about to open it, see guide.js) cannot run
// a worker of its own until it is shown, so it connects to the shared engine that the page the
// reader came from has started: the engine is then ready when the page is shown.
(function () {
  "use strict";
  var script = document.currentScript;
  var queue = [];
  var engine = { worker: null, queue: queue, failed: false };
  // Opened from a folder (file://), browsers refuse module workers: guide.js says so instead.
  if (location.protocol === "file:") { engine.failed = true; window.guideEngine = engine; return; }
  try {
    var url = new URL("guide-worker.js", script.src);
    if (document.prerendering && window.SharedWorker) {
      var shared = new SharedWorker(url, { type: "module", name: "guide-engine" });
      // The same calls as on a dedicated worker.
      engine.worker = {
        postMessage: function (msg) { shared.port.postMessage(msg); },
        set onmessage(fn) { shared.port.onmessage = fn; },
        set onerror(fn) { shared.onerror = fn; },
      };
    } else {
      engine.worker = new Worker(url, { type: "module" });
    }
    engine.worker.onmessage = function (e) { queue.push(e.data); };
    engine.worker.onerror = function () { engine.failed = true; };
    // Pyodide's folder is given relative to the site root; this file is in js/.
    var pyodide = new URL("../" + script.getAttribute("data-pyodide"), script.src).href;
    engine.worker.postMessage({ type: "start", guide: script.getAttribute("data-guide-id"), lang: script.getAttribute("data-lang") || "nb", pyodide: pyodide });
    // Before the first paint: the page takes the look it will have once the engine answers
    // (site.css), so nothing moves when it does.
    document.documentElement.setAttribute("data-guide-engine", "");
  } catch (err) {
    engine.failed = true;
    engine.reason = "browser"; // no module workers here
  }
  window.guideEngine = engine;
})();
