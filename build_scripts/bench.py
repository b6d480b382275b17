"""Benchmarks (`make bench`): print numbers, assert nothing.

- engine: median time of `evaluate` in CPython over each guide's test cases, and the time of
  each guide's soundness analysis
- browser (Debian Chromium, site served on loopback with gzip): cold and warm time from
  navigation to the engine being ready and to the first result, the same for a bare page that
  only starts Pyodide (our overhead is the difference) and for a bare page that also loads the
  engine package (the engine's share of the overhead), the answer-to-result time, and the bytes
  transferred.
"""
from __future__ import annotations

import pathlib
import shutil
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from build_scripts.serve import serve_in_background  # noqa: E402
from guide_engine import evaluate  # noqa: E402

ROUNDS = 7
BARE_PAGE = """<!doctype html><html lang="nb"><meta charset="utf-8"><title>Bare Pyodide</title>
<p id="status">starter</p>
<script type="module">
const worker = new Worker(new URL("bare-worker.js" + location.search, import.meta.url), {type: "module"});
worker.onmessage = () => { document.body.dataset.readyAt = Math.round(performance.now()); };
</script></html>"""
BARE_WORKER = """const base = new URL("../PYODIDE_DIR", import.meta.url).href;
const { loadPyodide } = await import(base + "pyodide.mjs");
const withEngine = new URL(import.meta.url).searchParams.has("engine");
const py = await loadPyodide({ indexURL: base, packages: withEngine ? ["guide-engine"] : [] });
py.runPython(withEngine ? "from guide_engine import evaluate; evaluate('barnekoordinator', {})" : "1 + 1");
postMessage("ready");"""


def bench_engine() -> None:
    """evaluate for every guide over its test cases, and the soundness analysis per guide."""
    import yaml

    from guide_engine.api import all_ids
    from guide_engine.definitions import guide_ids, load_guide
    from guide_engine.soundness import check

    for guide_id in all_ids():
        cases = yaml.safe_load((ROOT / "tests" / "cases" / f"{guide_id}.yaml").read_text(encoding="utf-8"))["cases"]
        answers = [c["answers"] for c in cases]
        evaluate(guide_id, {})  # load and check the definition once
        times = []
        for _ in range(200):
            for a in answers:
                t0 = time.perf_counter()
                evaluate(guide_id, a)
                times.append(time.perf_counter() - t0)
        med = statistics.median(times) * 1e6
        line = (f"engine {guide_id}: evaluate median {med:.1f} µs, p95 {sorted(times)[int(len(times) * .95)] * 1e6:.1f} µs "
                f"over {len(times)} calls (CPython {sys.version.split()[0]})")
        if guide_id in guide_ids():
            t0 = time.perf_counter()
            check(load_guide(guide_id))
            line += f"  [target < 200 µs]; soundness analysis {time.perf_counter() - t0:.2f} s"
        else:
            line += "  [target < 1 ms for the whole overview]"
        print(line)


def _site() -> pathlib.Path:
    from conftest import build_site

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bench-"))
    proc = build_site(tmp / "site")
    if proc.returncode:
        sys.exit(proc.stderr)
    bare = tmp / "site" / "bench"
    bare.mkdir()
    (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    from build_scripts.pyodide_bundle import site_folder

    (bare / "bare-worker.js").write_text(BARE_WORKER.replace("PYODIDE_DIR", site_folder(ROOT)), encoding="utf-8")
    return tmp


def _bytes(page_requests) -> tuple[int, int]:
    total = without = 0
    for req in page_requests:
        try:
            sizes = req.sizes()
        except Exception:
            continue
        n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += n
        if "/assets/pyodide/" not in req.url and not req.url.endswith(("guide-worker.js", "sw.js")):
            without += n
    return total, without


def bench_browser() -> None:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    tmp = _site()
    srv = serve_in_background(tmp / "site")
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    rows: dict[str, list] = {k: [] for k in ("guide_ready", "guide_first", "bare_ready", "engine_ready", "update")}
    warm: dict[str, list] = {k: [] for k in ("guide_ready", "guide_first", "bare_ready", "engine_ready")}
    sizes = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(ROUNDS):
            for kind in ("guide", "bare", "engine"):
                ctx = browser.new_context()
                page = ctx.new_page()
                finished = []
                page.on("requestfinished", lambda r: finished.append(r))
                for phase, store in (("cold", rows), ("warm", warm)):
                    if kind == "guide":
                        page.goto(base + "veivisere/barnekoordinator/")
                        page.wait_for_selector("[data-guide][data-first-result-at]", timeout=120_000)
                        store["guide_ready"].append(int(page.get_attribute("[data-guide]", "data-ready-at")))
                        store["guide_first"].append(int(page.get_attribute("[data-guide]", "data-first-result-at")))
                        if phase == "cold" and "guide" not in sizes:
                            page.wait_for_load_state("networkidle")
                            sizes["guide"] = _bytes(finished)
                        if phase == "warm":
                            for sel in ("#venter_barn--ja", "#alvorlig_tilstand--ja", "#behov_helse_og_omsorg--nei",
                                        "#behov_helse_og_omsorg--ja", "#behov_andre_velferdstjenester--ja"):
                                page.check(sel)
                                page.wait_for_selector('[data-guide][data-guide-busy="false"]')
                                rows["update"].append(float(page.get_attribute("[data-guide]", "data-update-ms")))
                    else:
                        page.goto(base + "bench/" + ("?engine" if kind == "engine" else ""))
                        page.wait_for_selector("body[data-ready-at]", timeout=120_000)
                        store[f"{kind}_ready"].append(int(page.get_attribute("body", "data-ready-at")))
                ctx.close()
        browser.close()
    srv.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)

    def med(xs):
        return statistics.median(xs)

    print(f"browser, medians of {ROUNDS} (ms from navigation):")
    for label, store in (("cold", rows), ("warm", warm)):
        g, f, b = med(store["guide_ready"]), med(store["guide_first"]), med(store["bare_ready"])
        e = med(store["engine_ready"])
        print(f"  {label}: guide engine ready {g:.0f}, first result {f:.0f}; bare Pyodide ready {b:.0f}; "
              f"our overhead {g - b:+.0f}  [target < 200]; of which the engine package on a bare page {e - b:+.0f}")
    print(f"  answer to result shown: median {med(rows['update']):.1f} ms over {len(rows['update'])} answers  [target < 50]")
    total, without = sizes["guide"]
    print(f"  guide page bytes transferred (cold): {total / 1e6:.2f} MB with Pyodide, "
          f"{without / 1e3:.0f} KB without  [target < 300 KB]")


if __name__ == "__main__":
    bench_engine()
    if "--engine-only" not in sys.argv:
        bench_browser()
