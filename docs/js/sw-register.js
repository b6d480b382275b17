// Offline reading: register the service worker of this written form (sw.js at its top) once the page
// has loaded (on a guide, once its engine has started). Browsers allow it only on https and on localhost; elsewhere nothing happens.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !script) return;
  var root = new URL("..", script.src); // this written form's top: nn/ has its own worker
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
  }
  window.addEventListener("load", function () {
    // A first install fetches the whole site. On a guide, that waits until the engine has
    // started (or failed): on two cores it would otherwise slow the engine's start (guide.js).
    if (document.querySelector("[data-guide]") && !document.documentElement.hasAttribute("data-engine-settled")) {
      document.addEventListener("guide-engine-settled", register, { once: true });
    } else {
      register();
    }
  });
})();
