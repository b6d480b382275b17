"""A small Chrome DevTools Protocol client over a pipe (`--remote-debugging-pipe`), for what
Playwright cannot show: Playwright attaches to each page directly, and Chromium refuses to
prerender while such a session is attached (PrerenderingDisabledByDevTools). Attached the way
Chromium's own tools are, through the tab, a speculation-rules prerender runs as it does for a
family. Also: CPU and network throttling on every page and worker, and the memory of each.

    with Browser(CHROMIUM, CHROMIUM_ARGS) as browser:
        tab = browser.new_tab()            # a fresh profile (browser context) each time
        tab.navigate("http://…/familie/")  # returns after the load event
        tab.evaluate("document.title")

Standard library only; used by build_scripts/bench.py and the tests.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time


class CDPError(RuntimeError):
    pass


class Browser:
    def __init__(self, executable: str, args=(), timeout: float = 60.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cdp-profile-")
        to_chromium, self._write = os.pipe()
        self._read, from_chromium = os.pipe()

        def pipes():  # Chromium reads commands on fd 3 and writes answers on fd 4
            os.dup2(to_chromium, 3)
            os.dup2(from_chromium, 4)

        self.proc = subprocess.Popen(
            [executable, "--headless", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             "--no-default-browser-check", *args, "about:blank"],
            pass_fds=(3, 4), preexec_fn=pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium)
        os.close(from_chromium)
        self._next = 0
        self._lock = threading.Lock()
        self._waiting: dict[int, queue.Queue] = {}
        self._listeners: list = []
        self.sessions: dict[str, dict] = {}  # session id -> target info
        self.setup = []  # fn(session id, target info), run on every page and worker before it starts
        threading.Thread(target=self._reader, daemon=True).start()
        self.on("Target.attachedToTarget", self._attached)
        self.on("Target.detachedFromTarget", lambda sid, p: self.sessions.pop(p["sessionId"], None))
        self.on("Target.targetInfoChanged", self._changed)  # e.g. a prerendered page is shown
        self.send("Target.setDiscoverTargets", {"discover": True})
        # Tabs only at the top; each tab attaches its page, each page its workers (_attached).
        self.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True,
                                           "filter": [{"type": "page", "exclude": True}, {}]})

    # -- the pipe ------------------------------------------------------------------------------
    def _reader(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._read, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                for q in list(self._waiting.values()):
                    q.put({"error": {"message": "Chromium closed the pipe"}})
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    q = self._waiting.pop(msg["id"], None)
                    if q:
                        q.put(msg)
                else:
                    for method, fn in list(self._listeners):
                        if method == msg["method"]:
                            try:
                                fn(msg.get("sessionId"), msg.get("params", {}))
                            except Exception:  # a listener's error must not stop the reader
                                pass

    def send(self, method: str, params: dict | None = None, session: str | None = None, wait: bool = True):
        with self._lock:
            self._next += 1
            msg_id = self._next
            q: queue.Queue = queue.Queue()
            self._waiting[msg_id] = q
            msg = {"id": msg_id, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            os.write(self._write, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        try:
            answer = q.get(timeout=self.timeout)
        except queue.Empty:
            raise CDPError(f"no answer to {method}") from None
        if "error" in answer:
            raise CDPError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def on(self, method: str, fn) -> None:
        self._listeners.append((method, fn))

    # -- targets -------------------------------------------------------------------------------
    def _attached(self, parent, p):
        info, sid = p["targetInfo"], p["sessionId"]
        self.sessions[sid] = {**info, "parent": parent}

        def start():
            try:
                if info["type"] in ("tab", "page"):
                    # A tab attaches its pages (also a prerendered one); a page its workers.
                    self.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                       "flatten": True}, session=sid)
                # A prerendered page is ended (its renderer killed) by a command sent to it
                # while it waits for the debugger: it is set up once it runs.
                later = info.get("subtype") == "prerender"
                if later:
                    self.send("Runtime.runIfWaitingForDebugger", session=sid)
                if info["type"] in ("page", "worker"):
                    for fn in self.setup:
                        fn(sid, info)
                if not later:
                    self.send("Runtime.runIfWaitingForDebugger", session=sid, wait=info["type"] != "tab")
            except (CDPError, BrokenPipeError):
                pass  # the target, or the whole browser, went away while it was being set up

        threading.Thread(target=start, daemon=True).start()

    def _changed(self, _parent, p):
        info = p["targetInfo"]
        for sid, known in list(self.sessions.items()):
            if known.get("targetId") == info["targetId"]:
                self.sessions[sid] = {**known, **info, "subtype": info.get("subtype")}

    def new_tab(self) -> "Tab":
        context = self.send("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        return Tab(self, context, target)

    def page_session(self, target_id: str, timeout: float = 10.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for sid, info in list(self.sessions.items()):
                if info.get("targetId") == target_id and info["type"] == "page":
                    return sid
            time.sleep(0.01)
        raise CDPError(f"no session for {target_id}")

    def close(self):
        try:
            self.send("Browser.close", wait=False)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
        for fd in (self._write, self._read):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Tab:
    """One tab in its own browser context (a fresh profile: cold caches)."""

    def __init__(self, browser: Browser, context: str, target: str):
        self.browser, self.context, self.target = browser, context, target
        self.session = browser.page_session(target)

    def send(self, method, params=None, session=None):
        return self.browser.send(method, params, session=session or self.session)

    def evaluate(self, expression: str, session: str | None = None, await_promise: bool = False):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise}, session=session)
        if "exceptionDetails" in result:
            raise CDPError(result["exceptionDetails"].get("exception", {}).get("description", "exception"))
        return result["result"].get("value")

    def navigate(self, url: str, timeout: float = 60.0) -> None:
        loaded = threading.Event()
        sid = self.session

        def fired(session, _params):
            if session == sid:
                loaded.set()

        self.browser.on("Page.loadEventFired", fired)
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        if not loaded.wait(timeout):
            raise CDPError(f"{url} did not load")

    def wait_for(self, expression: str, timeout: float = 120.0, session: str | None = None):
        """Poll until the expression is truthy in the tab's current page; return its value."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                value = self.evaluate(expression, session=session or self.current_page())
            except CDPError:
                value = None
            if value:
                return value
            time.sleep(0.02)
        raise CDPError(f"timed out waiting for {expression}")

    def current_page(self) -> str:
        """The session of the page the tab shows now (after a prerender is activated, that page)."""
        pages = [sid for sid, info in list(self.browser.sessions.items())
                 if info["type"] == "page" and info.get("browserContextId") == self.context
                 and info.get("subtype") != "prerender"]
        return pages[-1] if pages else self.session

    def wait_for_page(self, predicate, timeout: float = 120.0) -> str:
        """The session of the page the tab shows once its address satisfies predicate."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            sid = self.current_page()
            if predicate(self.browser.sessions.get(sid, {}).get("url", "")):
                return sid
            time.sleep(0.02)
        raise CDPError("the tab did not show the page")

    def prerendered(self) -> list[str]:
        """Sessions of the pages being prerendered in this tab."""
        return [sid for sid, info in list(self.browser.sessions.items())
                if info["type"] == "page" and info.get("browserContextId") == self.context
                and info.get("subtype") == "prerender"]

    def close(self):
        try:
            self.browser.send("Target.disposeBrowserContext", {"browserContextId": self.context})
        except CDPError:
            pass
