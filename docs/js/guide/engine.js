// Joining the engine this page's <head> started (js/guide-start.js, the one place a worker is
// made), with the messages it sent before this module ran. The messages are described in
// CONTRIBUTING.md («The guide page and its engine»).

// The engine's worker, or null when it could not start (`fail` has been told why then).
// `receive` gets every message from the engine, the early ones first.
export function joinEngine(receive, fail) {
  const engine = window.guideEngine;
  if (!engine) {
    // Only a guide page (front matter `guide: <id>`) has its engine started from <head>.
    console.error("guide: no engine was started for this page (front matter «guide:» missing)");
    fail();
    return null;
  }
  if (!engine.worker) {
    fail(engine.reason || undefined);
    return null;
  }
  engine.worker.onmessage = (e) => receive(e.data);
  engine.worker.onerror = () => fail();
  if (engine.failed) fail(engine.reason);
  engine.queue.splice(0).forEach(receive);
  return engine.worker;
}
