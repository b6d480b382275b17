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
  // Pyodide's WebAssembly, and the guide page's own modules (js/guide/), relative to this file.
  // The build writes these lines (build_scripts/pyodide_bundle.py).
  var PYODIDE_WASM = "../assets/pyodide/pyodide.asm.wasm";
  var GUIDE_MODULES = ["guide/page.js"];

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
  var shared = !!(document.prerendering && window.SharedWorker);
  var engine = window.guideEngine = startGuideEngine(guide, script.getAttribute("data-lang"), shared);
  // Before the first paint: the page takes the look it will have once the engine answers
  // (site.css), so nothing moves when it does.
  if (!engine.worker) return;
  document.documentElement.setAttribute("data-guide-engine", "");
  preloadModules();
  if (!shared) preloadWasm();
  deferSearch(new URL("..", script.src));

  // The guide page's modules (js/guide/) are asked for now, all at once: otherwise the browser
  // finds them one import at a time (js/guide.js at the end of the page, then page.js, then what
  // it imports, then theirs), a round trip each, and the form has no handlers until the last.
  function preloadModules() {
    var links = document.createElement("link").relList;
    if (!links || !links.supports || !links.supports("modulepreload")) return;
    GUIDE_MODULES.forEach(function (name) {
      var link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = new URL(name, script.src).href;
      document.head.appendChild(link);
    });
  }

  // Right after them, the engine's largest file, Pyodide's WebAssembly (2.7 MB compressed),
  // starts downloading: the worker asks for it only after three more round trips (its own
  // script, Pyodide's loader, then this file) and its own start, most of a second on a phone's
  // network, while the network has little else to do. The worker's request joins this one in
  // the browser's cache (the same request: same address, same mode). Low priority, so the page's
  // own styles and scripts go first. The bytes are read and let go here (a <link rel=preload>
  // would keep a copy in the page and warn that the page never used it). Not where the service
  // worker has it in its cache (offline, or any later visit), nor on a prerendered page (the
  // engine it joins is already running). Measured on the emulated phone: waiting for the modules
  // before asking for it made the form usable no sooner and the first result 0.4 s later; asking
  // early for the worker's other files too (Pyodide's loader, the standard library, the engine)
  // made the form usable 0.5 s later and the first result no sooner: there the network's speed,
  // not the round trips, sets the time.
  function preloadWasm() {
    if ((navigator.serviceWorker && navigator.serviceWorker.controller) || !window.fetch) return;
    fetch(new URL(PYODIDE_WASM, script.src).href, { priority: "low" }).then(function (response) {
      return response.body && response.body.pipeTo ? response.body.pipeTo(new WritableStream()) : response.arrayBuffer();
    }).catch(function () {}); // the worker's own request says what failed
  }

  // The theme's search downloads its index (400 KB of text) and builds it in a worker of its
  // own as soon as its script runs: on a phone, or on two busy cores, that competes with the
  // engine for the network and the processor. Here the theme's requests for the index and its
  // worker wait until the first result is shown or the engine has failed (js/guide/page.js:
  // «guide-engine-settled»), or until the reader turns to the search, whichever comes first.
  // The theme has no setting for this; it makes the worker with `new Worker(url)` and gets the
  // index with an XMLHttpRequest, so those two are held here (before the theme's script runs),
  // for its own two addresses only.
  function deferSearch(root) {
    var index = new URL("search/search_index.json", root).href;
    var workers = new URL("assets/javascripts/workers/search.", root).href;
    var held = [];
    var released = false;
    function release() {
      if (released) return;
      released = true;
      held.splice(0).forEach(function (go) { go(); });
    }
    document.addEventListener("guide-engine-settled", release, { once: true });
    // Turning to the search: its box gets the focus (a click, a tap, the theme's keys f, s, /),
    // or its dialog opens; and a link to a search (?q=) means it at once.
    document.addEventListener("focusin", function (e) {
      if (e.target && e.target.matches && e.target.matches("[data-md-component=search-query]")) release();
    });
    document.addEventListener("change", function (e) {
      if (e.target && e.target.id === "__search") release();
    });
    if (new URLSearchParams(location.search).has("q")) release();

    var open = XMLHttpRequest.prototype.open;
    var send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      this.guideHeld = new URL(url, location.href).href === index;
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      var xhr = this, args = arguments;
      if (!xhr.guideHeld || released) return send.apply(xhr, args);
      held.push(function () { send.apply(xhr, args); });
    };

    // The worker: a stand-in that keeps the theme's messages until the real one starts.
    var NativeWorker = window.Worker;
    function HeldWorker(url, options) {
      if (released || new URL(url, location.href).href.indexOf(workers) !== 0) {
        return new NativeWorker(url, options);
      }
      var stand = new EventTarget();
      var queue = [];
      var real = null;
      stand.postMessage = function (data) { if (real) real.postMessage(data); else queue.push(data); };
      stand.terminate = function () { if (real) real.terminate(); queue = null; };
      held.push(function () {
        if (!queue) return; // terminated meanwhile
        real = new NativeWorker(url, options);
        real.onmessage = function (e) { stand.dispatchEvent(new MessageEvent("message", { data: e.data })); };
        real.onerror = function () { stand.dispatchEvent(new Event("error")); };
        queue.splice(0).forEach(function (data) { real.postMessage(data); });
      });
      return stand;
    }
    HeldWorker.prototype = NativeWorker.prototype;
    window.Worker = HeldWorker;
  }
})();
