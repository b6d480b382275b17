// Offline reading: register the service worker of this written form (sw.js at its top) once the page
// has loaded (on a guide, once its first result is shown). Browsers allow it only on https and on localhost; elsewhere nothing happens.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !script) return;
  var root = new URL("..", script.src); // this written form's top: nn/ has its own worker

  // A saved page may be older than the site: say so when the page came from the saved copy
  // without a network, and when a newer build has taken over while the page is open (Workbox
  // activates it at once: the next page is new, this one is not).
  function notice(kind) {
    var box = document.querySelector("[data-sw-notice]");
    if (!box) return;
    var text = box.getAttribute(kind === "newer" ? "data-newer" : "data-saved");
    // An offline copy older than the stated limit says that the legal text may be outdated.
    var age = (Date.now() - Date.parse(box.getAttribute("data-built"))) / 864e5;
    if (kind === "saved" && age > Number(box.getAttribute("data-days"))) {
      text += " " + box.getAttribute("data-old");
      kind = "old";
    }
    box.textContent = text;
    box.setAttribute("data-kind", kind);
    box.hidden = false;
  }
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (controlled) notice("newer"); // the first install is not an update
    controlled = true;
  });
  function offline() { if (navigator.serviceWorker.controller && !navigator.onLine) notice("saved"); }
  window.addEventListener("offline", offline);
  offline();

  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
  }
  window.addEventListener("load", function () {
    // A first install fetches the whole site. On a guide, that waits until the first result is
    // shown (or the engine failed): on two cores it would otherwise slow the engine's start
    // (js/guide/page.js).
    if (document.querySelector("[data-guide]") && !document.documentElement.hasAttribute("data-engine-settled")) {
      document.addEventListener("guide-engine-settled", register, { once: true });
    } else {
      register();
    }
  });
})();
