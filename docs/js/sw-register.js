// Offline reading: register the site's service worker (sw.js at the site root) once the page
// has loaded (on a guide, once its engine has started). Browsers allow it only on https and on localhost; elsewhere nothing happens.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !script) return;
  var TOP = ".."; // from js/ to the site's top (the build makes it "../.." in the nn/ or nb/ folder)
  var root = new URL(TOP + "/", script.src);
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
