// The rule engine in a Web Worker: Pyodide (served from this site) runs guide_engine, the same
// Python package the CLI runs. Module worker: Pyodide 314 refuses classic workers.
// Every URL is derived from the page's own script URLs, so the site works under any sub-path.

// Some servers send .wasm with the wrong MIME type; streaming compilation then fails and
// Pyodide would wait forever. Fall back to compiling from the bytes.
const streaming = WebAssembly.instantiateStreaming;
if (streaming) {
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    try {
      return await streaming(response.clone(), imports);
    } catch (err) {
      return WebAssembly.instantiate(await response.arrayBuffer(), imports);
    }
  };
}

const PYTHON = `
import json
from guide_engine import GuideInputError, evaluate

def run(guide_id, answers_json):
    try:
        return json.dumps({"result": evaluate(guide_id, json.loads(answers_json))}, ensure_ascii=False)
    except GuideInputError as exc:
        return json.dumps(exc.to_dict(), ensure_ascii=False)
`;

let run = null;
const started = performance.now();

const marks = {};
function mark(name) { marks[name] = Math.round(performance.now() - started); }

async function start(guideId, pyodideUrl) {
  // Only this site's own Pyodide (the page passes the versioned folder).
  const PYODIDE_URL = new URL(pyodideUrl, self.location.href);
  if (PYODIDE_URL.origin !== self.location.origin) throw new Error("Pyodide must come from this site");
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_URL).href);
  mark("import");
  // The engine wheel is registered in the site's pyodide-lock.json; loading it while Pyodide
  // starts overlaps its download with the runtime's start-up.
  const pyodide = await loadPyodide({ indexURL: PYODIDE_URL.href, packages: ["guide-engine"] });
  mark("pyodide");
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(PYTHON, { globals: ns });
  run = ns.get("run");
  mark("engine");
  run(guideId, "{}"); // warm up: imports and the guide definition are loaded now, not on first answer
  mark("warm");
  return performance.now() - started;
}

let ready = null;
self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "start") {
    ready = start(msg.guide, msg.pyodide);
    try {
      const ms = await ready;
      self.postMessage({ type: "ready", ms, marks });
    } catch (err) {
      self.postMessage({ type: "failed", message: String(err && err.message || err) });
    }
  } else if (msg.type === "evaluate") {
    try {
      await ready;
      const t0 = performance.now();
      const out = JSON.parse(run(msg.guide, JSON.stringify(msg.answers)));
      self.postMessage({ type: "result", seq: msg.seq, ms: performance.now() - t0, ...out });
    } catch (err) {
      self.postMessage({ type: "failed", message: String(err && err.message || err) });
    }
  }
};
