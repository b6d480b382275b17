"""Benchmarks (`make bench`): print numbers, assert nothing.

- engine: median time of `evaluate` in CPython over each guide's test cases, and the time of
  each guide's soundness analysis
- browser (Debian Chromium, the site served by build_scripts/serve.py on loopback, which sends
  the build's brotli copies): cold and warm time from navigation to the engine being ready and
  to the first result (warm: a later visit, once the service worker has installed; the bare
  pages have no service worker, so theirs is the HTTP cache); the same for a bare page that only
  starts Pyodide as the npm package ships it (our overhead is the difference), for a bare page
  that starts it with our cut, compiled standard library, and for a bare page that runs our
  engine worker (so the overhead splits into standard library, engine and page); the
  answer-to-result time; the bytes transferred, per kind of file, with brotli and with gzip only
- an emulated mid-range phone (CPU 4x slower, DevTools' "Fast 4G" network), driven over the
  DevTools protocol (build_scripts/cdp.py): time to the form being usable, to the engine being
  ready and to the first result, cold and warm (a later visit, as above); and, as its floor, the
  cold time of the bare page with our cut standard library
- "from another page": a family reads familie/ for a few seconds, then follows the link to the
  guide; time from that navigation to the first result, with the site's speculation rules
  (prerender) and with a server that does not send them; on the desktop and on the phone
- the layout shift (CLS) of a cold guide page from navigation to the first result, at a phone's
  width and a desktop's
- the memory the guide page holds once the engine is ready: the page's JavaScript heap, the
  engine worker's, and the worker's WebAssembly memory (Pyodide's; CDP, per target)
- as served by the shipped nginx configuration (deploy/nginx.conf, Debian's nginx on loopback,
  the site under /barn/), for the default build and the municipal example: the bytes of a cold
  visit to a guide page, and the cold and warm (service worker) time to the first result
All from one run, so the ratios compare like with like; medians, and beside the first results and
the overheads the middle half of the runs (the overhead also round by round: each round loads the
pages one after another), so that a change can be told apart from the machine's noise.
"""
from __future__ import annotations

import collections
import json
import pathlib
import re
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

ROUNDS = 7  # desktop walks (Playwright)
PHONE_ROUNDS = 5  # walks over the DevTools protocol (phone, from another page)
READING_S = 5  # how long the family reads familie/ before following the link
GUIDE = "veivisere/barnekoordinator/"
FAMILY_PAGE = "familie/"
# DevTools' own presets: CPU 4x slower, and "Fast 4G" (its latency and throughput, as DevTools
# sets them: 60 ms x 2.75, 9 Mbit/s x 0.9 down, 1.5 Mbit/s x 0.9 up).
PHONE_CPU = 4
PHONE_NET = {"offline": False, "latency": 60 * 2.75, "downloadThroughput": 9e6 / 8 * 0.9,
             "uploadThroughput": 1.5e6 / 8 * 0.9}
PHONE_SCREEN = {"width": 412, "height": 915, "deviceScaleFactor": 2.625, "mobile": True}

BARE_PAGE = """<!doctype html><html lang="nb"><meta charset="utf-8"><title>Bare Pyodide</title>
<p id="status">starter</p>
<script type="module">
const q = new URLSearchParams(location.search);
const worker = q.has("engine")
  ? new Worker(new URL("../js/guide-worker.js", import.meta.url), {type: "module"})
  : new Worker(new URL("bare-worker.js" + location.search, import.meta.url), {type: "module"});
worker.onmessage = (e) => { if (e.data.type !== "failed") document.body.dataset.readyAt = Math.round(performance.now()); };
if (q.has("engine")) worker.postMessage({type: "start", guide: "barnekoordinator", pyodide: new URL("../PYODIDE_DIR", location.href).href});
</script></html>"""
# Pyodide started as the npm package ships it (its own python_stdlib.zip, copied here), or with
# this build's cut standard library (?cut).
BARE_WORKER = """const base = new URL("../PYODIDE_DIR", import.meta.url).href;
const { loadPyodide } = await import(base + "pyodide.mjs");
const cut = new URL(import.meta.url).searchParams.has("cut");
const py = await loadPyodide({ indexURL: base, stdLibURL: cut ? base + "CUT_STDLIB" : new URL("python_stdlib.zip", import.meta.url).href });
py.runPython("1 + 1");
postMessage({type: "ready"});"""

KINDS = (("WebAssembly", re.compile(r"\.wasm$")), ("Pyodide's JavaScript", re.compile(r"/assets/pyodide/.*\.m?js$")),
         ("standard library", re.compile(r"python_stdlib.*\.zip$")), ("engine", re.compile(r"guide_engine.*\.tar$")),
         ("HTML", re.compile(r"(/|\.html)$")), ("CSS", re.compile(r"\.css$")), ("site JavaScript", re.compile(r"\.m?js$")),
         ("JSON", re.compile(r"\.json$")))


def kind(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return next((name for name, pattern in KINDS if pattern.search(path)), "other")


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def spread(xs, signed: bool = False) -> str:
    """The middle half of the runs (25th to 75th percentile), so that two medians can be told
    apart from the machine's noise."""
    if len(xs) < 4:
        return ""
    low, _, high = statistics.quantiles(xs, n=4)
    return f" (middle half {low:+.0f} to {high:+.0f})" if signed else f" (middle half {low:.0f}-{high:.0f})"


def bench_engine() -> None:
    """evaluate for every guide over its test cases, and the soundness analysis per guide."""
    import yaml

    from guide_engine.api import all_ids
    from guide_engine.definitions import guide_ids, load_guide
    from guide_engine.soundness import check

    for guide_id in all_ids():
        cases = yaml.safe_load((ROOT / "guide_engine" / "guides" / guide_id / "cases.yaml").read_text(encoding="utf-8"))["cases"]
        answers = [c["answers"] for c in cases]
        evaluate(guide_id, {})  # load and check the definition once
        times = []
        for _ in range(200):
            for a in answers:
                t0 = time.perf_counter()
                evaluate(guide_id, a)
                times.append(time.perf_counter() - t0)
        m = statistics.median(times) * 1e6
        line = (f"engine {guide_id}: evaluate median {m:.1f} µs, p95 {sorted(times)[int(len(times) * .95)] * 1e6:.1f} µs "
                f"over {len(times)} calls (CPython {sys.version.split()[0]})")
        if guide_id in guide_ids():
            t0 = time.perf_counter()
            check(load_guide(guide_id))
            line += f"  [target < 200 µs]; soundness analysis {time.perf_counter() - t0:.2f} s"
        else:
            line += "  [target < 1 ms for the whole overview]"
        print(line)


def _municipal_site(tmp: pathlib.Path) -> pathlib.Path:
    """The complete example for a fictional municipality, built as the README says."""
    from conftest import MUNICIPAL_CONFIG, build_site

    proc = build_site(tmp / "site-kommune", kommune=MUNICIPAL_CONFIG)
    if proc.returncode:
        sys.exit(proc.stderr)
    return tmp / "site-kommune"


def _site() -> pathlib.Path:
    from conftest import build_site

    from build_scripts import precompress
    from build_scripts.pyodide_bundle import BUNDLE_LINE, site_folder

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bench-"))
    proc = build_site(tmp / "site")
    if proc.returncode:
        sys.exit(proc.stderr)
    site = tmp / "site"
    bare = site / "bench"
    bare.mkdir()
    names = json.loads(BUNDLE_LINE.search((site / "js" / "guide-worker.js").read_text(encoding="utf-8")).group(0)
                       .split("=", 1)[1].rstrip(";"))
    (bare / "index.html").write_text(BARE_PAGE.replace("PYODIDE_DIR", site_folder(ROOT)), encoding="utf-8")
    (bare / "bare-worker.js").write_text(BARE_WORKER.replace("PYODIDE_DIR", site_folder(ROOT))
                                         .replace("CUT_STDLIB", names["stdlib"]), encoding="utf-8")
    shutil.copyfile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip", bare / "python_stdlib.zip")
    for f in bare.iterdir():
        precompress.compress_file(f)  # served like the rest of the site
    return tmp


def _sizes(requests) -> dict[str, int]:
    by_kind: dict[str, int] = collections.Counter()
    for req in requests:
        try:
            sizes = req.sizes()
        except Exception:
            continue
        by_kind[kind(req.url)] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return by_kind


def _cold_bytes(browser, base) -> dict[str, int]:
    ctx = browser.new_context()
    page = ctx.new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.goto(base + GUIDE)
    page.wait_for_selector("[data-guide][data-first-result-at]", timeout=120_000)
    page.wait_for_load_state("networkidle")
    sizes = _sizes(finished)  # while the context is open
    ctx.close()
    return sizes


# A later visit, as a family's next one is: the service worker has installed (its precache is
# complete) and controls the page. Measured straight after the first visit instead, the warm
# visit would share the processor and the network with that install. (The engine's large files
# came before the worker did, from the network: it caches them as the warm visit asks for them.)
SW_SETTLED = "navigator.serviceWorker.ready.then(() => true)"


def _settle_service_worker(page) -> None:
    page.evaluate(SW_SETTLED)  # Playwright awaits the promise


def _first_result(page) -> int:
    page.wait_for_selector("[data-guide][data-first-result-at]", timeout=120_000)
    return int(page.get_attribute("[data-guide]", "data-first-result-at"))


def _layout_shifts(browser, base) -> dict[str, float]:
    """Layout shift (CLS, tests/test_layout_shift.py) from navigation to the first result, cold,
    at a phone's width and a desktop's: the median of ROUNDS loads each."""
    from conftest import layout_shift

    out = {}
    for label, size in (("phone 412 px", {"width": 412, "height": 915}), ("desktop 1280 px", {"width": 1280, "height": 900})):
        shifts = []
        for _ in range(ROUNDS):
            ctx = browser.new_context(viewport=size)
            page = ctx.new_page()
            page.goto(base + GUIDE)
            _first_result(page)
            shifts.append(layout_shift(page))
            ctx.close()
        out[label] = med(shifts)
    return out


def bench_nginx(sites: dict[str, pathlib.Path]) -> None:
    """Each build as the shipped nginx configuration serves it: cold bytes, cold and warm times."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from build_scripts import real_servers

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, site in sites.items():
            with real_servers.readable_copy(site) as copy, real_servers.nginx(copy) as base:
                sizes = _cold_bytes(browser, base)
                times = {"cold": [], "warm": []}
                for _ in range(ROUNDS):
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    page.goto(base + GUIDE)
                    times["cold"].append(_first_result(page))
                    _settle_service_worker(page)
                    page.goto(base + GUIDE)
                    assert page.evaluate("!!navigator.serviceWorker.controller"), "no service worker on the second visit"
                    times["warm"].append(_first_result(page))
                    ctx.close()
                rows.append((label, sum(sizes.values()), sizes, med(times["cold"]), med(times["warm"])))
        version = browser.version
        browser.close()
    print(f"as served by deploy/nginx.conf (Debian nginx, site under {real_servers.PREFIX}, loopback; Chromium {version}, "
          f"medians of {ROUNDS}):")
    for label, total, sizes, cold, warm in rows:
        print(f"  {label}: cold visit to {GUIDE} {total / 1e6:.2f} MB transferred ({total:,} bytes); first result "
              f"cold {cold:.0f} ms, warm (service worker) {warm:.0f} ms from navigation")


def bench_browser(site: pathlib.Path) -> dict:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    srv = serve_in_background(site)
    gz = serve_in_background(site, encodings=("gzip",))
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    variants = {"guide": GUIDE, "bare": "bench/", "cut": "bench/?cut", "engine": "bench/?engine"}
    ready = {phase: {k: [] for k in variants} for phase in ("cold", "warm")}
    first = {"cold": [], "warm": []}
    marks, update = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(ROUNDS):
            for name, url in variants.items():
                ctx = browser.new_context()
                page = ctx.new_page()
                for phase in ("cold", "warm"):
                    page.goto(base + url)
                    if name == "guide":
                        page.wait_for_selector("[data-guide][data-first-result-at]", timeout=120_000)
                        ready[phase][name].append(int(page.get_attribute("[data-guide]", "data-ready-at")))
                        first[phase].append(int(page.get_attribute("[data-guide]", "data-first-result-at")))
                        if phase == "cold":
                            marks.append(json.loads(page.get_attribute("[data-guide]", "data-engine-marks")))
                            _settle_service_worker(page)
                        else:
                            for sel in ("#venter_barn--ja", "#alvorlig_tilstand--ja", "#behov_helse_og_omsorg--nei",
                                        "#behov_helse_og_omsorg--ja", "#behov_andre_velferdstjenester--ja"):
                                page.check(sel)
                                page.wait_for_selector('[data-guide][data-guide-busy="false"]')
                                update.append(float(page.get_attribute("[data-guide]", "data-update-ms")))
                    else:
                        page.wait_for_selector("body[data-ready-at]", timeout=120_000)
                        ready[phase][name].append(int(page.get_attribute("body", "data-ready-at")))
                ctx.close()
        shifts = _layout_shifts(browser, base)
        br_bytes = _cold_bytes(browser, base)
        gz_bytes = _cold_bytes(browser, f"http://127.0.0.1:{gz.server_address[1]}/")
        version = browser.version
        browser.close()
    srv.shutdown()
    gz.shutdown()

    print(f"browser (Chromium {version}, loopback, medians of {ROUNDS}; ms from navigation; warm is a later visit, "
          "once the service worker has installed):")
    for phase, target in (("cold", 150), ("warm", 100)):
        r = {k: med(v) for k, v in ready[phase].items()}
        f = med(first[phase])
        # Each round loads the four pages one after another: their differences, round by round.
        over = [a - b for a, b in zip(first[phase], ready[phase]["cut"])]
        print(f"  {phase}: guide engine ready {r['guide']:.0f}, first result {f:.0f}{spread(first[phase])}; bare page "
              f"with our cut standard library ready {r['cut']:.0f}{spread(ready[phase]['cut'])}, with stock Pyodide "
              f"ready {r['bare']:.0f}")
        print(f"    our overhead (first result) over the bare page with our cut library {f - r['cut']:+.0f}  "
              f"[target <= {target}]; round by round {med(over):+.0f}{spread(over, signed=True)}; "
              f"over stock Pyodide {f - r['bare']:+.0f}")
        print(f"    where it goes: our cut, compiled standard library on a bare page {r['cut'] - r['bare']:+.0f}; "
              f"the engine (archive, import, warm-up) on that bare page {r['engine'] - r['cut']:+.0f}; "
              f"the page's own HTML, styles and scripts {r['guide'] - r['engine']:+.0f}")
    m = {k: med([x[k] for x in marks]) for k in marks[0]} if marks else {}
    print("    in the worker, cold (ms from its start): " + ", ".join(f"{k} {v:.0f}" for k, v in m.items()))
    print(f"  answer to result shown: median {med(update):.1f} ms over {len(update)} answers  [target < 50]")
    print("  layout shift (CLS) from navigation to the first result, cold: "
          + "; ".join(f"{k} {v:.3f}" for k, v in shifts.items()) + "  [target < 0.05]")
    total, gz_total = sum(br_bytes.values()), sum(gz_bytes.values())
    pyodide = sum(v for k, v in br_bytes.items() if k in ("WebAssembly", "Pyodide's JavaScript", "standard library", "engine"))
    print(f"  guide page bytes transferred (cold): {total / 1e6:.2f} MB with brotli as served  [target <= 4.0 MB]; "
          f"{gz_total / 1e6:.2f} MB with gzip only; {(total - pyodide) / 1e3:.0f} KB without Pyodide and the engine")
    print("    per kind (brotli / gzip only): " + "; ".join(
        f"{k} {br_bytes.get(k, 0) / 1e3:.0f} / {gz_bytes.get(k, 0) / 1e3:.0f} KB"
        for k in [name for name, _ in KINDS] + ["other"] if br_bytes.get(k) or gz_bytes.get(k)))
    return {"desktop_first_cold": med(first["cold"])}


# -- over the DevTools protocol: the phone, "from another page", memory ----------------------

def _throttle(browser, phone: bool):
    """Emulate the phone on every page and worker as it starts (prerendered ones too)."""

    def setup(sid, info):
        for method, params in ((("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU}),
                                ("Network.enable", {}), ("Network.emulateNetworkConditions", PHONE_NET),
                                ("Emulation.setDeviceMetricsOverride", PHONE_SCREEN)) if phone else ()):
            if info["type"] == "worker" and method == "Emulation.setDeviceMetricsOverride":
                continue
            try:
                browser.send(method, params, session=sid)
            except Exception:
                pass  # not every domain exists in a worker

    browser.setup[:] = [setup]


def _guide_times(tab, session=None) -> dict:
    return tab.evaluate("""(() => { const g = document.querySelector('[data-guide]');
        const nav = performance.getEntriesByType('navigation')[0];
        return {started: +g.dataset.startedAt, ready: +g.dataset.readyAt, first: +g.dataset.firstResultAt,
                activation: nav.activationStart || 0}; })()""", session=session)


def _walk(tab, url):
    tab.navigate(url)
    sid = tab.current_page()
    tab.wait_for("!!document.querySelector('[data-guide][data-first-result-at]')", session=sid)
    return _guide_times(tab, sid)


def _bare_walk(tab, url) -> int:
    """A bare page (BARE_PAGE): ms from navigation until its Pyodide is ready."""
    tab.navigate(url)
    sid = tab.current_page()
    tab.wait_for("!!document.body.dataset.readyAt", session=sid)
    return int(tab.evaluate("document.body.dataset.readyAt", session=sid))


def _from_another_page(browser, base) -> float:
    """A family on familie/ reads for a few seconds, then follows the guide link: ms from that
    navigation to the first result (a prerendered page counts from its activation)."""
    tab = browser.new_tab()
    try:
        tab.navigate(base + FAMILY_PAGE)
        link = f"document.querySelector('article a[href$=\"{GUIDE}\"]')"
        tab.evaluate(f"{link}.scrollIntoView({{block: 'center'}})")
        time.sleep(READING_S)
        box = tab.evaluate(f"(() => {{ const r = {link}.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()")
        for kind_ in ("mouseMoved", "mousePressed", "mouseReleased"):
            tab.send("Input.dispatchMouseEvent", {"type": kind_, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
        sid = tab.wait_for_page(lambda url: url.endswith(GUIDE))
        tab.wait_for("!!document.querySelector('[data-guide][data-first-result-at]')", session=sid)
        t = _guide_times(tab, sid)
        return max(t["first"], t["activation"]) - t["activation"]
    finally:
        tab.close()


def _wasm_memory(browser, sid) -> int:
    """Bytes of Pyodide's WebAssembly memory in the engine worker (guide-worker.js keeps it)."""
    got = browser.send("Runtime.evaluate", {"expression": "self.pyodideMemory ? self.pyodideMemory.buffer.byteLength : 0",
                                            "returnByValue": True}, session=sid)
    return got["result"]["value"]


def _memory(browser, tab) -> dict:
    """The page's JavaScript heap, the engine worker's, and the worker's WebAssembly memory."""
    page = tab.current_page()
    out = {"page": browser.send("Runtime.getHeapUsage", session=page)["usedSize"]}
    for sid, info in list(browser.sessions.items()):
        if info["type"] == "worker" and info.get("parent") == page and info.get("url", "").endswith("guide-worker.js"):
            out["worker"] = browser.send("Runtime.getHeapUsage", session=sid)["usedSize"]
            out["wasm"] = _wasm_memory(browser, sid)
    return out


def bench_cdp(site: pathlib.Path, phone_only: bool = False) -> None:
    """The phone's cold and warm visits, the desktop's memory, and the visits from another page
    (``phone_only``: the phone's visits alone)."""
    from conftest import CHROMIUM, CHROMIUM_ARGS

    from build_scripts.cdp import Browser

    with_rules = serve_in_background(site)
    without = serve_in_background(site, speculation_rules=False)
    base = f"http://127.0.0.1:{with_rules.server_address[1]}/"
    base_without = f"http://127.0.0.1:{without.server_address[1]}/"
    results: dict = collections.defaultdict(list)
    memory = []
    with Browser(CHROMIUM, CHROMIUM_ARGS) as browser:
        for _ in range(PHONE_ROUNDS):
            for phone in (True,) if phone_only else (False, True):
                _throttle(browser, phone)
                label = "phone" if phone else "desktop"
                if phone:
                    tab = browser.new_tab()
                    try:
                        results[(label, "cold")].append(_walk(tab, base + GUIDE))
                        tab.evaluate(SW_SETTLED, await_promise=True)
                        results[(label, "warm")].append(_walk(tab, base + GUIDE))
                    finally:
                        tab.close()
                    tab = browser.new_tab()  # the floor: the same Pyodide and library, no page, no engine
                    try:
                        results[(label, "bare")].append(_bare_walk(tab, base + "bench/?cut"))
                    finally:
                        tab.close()
                else:
                    tab = browser.new_tab()
                    try:
                        _walk(tab, base + GUIDE)
                        memory.append(_memory(browser, tab))
                    finally:
                        tab.close()
                if phone_only:
                    continue
                results[(label, "prerender")].append(_from_another_page(browser, base))
                results[(label, "no prerender")].append(_from_another_page(browser, base_without))
    with_rules.shutdown()
    without.shutdown()

    net = PHONE_NET
    print(f"emulated mid-range phone (CPU {PHONE_CPU}x slower; DevTools \"Fast 4G\": {net['latency']:.0f} ms, "
          f"{net['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down; {PHONE_SCREEN['width']} px wide), "
          f"medians of {PHONE_ROUNDS} (ms from navigation):")
    for phase in ("cold", "warm"):
        walks = results[("phone", phase)]
        firsts = [w["first"] for w in walks]
        print(f"  {phase}: form usable {med([w['started'] for w in walks]):.0f}, engine ready "
              f"{med([w['ready'] for w in walks]):.0f}, first result {med(firsts):.0f}{spread(firsts)}"
              + ("  [target <= 4500]" if phase == "cold" else ""))
    bare = results[("phone", "bare")]
    print(f"  the floor, cold: a bare page that only starts this site's Pyodide with our cut standard library is ready at "
          f"{med(bare):.0f}{spread(bare)} (no page, no engine, no first result)")
    if phone_only:
        return
    print(f"from another page ({FAMILY_PAGE}, {READING_S} s reading with the guide link on screen, then the link; "
          f"ms from that navigation to the first result, medians of {PHONE_ROUNDS}):  [target <= 1000]")
    for label in ("desktop", "phone"):
        print(f"  {label}: {med(results[(label, 'prerender')]):.0f} with the site's speculation rules (prerender); "
              f"{med(results[(label, 'no prerender')]):.0f} from a server that does not send them")
    mb = lambda key: med([m[key] for m in memory if key in m]) / 1e6  # noqa: E731
    print(f"memory of the guide page once the engine is ready (desktop, medians of {len(memory)}): page JavaScript heap "
          f"{mb('page'):.1f} MB; engine worker: JavaScript heap {mb('worker'):.1f} MB, "
          f"Pyodide's WebAssembly memory {mb('wasm'):.1f} MB")


if __name__ == "__main__":
    bench_engine()
    if "--nginx-only" in sys.argv:  # the served numbers alone (a minute instead of several)
        tmp = _site()
        try:
            bench_nginx({"default build": tmp / "site", "municipal example (kommuner/eksempel)": _municipal_site(tmp)})
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    elif "--phone-only" in sys.argv:  # the phone's cold and warm visits alone
        tmp = _site()
        try:
            bench_cdp(tmp / "site", phone_only=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    elif "--engine-only" not in sys.argv:
        tmp = _site()
        try:
            bench_browser(tmp / "site")
            bench_nginx({"default build": tmp / "site", "municipal example (kommuner/eksempel)": _municipal_site(tmp)})
            bench_cdp(tmp / "site")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
