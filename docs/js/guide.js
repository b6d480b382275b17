// Loads the guide's scripts, which are ES modules (js/guide/, one job each; CONTRIBUTING.md
// «The guide page and its engine»). This loader stays a classic script because a copy opened
// from a folder (file://) cannot load modules in Chromium, nor run the engine: there it only says
// why, and the guide page stays a printable checklist. Loading the modules from here, not from
// mkdocs.yml, also keeps both builders (MkDocs, Zensical) on one plain <script> tag.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var root = document.querySelector("[data-guide]");
  if (location.protocol === "file:") {
    if (root) {
      var status = root.querySelector("[data-guide-loading]");
      status.textContent = root.getAttribute("data-from-folder");
      status.className = "guide-status guide-status--failed";
      root.querySelector("[data-guide-result]").setAttribute("data-guide-status", "mappe");
    }
    return;
  }
  // Not on a guide: prepare the guide a reader may open (only where the browser prerenders).
  if (!root && !(window.HTMLScriptElement && HTMLScriptElement.supports && HTMLScriptElement.supports("speculationrules"))) return;
  var script = document.createElement("script");
  script.type = "module";
  script.src = new URL(root ? "guide/page.js" : "guide/prepare.js", here).href;
  document.head.appendChild(script);
})();
