// The interactive guide page: sends the form's answers to the rule engine (guide-worker.js) and
// shows what they point to. All rules live in the engine; these modules only collect and show.
// Nothing leaves the device: no storage, no network except this site's own files.
// Loaded by js/guide.js (a classic script: pages opened from a folder cannot load modules).
import { UI } from "./dom.js";
import { joinEngine } from "./engine.js";
import { answers, watch } from "./form.js";
import { showErrors, showResult } from "./result.js";

const SHOW_ALL_AFTER_MS = 15000; // every question shows while a slow engine is still starting

// The first result is on screen, or the engine failed: what waited for it may start now (the
// theme's search, guide-start.js; the service worker's install, sw-register.js).
function settled() {
  const html = document.documentElement;
  if (html.hasAttribute("data-engine-settled")) return;
  html.setAttribute("data-engine-settled", "");
  document.dispatchEvent(new Event("guide-engine-settled"));
}

class GuidePage {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.data = JSON.parse(root.querySelector("#veiviser-data").textContent);
    Object.assign(UI, this.data.ui); // the page's own words, in its written form (made by the build)
    this.output = root.querySelector("[data-guide-output]");
    this.resultBox = root.querySelector("[data-guide-result]");
    this.status = root.querySelector("[data-guide-loading]");
    this.errorSummary = root.querySelector("[data-guide-errors]");
    this.announcer = root.querySelector("[data-guide-announce]");
    this.peek = root.querySelector("[data-guide-peek]");
    this.staleNote = root.querySelector("[data-guide-stale]");
    this.timeoutMs = parseInt(root.getAttribute("data-timeout-ms"), 10); // build_scripts/guide_page.py
    this.seq = 0;
    this.ready = false;
    this.failed = false;
  }

  // The line keeps its place when it falls silent: its last words stay, unseen and unread
  // (site.css), so the form below it never moves.
  say(text, kind) {
    if (text) this.status.textContent = text;
    this.status.className = "guide-status guide-status--" + (text ? kind : "done");
  }

  start() {
    this.say(UI.starting, "loading");
    // Shown from the first paint where the engine starts (site.css): its place never changes.
    this.root.querySelector("[data-guide-print]").addEventListener("click", () => { window.print(); });
    watch(this.form, () => this.update(), () => this.pending());
    // The form has its handlers from here (the benchmark reads this as «the form is usable»).
    this.root.setAttribute("data-started-at", Math.round(performance.now()));
    this.timer = setTimeout(() => { if (!this.ready) this.fail(); }, this.timeoutMs);
    // Until the first result only the first questions show (nothing moves when it comes); an
    // engine that is slow to start must not keep the rest of the checklist from the family.
    this.slow = setTimeout(() => { if (!this.ready) this.root.setAttribute("data-guide-slow", ""); }, SHOW_ALL_AFTER_MS);
    this.worker = joinEngine((msg) => this.receive(msg), (reason) => this.fail(reason));
  }

  // The engine did not start. Say what failed: its download (the site or the network), this
  // browser (no module workers), or, when nothing more is known, that it did not start.
  fail(reason) {
    settled();
    if (this.ready) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.say(reason === "download" ? UI.failed_download : reason === "browser" ? UI.failed_browser : UI.failed, "failed");
    this.resultBox.setAttribute("data-guide-status", "feil");
    this.root.setAttribute("data-guide-failed", reason || "start");
  }

  // An answer is on its way: the result shown belongs to earlier answers until the new one comes.
  pending() {
    this.root.setAttribute("data-guide-busy", "true");
    this.resultBox.setAttribute("aria-busy", "true");
  }

  done() {
    this.root.setAttribute("data-guide-busy", "false");
    this.resultBox.removeAttribute("aria-busy");
  }

  // The result on screen is not for the answers now in the form (this answer could not be
  // checked): say so beside it, so nobody reads or prints it as current.
  markStale(stale) {
    this.staleNote.textContent = stale ? UI.stale : "";
    this.staleNote.hidden = !stale;
    this.resultBox.classList.toggle("guide-result--stale", stale);
    if (stale) this.peek.hidden = true; // the bar on phones would show the old verdict as current
    if (stale) this.root.setAttribute("data-guide-stale", "true");
    else this.root.removeAttribute("data-guide-stale");
  }

  update() {
    if (!this.ready) return; // the first result is shown as soon as the engine is ready
    this.seq += 1;
    this.sentAt = performance.now();
    this.sent = answers(this);
    this.pending();
    this.worker.postMessage({ type: "evaluate", guide: this.data.id, lang: this.data.lang, answers: this.sent, seq: this.seq });
  }

  receive(msg) {
    if (msg.type === "ready") {
      clearTimeout(this.timer);
      this.ready = true;
      this.failed = false;
      this.root.setAttribute("data-engine-marks", JSON.stringify(msg.marks || {}));
      this.root.setAttribute("data-ready-at", Math.round(performance.now()));
      this.say("");
      this.update();
      return;
    }
    if (msg.type === "failed") { this.fail(msg.reason); return; } // the start failed
    if (msg.seq !== this.seq) return; // an answer to answers changed since
    if (msg.type === "crash") {
      // This answer could not be worked out. The form stays usable and the next answer tries
      // again; the result shown stays marked as belonging to the earlier answers.
      this.say(UI.answer_failed, "failed");
      this.markStale(true);
    } else if (msg.type === "errors" || msg.type === "result") {
      this.root.setAttribute("data-update-ms", (performance.now() - this.sentAt).toFixed(1));
      this.say("");
      if (msg.type === "errors") {
        showErrors(this, msg.errors);
        this.markStale(true); // what is shown below the errors is for the answers before
      } else {
        showResult(this, msg.result);
        this.markStale(false);
      }
      // Which answers the engine's answer belongs to (tests and tools wait for this, not a timer).
      this.root.setAttribute("data-guide-result-for", JSON.stringify(this.sent));
    } else {
      return;
    }
    this.done();
    settled();
  }
}

function boot() {
  const root = document.querySelector("[data-guide]");
  if (!root || root.hasAttribute("data-guide-started")) return;
  root.setAttribute("data-guide-started", "");
  new GuidePage(root).start();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
