// The printable consent form (build_scripts/consent_form.py), on paper as it was filled in.
// A classic script, not a module like the guide's (js/guide/): the form is also used from a
// copy opened from a folder (file://), where Chromium refuses module scripts.
// On paper a one-line field shows only what fits its box, and a text area its visible rows.
// Beside each text field a copy holds the whole text for print (site.css), set as text, never as
// markup. An empty field prints as itself: room to write.
(function () {
  "use strict";
  function printCopies() {
    var form = document.querySelector(".samtykkeskjema");
    if (!form || form.hasAttribute("data-print-ready")) return;
    form.setAttribute("data-print-ready", "");
    var syncs = Array.prototype.map.call(form.querySelectorAll("input[type=text], textarea"), function (field) {
      var copy = document.createElement("div");
      copy.className = "print-copy";
      copy.setAttribute("aria-hidden", "true");
      field.insertAdjacentElement("afterend", copy);
      function sync() {
        copy.textContent = field.value;
        field.parentNode.classList.toggle("print-filled", field.value.trim() !== "");
      }
      field.addEventListener("input", sync);
      field.addEventListener("change", sync);
      sync();
      return sync;
    });
    // Values the browser put back (history) arrive without an input event.
    function all() { syncs.forEach(function (sync) { sync(); }); }
    window.addEventListener("pageshow", all);
    window.addEventListener("beforeprint", all);
    // Print the form alone (site.css), as the letter is printed alone.
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = form.getAttribute("data-print-label");
    button.addEventListener("click", function () {
      all();
      document.body.classList.add("print-consent");
      window.print();
      document.body.classList.remove("print-consent");
    });
    var actions = document.createElement("div");
    actions.className = "guide-actions";
    actions.appendChild(button);
    form.appendChild(actions);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", printCopies);
  else printCopies();
})();
