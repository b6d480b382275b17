// Offline reading: register the site's service worker (sw.js at the site root) once the page
// has loaded. Browsers allow it only on https and on localhost; elsewhere nothing happens.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !script) return;
  var root = new URL("..", script.src);
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
  });
})();
