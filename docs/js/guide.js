// Interactive guide: sends the form's answers to the rule engine (guide-worker.js) and shows
// what they point to. All rules live in the engine; this file only collects and displays.
// Nothing leaves the device: no storage, no network except this site's own files.
(function () {
  "use strict";
  var UI = {}; // set from the page's data when a guide starts
  var SCRIPT = document.currentScript && document.currentScript.src;
  var SHOW_ALL_AFTER_MS = 15000; // every question shows while a slow engine is still starting

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
    var p = el("p", { class: "guide-sources" }, [document.createTextNode(UI.sources)]);
    sources.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode(", "));
      p.appendChild(el("a", { href: s.url, class: "lovdata", text: s.label }));
    });
    return p;
  }

  // «Må du melde fra?»: each duty with its badge, what it means now and its sources.
  function dutiesBox(r, duties) {
    var box = el("section", { class: "guide-duties", "data-duties": "", "aria-labelledby": "plikter-tittel" },
      [el("h3", { id: "plikter-tittel", text: r.duties_heading })]);
    var list = el("ul", { class: "guide-conditions guide-conditions--duties" });
    duties.forEach(function (c) {
      list.appendChild(el("li", { class: "guide-condition guide-duty guide-duty--" + c.status, "data-condition": c.id, "data-status": c.status }, [
        el("h4", {}, [el("span", { class: "guide-badge", text: c.label }), document.createTextNode(" " + c.title)]),
        el("p", { text: c.explanation }),
        sourceLinks(c.sources),
      ]));
    });
    box.appendChild(list);
    return box;
  }

  // On a phone the bar below the form says that a duty applies or may apply (when the answers
  // name a trigger) rather than the answer about sharing: that is what to act on.
  function dutyFirst(r) {
    var duties = (r.conditions || []).filter(function (c) { return c.duty && c.case; });
    if (duties.some(function (c) { return c.status === "oppfylt"; })) return UI.peek_must_act;
    if (duties.some(function (c) { return c.status === "uavklart"; })) return UI.peek_may_act;
    return "";
  }

  // What the law registry says for the ticked services (the engine's «lists»).
  function registryList(lst, level) {
    var box = el("section", { class: "guide-list guide-list--" + lst.view, "data-list": lst.id });
    box.appendChild(el("h" + level, { text: lst.title }));
    box.appendChild(el("p", { text: lst.intro }));
    if (lst.center) box.appendChild(el("p", { class: "guide-center", "data-center": lst.center.id }, [el("strong", { text: lst.center.text })]));
    if (lst.view === "team" && lst.items.length) box.appendChild(teamPicture(lst));
    if (lst.empty) box.appendChild(el("p", { class: "guide-list-empty", text: lst.empty }));
    // In the team view the numbers in the picture are the numbers of this list.
    var items = el(lst.view === "team" ? "ol" : "ul", { class: "guide-list-items" });
    lst.items.forEach(function (item) {
      var heading = el("h" + (level + 1), {}, item.status
        ? [el("span", { class: "guide-badge guide-badge--" + item.status, text: item.label_status }), document.createTextNode(" " + item.label)]
        : [document.createTextNode(item.label)]);
      var li = el("li", { class: "guide-list-item" + (item.status ? " guide-condition--" + item.status : ""), "data-item": item.id }, [heading]);
      if (lst.view !== "team" && item.services.length) {
        li.appendChild(el("p", { text: UI.covers + item.services.map(function (s) { return s.label; }).join(", ") }));
      }
      // Families read the plain version where the registry has one; staff tables keep the summary.
      item.provisions.forEach(function (p) { li.appendChild(el("p", { text: p.plain || p.summary })); });
      item.flags.forEach(function (f) { li.appendChild(el("p", { class: "guide-flag", "data-flag": f.provides, "data-value": String(f.value), text: f.text })); });
      if (item.sources.length) li.appendChild(sourceLinks(item.sources));
      items.appendChild(li);
    });
    box.appendChild(items);
    return box;
  }

  // The team around the child as a picture, drawn on the device from the result. The list after
  // it says the same in words, so the picture is hidden from screen readers.
  function teamPicture(lst) {
    var NS = "http://www.w3.org/2000/svg", n = lst.items.length, size = 320, mid = size / 2, radius = 118;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "guide-team");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    function node(tag, attrs, text) {
      var e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text) e.textContent = text;
      svg.appendChild(e);
      return e;
    }
    lst.items.forEach(function (item, i) {
      var angle = (2 * Math.PI * i) / n - Math.PI / 2;
      var x = mid + radius * Math.cos(angle), y = mid + radius * Math.sin(angle);
      var flagged = item.flags.length && item.flags[0].value;
      node("line", { x1: mid, y1: mid, x2: x, y2: y, class: "guide-team-line" + (flagged ? "" : " guide-team-line--loose") });
      node("circle", { cx: x, cy: y, r: 26, class: "guide-team-member" + (flagged ? "" : " guide-team-member--loose") });
      node("text", { x: x, y: y + 5, "text-anchor": "middle", class: "guide-team-label" }, String(i + 1));
    });
    node("circle", { cx: mid, cy: mid, r: 44, class: "guide-team-center" });
    node("text", { x: mid, y: mid + 5, "text-anchor": "middle", class: "guide-team-label guide-team-label--center" },
      lst.center ? "Samordner" : "?");
    return el("figure", { class: "guide-team-figure" }, [svg]);
  }

  function Guide(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.data = JSON.parse(root.querySelector("#veiviser-data").textContent);
    UI = this.data.ui; // the page's own words, in its written form (made by the build)
    this.output = root.querySelector("[data-guide-output]");
    this.resultBox = root.querySelector("[data-guide-result]");
    this.status = root.querySelector("[data-guide-loading]");
    this.errorSummary = root.querySelector("[data-guide-errors]");
    this.announcer = root.querySelector("[data-guide-announce]");
    this.peek = root.querySelector("[data-guide-peek]");
    this.staleNote = root.querySelector("[data-guide-stale]");
    this.timeoutMs = parseInt(root.getAttribute("data-timeout-ms"), 10) || 45000;
    this.seq = 0;
    this.ready = false;
    this.failed = false;
  }

  // The line keeps its place when it falls silent: its last words stay, unseen and unread
  // (site.css), so the form below it never moves.
  Guide.prototype.say = function (text, kind) {
    if (text) this.status.textContent = text;
    this.status.className = "guide-status guide-status--" + (text ? kind : "done");
  };

  Guide.prototype.start = function () {
    var self = this;
    if (location.protocol === "file:") {
      // A copy read from a folder: the checklist works, the engine cannot start (module workers
      // and Pyodide's files need http). Say why, plainly, at once.
      self.say(self.root.getAttribute("data-from-folder"), "failed");
      self.resultBox.setAttribute("data-guide-status", "mappe");
      return;
    }
    self.say(UI.starting, "loading");
    // Shown from the first paint where the engine starts (site.css): its place never changes.
    var print = self.root.querySelector("[data-guide-print]");
    print.addEventListener("click", function () { window.print(); });
    // A change (a click, or leaving the age field) asks at once; typing that waits is then done.
    self.form.addEventListener("change", function (e) {
      // «None of these» stands alone: ticking it clears the others, ticking another clears it.
      var box = e.target;
      if (box.type === "checkbox" && box.checked) {
        self.form.querySelectorAll('input[name="' + box.name + '"]:checked').forEach(function (other) {
          if (other !== box && (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) other.checked = false;
        });
      }
      clearTimeout(self.typing);
      self.update();
    });
    self.form.addEventListener("input", function (e) {
      if (e.target.type !== "text") return;
      // The result on screen belongs to the answer before this one from the first key press.
      self.pending();
      clearTimeout(self.typing);
      self.typing = setTimeout(function () { self.update(); }, 250);
    });
    self.form.addEventListener("submit", function (e) { e.preventDefault(); self.update(); });
    self.form.addEventListener("reset", function () {
      // The form clears after this event: mark the page busy now, so nobody reads the old result.
      self.pending();
      setTimeout(function () { self.update(); self.form.querySelector("input").focus(); }, 0);
    });
    // The form has its handlers from here (the benchmark reads this as «the form is usable»).
    self.root.setAttribute("data-started-at", Math.round(performance.now()));
    self.timer = setTimeout(function () { if (!self.ready) self.fail(); }, self.timeoutMs);
    // Until the first result only the first questions show (nothing moves when it comes); an
    // engine that is slow to start must not keep the rest of the checklist from the family.
    self.slow = setTimeout(function () { if (!self.ready) self.root.setAttribute("data-guide-slow", ""); }, SHOW_ALL_AFTER_MS);
    // Normally guide-start.js has already started the worker from <head>.
    var engine = window.guideEngine;
    if (!engine || !engine.worker) {
      try {
        engine = { worker: new Worker(new URL("guide-worker.js", SCRIPT), { type: "module" }), queue: [] };
        engine.worker.postMessage({ type: "start", guide: self.data.id, lang: self.data.lang, pyodide: new URL("../" + self.data.pyodide, SCRIPT).href });
      } catch (err) {
        self.fail("browser"); // no module workers here
        return;
      }
    }
    self.worker = engine.worker;
    self.worker.onmessage = function (e) { self.receive(e.data); };
    self.worker.onerror = function () { self.fail(); };
    if (engine.failed) self.fail(engine.reason);
    (engine.queue || []).splice(0).forEach(function (msg) { self.receive(msg); });
  };

  // The engine has started or failed: what waited for it may start now (sw-register.js).
  function settled() {
    var html = document.documentElement;
    if (html.hasAttribute("data-engine-settled")) return;
    html.setAttribute("data-engine-settled", "");
    document.dispatchEvent(new Event("guide-engine-settled"));
  }

  // The engine did not start. Say what failed: its download (the site or the network), this
  // browser (no module workers), or, when nothing more is known, that it did not start.
  Guide.prototype.fail = function (reason) {
    settled();
    if (this.ready) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.say(reason === "download" ? UI.failed_download : reason === "browser" ? UI.failed_browser : UI.failed, "failed");
    this.resultBox.setAttribute("data-guide-status", "feil");
    this.root.setAttribute("data-guide-failed", reason || "start");
  };

  // An answer is on its way: the result shown belongs to earlier answers until the new one comes.
  Guide.prototype.pending = function () {
    this.root.setAttribute("data-guide-busy", "true");
    this.resultBox.setAttribute("aria-busy", "true");
  };

  // The result on screen is not for the answers now in the form (this answer could not be
  // checked): say so beside it, so nobody reads or prints it as current.
  Guide.prototype.markStale = function (stale) {
    this.staleNote.textContent = stale ? UI.stale : "";
    this.staleNote.hidden = !stale;
    this.resultBox.classList.toggle("guide-result--stale", stale);
    if (stale) this.peek.hidden = true; // the bar on phones would show the old verdict as current
    if (stale) this.root.setAttribute("data-guide-stale", "true");
    else this.root.removeAttribute("data-guide-stale");
  };

  // The answers as the form holds them, read by the control each question declares (the page
  // template's data-control): a radio group's value, a checkbox group's ticked values, a text
  // field's text as typed. The engine reads and checks them (types.py), so the page and the
  // engine never disagree on what a number is; a control this code does not know is an error.
  Guide.prototype.answers = function () {
    var answers = {};
    var self = this;
    Object.keys(self.data.questions).forEach(function (id) {
      var control = self.form.querySelector('[data-question="' + id + '"]').getAttribute("data-control");
      var inputs = self.form.querySelectorAll('input[name="' + id + '"]');
      var checked = Array.prototype.filter.call(inputs, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      if (control === "radio") {
        if (checked.length) answers[id] = checked[0];
      } else if (control === "checkbox") {
        // Nothing ticked is «not answered yet»: the guide waits rather than reading it as «none».
        if (checked.length) answers[id] = checked;
      } else if (control === "text") {
        if (inputs[0].value.trim() !== "") answers[id] = inputs[0].value; // blank is not answered
      } else {
        throw new Error("guide.js: unknown form control «" + control + "» for «" + id + "»");
      }
    });
    return answers;
  };

  Guide.prototype.update = function () {
    if (!this.ready) return; // the first result is shown as soon as the engine is ready
    this.seq += 1;
    this.sentAt = performance.now();
    this.sent = this.answers();
    this.pending();
    this.worker.postMessage({ type: "evaluate", guide: this.data.id, lang: this.data.lang, answers: this.sent, seq: this.seq });
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
      settled();
    } else if (msg.type === "failed") {
      this.fail(msg.reason); // the start failed (an answer that fails is an «error», below)
    } else if (msg.type === "error" && msg.seq === this.seq) {
      // This answer could not be checked. The form stays usable and the next answer tries again;
      // the result shown stays marked as belonging to the earlier answers.
      this.say(UI.answer_failed, "failed");
      this.markStale(true);
      this.done();
    } else if (msg.type === "result" && msg.seq === this.seq) {
      this.root.setAttribute("data-update-ms", (performance.now() - this.sentAt).toFixed(1));
      this.say("");
      if (msg.errors) {
        this.showErrors(msg.errors);
        this.markStale(true); // what is shown below the errors is for the answers before
      } else {
        this.show(msg.result);
        this.markStale(false);
      }
      // Which answers the engine's answer belongs to (tests and tools wait for this, not a timer).
      this.root.setAttribute("data-guide-result-for", JSON.stringify(this.sent));
      this.done();
    }
  };

  Guide.prototype.done = function () {
    this.root.setAttribute("data-guide-busy", "false");
    this.resultBox.removeAttribute("aria-busy");
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
    self.errorSummary.appendChild(el("h2", { text: UI.fix_heading }));
    self.errorSummary.appendChild(list);
    self.errorSummary.hidden = false;
    self.resultBox.setAttribute("data-guide-status", "feil");
  };

  Guide.prototype.show = function (r) {
    var self = this, overview = !!r.parts, answered = Object.keys(r.answers).length > 0;
    self.clearErrors();
    // Show the questions the engine asks; keep hidden answers in the form (nothing typed is lost).
    Object.keys(self.data.questions).forEach(function (id) {
      var box = self.root.querySelector('[data-question="' + id + '"]');
      box.hidden = r.asked_questions.indexOf(id) < 0 && !(id in r.answers && r.ignored_answers.indexOf(id) < 0);
    });
    var out = document.createDocumentFragment();
    // A single guide has one verdict; the overview has one per right, each as its guide gives it.
    var said;
    if (overview) {
      var verdicts = el("ul", { class: "guide-verdicts" });
      r.parts.forEach(function (part) {
        verdicts.appendChild(el("li", { class: "guide-verdict guide-verdict--" + part.status, "data-part-verdict": part.guide },
          [el("strong", { text: part.title + (/[?.!]$/.test(part.title) ? " " : ": ") }), document.createTextNode(part.verdict + ". " + part.summary)]));
      });
      out.appendChild(verdicts);
      said = r.parts.map(function (part) { return part.title + ": " + part.verdict; }).join(". ");
    } else {
      // Two answers, never one: the duties («Må du melde fra?») first, then the answer the
      // status gives («Kan du dele dette med …?»).
      var duties = r.conditions.filter(function (c) { return c.duty; });
      said = "";
      if (duties.length && answered) {
        out.appendChild(dutiesBox(r, duties));
        said = r.duties_heading + " " + duties.map(function (c) { return c.title + ": " + c.label + "."; }).join(" ") + " ";
      }
      if (r.result_question && answered) {
        out.appendChild(el("h3", { class: "guide-result-question", "data-result-question": "", text: r.result_question }));
        said += r.result_question + " ";
      }
      out.appendChild(el("p", { class: "guide-verdict guide-verdict--" + r.status },
        [el("strong", { text: r.verdict + ". " }), document.createTextNode(r.summary)]));
      said += r.verdict + ". " + r.summary;
    }
    out.appendChild(el("p", { class: "guide-disclaimer", text: r.disclaimer }));
    if (r.next_questions.length) {
      var next = r.next_questions[0];
      var p = el("p", { class: "guide-next" }, [document.createTextNode(UI.next_question)]);
      p.appendChild(el("a", { href: "#sporsmal-" + next, text: self.data.questions[next].text }));
      out.appendChild(p);
    }
    // Nothing answered yet: the way in, not a list of open conditions.
    if (answered && overview) {
      r.parts.forEach(function (part) {
        var section = el("section", { class: "guide-part", "data-part": part.guide, "data-status": part.status },
          [el("h3", { text: part.title })]);
        self.details(part, section, 4, false);
        out.appendChild(section);
      });
      var contact = contactBlock(self.data.kommune || {}, 3);
      if (contact) out.appendChild(contact);
      if (r.letter) out.appendChild(self.requestLetter(r));
    } else if (answered) {
      self.details(r, out, 3, true);
    }
    self.output.replaceChildren(out);
    if (!self.root.hasAttribute("data-first-result-at")) {
      self.root.setAttribute("data-first-result-at", Math.round(performance.now()));
    }
    self.resultBox.setAttribute("data-guide-status", overview ? "oversikt" : r.status);
    document.body.classList.add("guide-has-result");
    // Screen readers hear the verdict when it changes, not the whole result on every answer.
    if (self.announcer.textContent !== said) self.announcer.textContent = said;
    // On a phone the result is below the questions: a small bar says what it is now.
    self.peek.textContent = overview ? UI.peek_overview : (dutyFirst(r) || r.verdict) + UI.peek_why;
    self.peek.className = "guide-peek guide-peek--" + (overview ? "oversikt" : r.status);
    self.peek.hidden = !answered;
  };

  // One guide's result: its registry lists, conditions, next steps, notes (and its letter).
  Guide.prototype.details = function (r, out, level, withLetter) {
    var h = "h" + level;
    r.lists.forEach(function (lst) { if (lst.answered) out.appendChild(registryList(lst, level)); });
    // The duties stand above the result (dutiesBox); here only what the status is made of.
    var grounds = r.conditions.filter(function (c) { return !c.duty; });
    if (grounds.length) {
      var conds = el("ol", { class: "guide-conditions" });
      grounds.forEach(function (c) {
        conds.appendChild(el("li", { class: "guide-condition guide-condition--" + c.status, "data-condition": c.id, "data-status": c.status }, [
          el("h" + (level + 1), {}, [el("span", { class: "guide-badge", text: c.label }), document.createTextNode(" " + c.title)]),
          el("p", { text: c.explanation }),
          sourceLinks(c.sources),
        ]));
      });
      out.appendChild(el(h, { text: UI.conditions }));
      out.appendChild(conds);
    }
    if (r.next_steps.length) {
      out.appendChild(el(h, { text: UI.what_now }));
      var steps = el("ul", { class: "guide-steps" });
      r.next_steps.forEach(function (s) { steps.appendChild(el("li", { "data-step": s.id, text: s.text })); });
      out.appendChild(steps);
    }
    if (withLetter) { var contact = contactBlock(this.data.kommune || {}, level); if (contact) out.appendChild(contact); }
    var guides = this.data.guides || {};
    if (r.notes.length) {
      out.appendChild(el(h, { text: UI.good_to_know }));
      var notes = el("ul", { class: "guide-notes" });
      r.notes.forEach(function (n) {
        var link = n.guide && guides[n.guide]
          ? el("p", {}, [el("a", { href: "../" + n.guide + "/", text: UI.go_to_guide.replace("{title}", guides[n.guide]) })]) : null;
        notes.appendChild(el("li", { "data-note": n.id }, [el("p", { text: n.text }), link, sourceLinks(n.sources)]));
      });
      out.appendChild(notes);
    }
    if (withLetter && r.letter) out.appendChild(this.letter(r.letter));
  };

  function letterBox() {
    var box = el("section", { class: "guide-letter-box", "aria-labelledby": "brev-tittel" });
    box.appendChild(el("h3", { id: "brev-tittel", text: UI.letter_heading }));
    return box;
  }

  function letterActions(body) {
    var actions = el("div", { class: "guide-actions" });
    var printBtn = el("button", { type: "button", class: "md-button", text: UI.print_letter });
    printBtn.addEventListener("click", function () {
      document.body.classList.add("print-letter");
      window.print();
      document.body.classList.remove("print-letter");
    });
    var copyBtn = el("button", { type: "button", class: "md-button", text: UI.copy_text });
    var copied = el("span", { class: "guide-copied", role: "status" });
    copyBtn.addEventListener("click", function () {
      var text = body.innerText;
      var done = function () { copied.textContent = UI.copied; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () { select(body); });
      else select(body);
    });
    function select(node) {
      var range = document.createRange();
      range.selectNodeContents(node);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copied.textContent = UI.selected;
    }
    actions.appendChild(printBtn);
    actions.appendChild(copyBtn);
    actions.appendChild(copied);
    return actions;
  }

  // A function as the replacement: «$&» or «$1» in a municipality's name stays as typed.
  function withName(template, name) { return template.replace("{name}", function () { return name; }); }

  // «Kontakt …»: who at the municipality the family can call or write to about this service.
  // Nothing in the national version (no kommune.yml): the texts say «kommunen» as before. Every
  // value is the municipality's own text, written with textContent, never as markup; the links'
  // targets (tel:, mailto:) are made at build time from checked values.
  function contactBlock(kommune, level) {
    var contacts = kommune.kontakter || [];
    if (!contacts.length) return null;
    var box = el("section", { class: "guide-contact", "data-guide-contact": "" },
      [el("h" + level, { text: withName(UI.contact_heading, kommune.navn) })]);
    contacts.forEach(function (c) {
      var item = el("div", { class: "guide-contact-unit" }, [el("p", {}, [el("strong", { "data-contact-name": "", text: c.navn })])]);
      if (c.tel) item.appendChild(el("p", {}, [document.createTextNode(UI.contact_phone), el("a", { href: c.tel, "data-contact-phone": "", text: c.telefon })]));
      if (c.mailto) item.appendChild(el("p", {}, [document.createTextNode(UI.contact_email), el("a", { href: c.mailto, "data-contact-email": "", text: c.epost })]));
      if (c.apningstider) item.appendChild(el("p", { "data-contact-hours": "", text: UI.contact_hours + c.apningstider }));
      if (c.adresse) item.appendChild(el("p", { text: c.adresse }));
      box.appendChild(item);
    });
    return box;
  }

  // «Til»: the municipality, the unit for the guide's service (the first contact) and its address.
  function addressee(kommune, frame) {
    var unit = (kommune.kontakter || [])[0], parts = [kommune.navn || frame.to_default];
    if (unit) parts.push(unit.navn);
    var address = (unit && unit.adresse) || kommune.adresse;
    if (address) parts.push(address);
    return frame.to + ": " + parts.join(", ");
  }

  // The letter's last line: where to send it (the unit's e-mail and phone), when there is one.
  function sendTo(kommune) {
    var unit = (kommune.kontakter || [])[0];
    if (!unit) return null;
    var parts = [document.createTextNode(withName(UI.letter_send_to, unit.navn))];
    if (unit.mailto) parts.push(document.createTextNode(" " + UI.contact_email), el("a", { href: unit.mailto, text: unit.epost }), document.createTextNode("."));
    if (unit.tel) parts.push(document.createTextNode(" " + UI.contact_phone), el("a", { href: unit.tel, text: unit.telefon }), document.createTextNode("."));
    return el("p", { class: "guide-letter-send", "data-letter-send": "" }, parts);
  }

  function labels(sources) { return sources.map(function (s) { return s.label; }).join(", "); }

  // The request letter of a single guide: its words come from the guide definition (via the engine's result).
  Guide.prototype.letter = function (letter) {
    var frame = letter.frame;
    var body = el("div", { class: "guide-letter", id: "brev", "data-letter": letter.id });
    body.appendChild(el("p", { text: addressee(this.data.kommune || {}, frame) }));
    body.appendChild(el("p", {}, [el("strong", { text: letter.subject })]));
    body.appendChild(el("p", { text: letter.request }));
    body.appendChild(el("p", { text: frame.sources + ": " + labels(letter.sources) + "." }));
    body.appendChild(el("p", { text: frame.conditions }));
    var list = el("ul", {});
    letter.conditions.forEach(function (c) { list.appendChild(el("li", { text: c.title + ": " + c.answer })); });
    body.appendChild(list);
    body.appendChild(el("p", { text: letter.closing }));
    frame.signature.forEach(function (line) { body.appendChild(el("p", { text: line })); });
    var send = sendTo(this.data.kommune || {});
    if (send) body.appendChild(send);
    var box = letterBox();
    box.appendChild(el("p", { text: frame.how }));
    box.appendChild(body);
    box.appendChild(letterActions(body));
    return box;
  };

  // The overview's one letter: the family ticks what to ask for and may type names. What they
  // type stays text (textContent, never markup), stays on the device, and survives new answers.
  Guide.prototype.requestLetter = function (r) {
    var self = this, letter = r.letter, frame = letter.frame;
    var state = self.letterState || (self.letterState = { off: {}, name: "", child: "" });
    var box = letterBox();
    box.appendChild(el("p", { text: frame.choose }));
    var choices = el("fieldset", { class: "guide-letter-choices" }, [el("legend", { text: frame.choose_legend })]);
    var body = el("div", { class: "guide-letter", id: "brev", "data-letter": r.guide });
    function field(id, label, key) {
      var input = el("input", { type: "text", id: id, autocomplete: "off" });
      input.value = state[key];
      input.addEventListener("input", function () { state[key] = input.value; fill(); });
      return el("div", { class: "guide-letter-field" }, [el("label", { for: id, text: label }), input]);
    }
    r.requests.forEach(function (req) {
      var id = "be-om-" + req.id;
      var box = el("input", { type: "checkbox", id: id, "data-request": req.id });
      box.checked = !state.off[req.id];
      box.addEventListener("change", function () { state.off[req.id] = !box.checked; fill(); });
      choices.appendChild(el("div", { class: "guide-option" }, [box, el("label", { for: id, text: req.label })]));
    });
    function fill() {
      var parts = [el("p", { text: addressee(self.data.kommune || {}, frame) })];
      if (state.child.trim()) parts.push(el("p", { text: frame.about + ": " + state.child.trim() }));
      parts.push(el("p", {}, [el("strong", { text: letter.subject })]));
      parts.push(el("p", { text: letter.intro }));
      var list = el("ul", {});
      r.requests.forEach(function (req) {
        if (!state.off[req.id]) list.appendChild(el("li", { "data-request": req.id, text: req.text + " (" + frame.sources + ": " + labels(req.sources) + ")" }));
      });
      parts.push(list);
      parts.push(el("p", { text: letter.complaint + (letter.complaint_sources.length ? " (" + labels(letter.complaint_sources) + ")" : "") }));
      parts.push(el("p", { text: letter.closing }));
      if (state.name.trim()) parts.push(el("p", { text: frame.greeting + " " + state.name.trim() }));
      frame.signature.forEach(function (line) { parts.push(el("p", { text: line })); });
      var send = sendTo(self.data.kommune || {});
      if (send) parts.push(send);
      body.replaceChildren.apply(body, parts);
    }
    box.appendChild(choices);
    box.appendChild(field("brev-barn", frame.child_label, "child"));
    box.appendChild(field("brev-navn", frame.name_label, "name"));
    fill();
    box.appendChild(body);
    box.appendChild(letterActions(body));
    return box;
  };

  // On a page that links to a guide: when the reader shows they may open it (the link has been
  // on screen for a second, or the pointer, a finger or the keyboard is on it), mark that one
  // link and start the engine in a shared worker. The site's speculation rules
  // (speculationrules.json, which the server sends in the Speculation-Rules header) prerender a
  // marked guide; the prerendered page connects to the running engine (guide-start.js), so the
  // engine is ready when the guide is shown. One guide per page view; nothing when the reader
  // has asked to save data or is on a 2G connection (the browser adds its own limits). Browsers
  // without speculation rules do nothing here, and the guide starts on arrival as always.
  var DWELL_MS = 1000;

  function prepareGuides() {
    var net = navigator.connection;
    if (net && (net.saveData || /2g$/.test(net.effectiveType || ""))) return;
    if (!(window.HTMLScriptElement && HTMLScriptElement.supports && HTMLScriptElement.supports("speculationrules"))) return;
    var guides = new URL("../veivisere/", SCRIPT).href;
    var links = Array.prototype.filter.call(document.querySelectorAll("a[href]"), function (a) {
      return a.href.indexOf(guides) === 0 && /^[^\/?#]+\/?([?#]|$)/.test(a.href.slice(guides.length));
    });
    var chosen = null, engine = null;
    function choose(a) {
      if (chosen === a) return;
      if (chosen) chosen.removeAttribute("data-prerender");
      chosen = a;
      a.setAttribute("data-prerender", "");
      if (!window.SharedWorker) return; // the prerendered page then starts its own on arrival
      try {
        engine = engine || new SharedWorker(new URL("guide-worker.js", SCRIPT), { type: "module", name: "guide-engine" });
        engine.port.postMessage({ type: "start", guide: a.href.slice(guides.length).split(/[\/?#]/)[0], lang: document.documentElement.lang === "nn" ? "nn" : "nb" });
      } catch (err) {
        engine = null; // the guide starts its engine on arrival instead
      }
    }
    links.forEach(function (a) {
      ["pointerenter", "focus", "touchstart"].forEach(function (type) {
        a.addEventListener(type, function () { choose(a); }, { passive: true });
      });
    });
    var inText = links.filter(function (a) { return a.closest("article"); });
    if (!inText.length || !("IntersectionObserver" in window)) return;
    var timers = new Map();
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        clearTimeout(timers.get(e.target));
        if (e.isIntersecting) {
          timers.set(e.target, setTimeout(function () {
            seen.disconnect();
            if (!chosen) choose(e.target);
          }, DWELL_MS));
        }
      });
    }, { threshold: 0.5 });
    inText.forEach(function (a) { seen.observe(a); });
  }

  // On paper a one-line field shows only what fits its box, and a text area its visible rows.
  // Beside each text field of the consent form, a copy holds the whole text for print
  // (site.css), set as text, never as markup. An empty field prints as itself: room to write.
  function printCopies() {
    var form = document.querySelector(".samtykkeskjema");
    if (!form) return;
    var syncs = Array.prototype.map.call(document.querySelectorAll(".samtykkeskjema input[type=text], .samtykkeskjema textarea"), function (field) {
      var copy = el("div", { class: "print-copy", "aria-hidden": "true" });
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
    var button = el("button", { type: "button", class: "md-button", text: UI.print_consent });
    button.addEventListener("click", function () {
      all();
      document.body.classList.add("print-consent");
      window.print();
      document.body.classList.remove("print-consent");
    });
    form.appendChild(el("div", { class: "guide-actions" }, [button]));
  }

  function boot() {
    var root = document.querySelector("[data-guide]");
    if (root && !root.hasAttribute("data-guide-started")) {
      root.setAttribute("data-guide-started", "");
      var guide = new Guide(root);
      printCopies(); // the guide's words (UI) are read now
      guide.start();
    } else if (!root && SCRIPT) {
      prepareGuides(); // not on a guide: one engine at a time
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
