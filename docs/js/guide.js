// Interactive guide: sends the form's answers to the rule engine (guide-worker.js) and shows
// what they point to. All rules live in the engine; this file only collects and displays.
// Nothing leaves the device: no storage, no network except this site's own files.
(function () {
  "use strict";
  var SCRIPT = document.currentScript && document.currentScript.src;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function sourceLinks(sources) {
    var p = el("p", { class: "guide-sources" }, [document.createTextNode("Lovgrunnlag: ")]);
    sources.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode(", "));
      p.appendChild(el("a", { href: s.url, class: "lovdata", text: s.label }));
    });
    return p;
  }

  function Guide(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.data = JSON.parse(root.querySelector("#veiviser-data").textContent);
    this.output = root.querySelector("[data-guide-output]");
    this.resultBox = root.querySelector("[data-guide-result]");
    this.status = root.querySelector("[data-guide-loading]");
    this.errorSummary = root.querySelector("[data-guide-errors]");
    this.announcer = root.querySelector("[data-guide-announce]");
    this.peek = root.querySelector("[data-guide-peek]");
    this.timeoutMs = parseInt(root.getAttribute("data-timeout-ms"), 10) || 45000;
    this.seq = 0;
    this.ready = false;
    this.failed = false;
  }

  Guide.prototype.say = function (text, kind) {
    this.status.hidden = !text;
    this.status.textContent = text || "";
    this.status.className = "guide-status" + (kind ? " guide-status--" + kind : "");
  };

  Guide.prototype.start = function () {
    var self = this;
    self.say("Veiviseren starter. Du kan begynne å svare mens den laster.", "loading");
    var print = self.root.querySelector("[data-guide-print]");
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
    self.form.addEventListener("change", function () { self.update(); });
    self.form.addEventListener("input", function (e) {
      if (e.target.type === "text") { clearTimeout(self.typing); self.typing = setTimeout(function () { self.update(); }, 250); }
    });
    self.form.addEventListener("submit", function (e) { e.preventDefault(); self.update(); });
    self.form.addEventListener("reset", function () {
      setTimeout(function () { self.update(); self.form.querySelector("input").focus(); }, 0);
    });
    self.timer = setTimeout(function () { if (!self.ready) self.fail(); }, self.timeoutMs);
    // Normally guide-start.js has already started the worker from <head>.
    var engine = window.guideEngine;
    if (!engine || !engine.worker) {
      try {
        engine = { worker: new Worker(new URL("guide-worker.js", SCRIPT), { type: "module" }), queue: [] };
        engine.worker.postMessage({ type: "start", guide: self.data.id, pyodide: new URL("../" + self.data.pyodide, SCRIPT).href });
      } catch (err) {
        self.fail();
        return;
      }
    }
    self.worker = engine.worker;
    self.worker.onmessage = function (e) { self.receive(e.data); };
    self.worker.onerror = function () { self.fail(); };
    if (engine.failed) self.fail();
    (engine.queue || []).splice(0).forEach(function (msg) { self.receive(msg); });
  };

  Guide.prototype.fail = function () {
    if (this.ready) return;
    this.failed = true;
    this.say("Veiviseren kunne ikke starte i denne nettleseren. Du kan fortsatt bruke spørsmålene som en sjekkliste. " +
      "Se «Slik vurderes svarene» lenger ned, eller skriv ut siden.", "failed");
    this.resultBox.setAttribute("data-guide-status", "feil");
  };

  Guide.prototype.answers = function () {
    var answers = {};
    var self = this;
    Object.keys(self.data.questions).forEach(function (id) {
      var q = self.data.questions[id];
      if (q.type === "choice") {
        var checked = self.form.querySelector('input[name="' + id + '"]:checked');
        if (checked) answers[id] = checked.value;
      } else {
        var raw = self.form.elements[id].value.trim().replace(",", ".");
        if (raw !== "") answers[id] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      }
    });
    return answers;
  };

  Guide.prototype.update = function () {
    if (!this.ready) return; // the first result is shown as soon as the engine is ready
    this.seq += 1;
    this.sentAt = performance.now();
    this.root.setAttribute("data-guide-busy", "true");
    this.worker.postMessage({ type: "evaluate", guide: this.data.id, answers: this.answers(), seq: this.seq });
  };

  Guide.prototype.receive = function (msg) {
    if (msg.type === "ready") {
      clearTimeout(this.timer);
      this.ready = true;
      this.failed = false;
      this.root.setAttribute("data-engine-ms", Math.round(msg.ms));
      this.root.setAttribute("data-engine-marks", JSON.stringify(msg.marks || {}));
      this.root.setAttribute("data-ready-at", Math.round(performance.now()));
      this.say("");
      this.update();
    } else if (msg.type === "failed") {
      this.ready = false;
      this.fail();
    } else if (msg.type === "result" && msg.seq === this.seq) {
      this.root.setAttribute("data-update-ms", (performance.now() - this.sentAt).toFixed(1));
      this.root.setAttribute("data-guide-busy", "false");
      if (msg.errors) this.showErrors(msg.errors);
      else this.show(msg.result);
    }
  };

  Guide.prototype.clearErrors = function () {
    this.errorSummary.hidden = true;
    this.errorSummary.textContent = "";
    this.root.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    this.form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
  };

  Guide.prototype.showErrors = function (errors) {
    var self = this;
    self.clearErrors();
    var list = el("ul", {});
    errors.forEach(function (err) {
      var id = err.field.replace(/^answers\./, "");
      var target = self.root.querySelector('[data-error-for="' + id + '"]');
      if (target) {
        target.textContent = err.message;
        target.hidden = false;
        var input = self.form.elements[id];
        if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
      }
      var item = el("li", {});
      item.appendChild(target ? el("a", { href: "#sporsmal-" + id, text: err.message }) : document.createTextNode(err.message));
      list.appendChild(item);
    });
    self.errorSummary.appendChild(el("h2", { text: "Noe må rettes" }));
    self.errorSummary.appendChild(list);
    self.errorSummary.hidden = false;
    self.resultBox.setAttribute("data-guide-status", "feil");
  };

  Guide.prototype.show = function (r) {
    var self = this, text = self.data.status_text;
    self.clearErrors();
    // Show the questions the engine asks; keep hidden answers in the form (nothing typed is lost).
    Object.keys(self.data.questions).forEach(function (id) {
      var box = self.root.querySelector('[data-question="' + id + '"]');
      box.hidden = r.asked_questions.indexOf(id) < 0 && !(id in r.answers && r.ignored_answers.indexOf(id) < 0);
    });
    var out = document.createDocumentFragment();
    out.appendChild(el("p", { class: "guide-verdict guide-verdict--" + r.status },
      [el("strong", { text: text[r.status] + ": " }), document.createTextNode(r.summary)]));
    out.appendChild(el("p", { class: "guide-disclaimer", text: "Dette er ikke et vedtak. Det er kommunen som avgjør." }));
    if (r.next_questions.length) {
      var next = r.next_questions[0];
      var p = el("p", { class: "guide-next" }, [document.createTextNode("Neste spørsmål: ")]);
      p.appendChild(el("a", { href: "#sporsmal-" + next, text: self.data.questions[next].text }));
      out.appendChild(p);
    }
    // Nothing answered yet: the way in, not a list of open conditions.
    if (Object.keys(r.answers).length) self.details(r, out);
    self.output.replaceChildren(out);
    if (!self.root.hasAttribute("data-first-result-at")) {
      self.root.setAttribute("data-first-result-at", Math.round(performance.now()));
    }
    self.resultBox.setAttribute("data-guide-status", r.status);
    document.body.classList.add("guide-has-result");
    // Screen readers hear the verdict when it changes, not the whole result on every answer.
    var said = text[r.status] + ": " + r.summary;
    if (self.announcer.textContent !== said) self.announcer.textContent = said;
    // On a phone the result is below the questions: a small bar says what it is now.
    self.peek.textContent = "Svarene peker nå mot: " + text[r.status] + ". Se hvorfor";
    self.peek.className = "guide-peek guide-peek--" + r.status;
    self.peek.hidden = !Object.keys(r.answers).length;
  };

  Guide.prototype.details = function (r, out) {
    var self = this, text = self.data.status_text;
    var conds = el("ol", { class: "guide-conditions" });
    r.conditions.forEach(function (c) {
      conds.appendChild(el("li", { class: "guide-condition guide-condition--" + c.status, "data-condition": c.id, "data-status": c.status }, [
        el("h3", {}, [el("span", { class: "guide-badge", text: text[c.status] }), document.createTextNode(" " + c.title)]),
        el("p", { text: c.explanation }),
        sourceLinks(c.sources),
      ]));
    });
    out.appendChild(el("h3", { text: "Vilkårene" }));
    out.appendChild(conds);
    if (r.next_steps.length) {
      out.appendChild(el("h3", { text: "Hva kan dere gjøre nå?" }));
      var steps = el("ul", { class: "guide-steps" });
      r.next_steps.forEach(function (s) { steps.appendChild(el("li", { "data-step": s.id, text: s.text })); });
      out.appendChild(steps);
    }
    if (r.notes.length) {
      out.appendChild(el("h3", { text: "Godt å vite" }));
      var notes = el("ul", { class: "guide-notes" });
      r.notes.forEach(function (n) {
        notes.appendChild(el("li", { "data-note": n.id }, [el("p", { text: n.text }), sourceLinks(n.sources)]));
      });
      out.appendChild(notes);
    }
    if (r.letter) out.appendChild(self.letter(r.letter));
  };

  // The request letter: its words come from the guide definition (via the engine's result).
  Guide.prototype.letter = function (letter) {
    var self = this, kommune = self.data.kommune || {};
    var box = el("section", { class: "guide-letter-box", "aria-labelledby": "brev-tittel" });
    box.appendChild(el("h3", { id: "brev-tittel", text: "Brev til kommunen" }));
    box.appendChild(el("p", { text: "Dere kan skrive ut brevet eller kopiere teksten. Skriv inn navn og dato selv." }));
    var body = el("div", { class: "guide-letter", id: "brev" });
    body.appendChild(el("p", { text: "Til: " + (kommune.navn || "kommunen") + (kommune.kontakt ? " (" + kommune.kontakt + ")" : "") }));
    body.appendChild(el("p", {}, [el("strong", { text: letter.subject })]));
    body.appendChild(el("p", { text: letter.request }));
    body.appendChild(el("p", { text: "Lovgrunnlag: " + letter.sources.map(function (s) { return s.label; }).join(", ") + "." }));
    body.appendChild(el("p", { text: "Slik ser vilkårene ut etter våre svar:" }));
    var list = el("ul", {});
    letter.conditions.forEach(function (c) {
      list.appendChild(el("li", { text: c.title + ": " + self.data.letter_status[c.status] }));
    });
    body.appendChild(list);
    body.appendChild(el("p", { text: letter.closing }));
    body.appendChild(el("p", { text: "Navn: ______________________   Dato: ____________" }));
    body.appendChild(el("p", { text: "Telefon eller e-post: ______________________" }));
    box.appendChild(body);
    var actions = el("div", { class: "guide-actions" });
    var printBtn = el("button", { type: "button", class: "md-button", text: "Skriv ut brevet" });
    printBtn.addEventListener("click", function () {
      document.body.classList.add("print-letter");
      window.print();
      document.body.classList.remove("print-letter");
    });
    var copyBtn = el("button", { type: "button", class: "md-button", text: "Kopier teksten" });
    var copied = el("span", { class: "guide-copied", role: "status" });
    copyBtn.addEventListener("click", function () {
      var text = body.innerText;
      var done = function () { copied.textContent = "Teksten er kopiert."; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () { select(body); });
      else select(body);
    });
    function select(node) {
      var range = document.createRange();
      range.selectNodeContents(node);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copied.textContent = "Teksten er merket. Kopier den med Ctrl+C (eller Cmd+C).";
    }
    actions.appendChild(printBtn);
    actions.appendChild(copyBtn);
    actions.appendChild(copied);
    box.appendChild(actions);
    return box;
  };

  function boot() {
    var root = document.querySelector("[data-guide]");
    if (root && !root.hasAttribute("data-guide-started")) {
      root.setAttribute("data-guide-started", "");
      new Guide(root).start();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
