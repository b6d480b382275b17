// The rule engine in a Web Worker: Pyodide (served from this site) runs guide_engine, the same
// Python package the CLI runs. Module worker: Pyodide 314 refuses classic workers.
// Every URL is derived from the page's own script URLs, so the site works under any sub-path.
// Usually a dedicated worker of the guide page. It also runs as a shared worker (one engine for
// the pages connected to it): a page that links to a guide starts it when the reader is about to
// open the guide, and the guide page, prerendered meanwhile, takes it over (guide-start.js, the
// one place it is started). Its messages: CONTRIBUTING.md «The guide page and its engine».

// A download that fails (refused, cut off, an error status) fails the start at once: Pyodide
// itself would only wait for the time-out.
class DownloadError extends Error {}
let downloadFailed;
const downloadFailure = new Promise((_, reject) => { downloadFailed = reject; });
downloadFailure.catch(() => {}); // reported where it is awaited

// Some servers send .wasm with the wrong MIME type; streaming compilation then fails and
// Pyodide would wait forever. Such a response is compiled from its bytes instead: the type is
// read first, so the response is not copied for a fallback (a copy kept 1.5 MB more in the
// worker's heap, measured). Pyodide's memory is kept in self.pyodideMemory (the benchmark reads
// its size over the DevTools protocol).
const streaming = WebAssembly.instantiateStreaming;
if (streaming) {
  WebAssembly.instantiateStreaming = async (source, imports) => {
    let response, result;
    try {
      response = await source;
      if (!response.ok) throw new DownloadError(`${response.status} ${response.url}`);
    } catch (err) {
      downloadFailed(err instanceof DownloadError ? err : new DownloadError(String(err && err.message || err)));
      throw err;
    }
    try {
      // As the streaming compiler reads the type: the whole header, no parameters.
      const type = (response.headers.get("Content-Type") || "").trim().toLowerCase();
      result = type === "application/wasm" ? await streaming(response, imports)
        : await WebAssembly.instantiate(await response.arrayBuffer(), imports);
    } catch (err) {
      downloadFailed(new DownloadError(String(err && err.message || err)));
      throw err;
    }
    self.pyodideMemory = result.instance.exports.memory || (imports.env && imports.env.memory) || self.pyodideMemory;
    return result;
  };
}

// Pyodide's folder (relative to this file; a "start" message may name another, as the
// benchmark's does) and this build's own files in it, named by their content: the standard
// library cut to what the engine needs, and the engine (compiled modules and data). The build
// writes this line (build_scripts/pyodide_bundle.py).
const BUNDLE = { pyodide: "../assets/pyodide/", stdlib: "python_stdlib.zip", engine: "guide_engine.tar" };
const ENGINE_DIR = "/guide";

// The engine archive is a plain tar (the server compresses it): write each file into Pyodide's
// file system.
function untar(buffer, FS, dir) {
  const bytes = new Uint8Array(buffer);
  const text = new TextDecoder();
  const field = (at, length) => text.decode(bytes.subarray(at, at + length)).replace(/\0[^]*$/, "");
  for (let at = 0; at + 512 <= bytes.length;) {
    const name = field(at, 100);
    if (!name) break;
    const size = parseInt(field(at + 124, 12).trim(), 8);
    const prefix = field(at + 345, 155);
    if (bytes[at + 156] === 48 || bytes[at + 156] === 0) { // a regular file
      const path = `${dir}/${prefix ? prefix + "/" : ""}${name}`;
      FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      FS.writeFile(path, bytes.subarray(at + 512, at + 512 + size));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

let run = null;
const started = performance.now();

const marks = {};
function mark(name) { marks[name] = Math.round(performance.now() - started); }

async function start(pyodideUrl) {
  // Only this site's own Pyodide (the versioned folder).
  const PYODIDE_URL = new URL(pyodideUrl || BUNDLE.pyodide, self.location.href);
  if (PYODIDE_URL.origin !== self.location.origin) throw new Error("Pyodide must come from this site");
  // The engine downloads while Pyodide starts.
  const engine = fetch(new URL(BUNDLE.engine, PYODIDE_URL)).then((response) => {
    if (!response.ok) throw new DownloadError(`${response.status} ${response.url}`);
    return response.arrayBuffer();
  }, (err) => { throw new DownloadError(String(err && err.message || err)); });
  engine.catch(() => {}); // reported where it is awaited
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_URL).href).catch((err) => {
    throw new DownloadError(String(err && err.message || err));
  });
  mark("import");
  // A failed download (Pyodide's files or the engine archive) ends the start now.
  const pyodide = await Promise.race([downloadFailure, engine.then(() => new Promise(() => {})),
    loadPyodide({ indexURL: PYODIDE_URL.href, stdLibURL: new URL(BUNDLE.stdlib, PYODIDE_URL).href })]);
  mark("pyodide");
  untar(await engine, pyodide.FS, ENGINE_DIR);
  // The engine's adapter (guide_engine/browser.py): JSON in, JSON out.
  pyodide.runPython(`import sys; sys.path.insert(0, "${ENGINE_DIR}")`);
  run = pyodide.pyimport("guide_engine.browser").run;
  mark("engine");
}

let booting = null;
const warm = {};
// Start once; warm each guide up once: imports and its definition load now, not on first answer.
function ready(guideId, pyodideUrl, lang) {
  booting = booting || start(pyodideUrl);
  const key = guideId + "/" + lang;
  warm[key] = warm[key] || booting.then(() => {
    run(guideId, "{}", lang);
    if (!marks.warm) mark("warm");
    return performance.now() - started;
  });
  return warm[key];
}

// One page's messages: a dedicated worker has one, a shared worker one per connected page.
// The messages are described once, in CONTRIBUTING.md («The guide page and its engine»).
function serve(port) {
  let engine = null;
  port.onmessage = async (event) => {
    const msg = event.data;
    if (msg.type === "start") {
      engine = ready(msg.guide, msg.pyodide, msg.lang || "nb");
      try {
        const ms = await engine;
        port.postMessage({ type: "ready", ms, marks });
      } catch (err) {
        port.postMessage({ type: "failed", reason: err instanceof DownloadError ? "download" : "start",
          message: String(err && err.message || err) });
      }
    } else if (msg.type === "evaluate") {
      try {
        await engine;
      } catch (err) {
        return; // the start failed, and the page was told so
      }
      const t0 = performance.now();
      let out;
      try {
        out = JSON.parse(run(msg.guide, JSON.stringify(msg.answers), msg.lang || "nb"));
      } catch (err) {
        out = { crash: String(err && err.message || err) }; // Pyodide itself failed
      }
      // This answer failed, not the engine: the page keeps its form and tries the next one.
      if ("crash" in out) {
        console.error("guide engine:", out.crash);
        port.postMessage({ type: "crash", seq: msg.seq, message: out.crash });
      } else if ("errors" in out) {
        port.postMessage({ type: "errors", seq: msg.seq, ms: performance.now() - t0, errors: out.errors });
      } else {
        port.postMessage({ type: "result", seq: msg.seq, ms: performance.now() - t0, result: out.result });
      }
    }
  };
}

if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  self.onconnect = (event) => serve(event.ports[0]);
} else {
  serve(self);
}
