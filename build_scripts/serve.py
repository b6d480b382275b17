"""Serve the built site on localhost with the MIME types Pyodide needs. For development only:
a real server uses the configurations in deploy/.

`make serve` runs this (`dev_server`: with the security headers deploy/nginx.conf sends, so a
developer sees what production refuses). Tests use `make_server` too, also to imitate a badly
configured intranet server (wrong MIME types) or a site under a sub-path. Neither lists a
folder or serves the server configuration files that lie in site/.
"""
from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import http.server
import os
import pathlib
import re
import sys
import threading

MIME = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
        ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
        ".tar": "application/x-tar", ".webmanifest": "application/manifest+json"}


# Sent compressed, as a well-configured intranet server would: the build's precompressed copy
# (file.br, file.gz; build_scripts/precompress.py) when there is one and the browser accepts it,
# else gzip made here on the fly (and kept).
COMPRESS = {".html", ".css", ".js", ".mjs", ".json", ".map", ".wasm", ".svg", ".xml", ".txt", ".webmanifest",
            ".zip", ".tar"}
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
# Pyodide's folder is named by its version and our files in it by their content: they never change.
IMMUTABLE = "/assets/pyodide/"
# The site's speculation rules (made by the build, pyodide_bundle.py): Chromium-based browsers
# prerender a guide the reader is about to open. Sent in the Speculation-Rules header of every
# page, the only way a Content-Security-Policy without inline scripts allows.
SPECULATION_RULES = "speculationrules.json"
SPECULATION_RULES_TYPE = "application/speculationrules+json"
_gz_cache: dict = {}
# In site/ for Apache and IIS (deploy/), never to be served: the real servers refuse them too.
CONFIG_FILES = {".htaccess", "web.config"}
DEPLOY_NGINX = pathlib.Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (a q of 0 refuses one)."""
    accepted = set()
    for part in header.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name and q > 0:
            accepted.add(name.lower())
    return accepted


class Handler(http.server.SimpleHTTPRequestHandler):
    server_version = "dev"  # not Python's name and version
    sys_version = ""
    mime_overrides: dict = {}
    prefix = ""
    extra_headers: dict = {}
    encodings = ("br", "gzip")
    speculation_rules = True

    def end_headers(self):
        for name, value in {**self.extra_headers, **getattr(self, "_headers_for_path", {})}.items():
            self.send_header(name, value)
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)  # a folder without index.html is not a page
        return None

    def send_head(self):
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if url_path.rsplit("/", 1)[-1].lower() in CONFIG_FILES:
            self.send_error(404)
            return None
        path = self.translate_path(url_path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = os.path.join(path, "index.html")
        compressible = pathlib.Path(path).suffix.lower() in COMPRESS and os.path.isfile(path)
        self._headers_for_path = {}
        if IMMUTABLE in url_path and os.path.isfile(path):
            self._headers_for_path["Cache-Control"] = "public, max-age=31536000, immutable"
        if (self.speculation_rules and path.endswith(".html")
                and os.path.isfile(os.path.join(self.directory, SPECULATION_RULES))):
            self._headers_for_path["Speculation-Rules"] = f'"{self.prefix.rstrip("/")}/{SPECULATION_RULES}"'
        if not compressible:
            return super().send_head()
        self._headers_for_path["Vary"] = "Accept-Encoding"
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", "")) & set(self.encodings)
        for coding, ext in PRECOMPRESSED:
            if coding in accepted and os.path.isfile(path + ext):
                with open(path + ext, "rb") as f:
                    return self._send_encoded(path, coding, f.read())
        if "gzip" not in accepted:
            return super().send_head()
        key = (path, os.stat(path).st_mtime_ns)
        if key not in _gz_cache:
            with open(path, "rb") as f:
                _gz_cache[key] = gzip.compress(f.read(), compresslevel=6, mtime=0)
        return self._send_encoded(path, "gzip", _gz_cache[key])

    def _send_encoded(self, path, coding, body):
        """The file at `path`, sent as `body` (its content in `coding`); a 304 when unchanged."""
        mtime = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.end_headers()
                    return None
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.end_headers()
        return io.BytesIO(body)

    def guess_type(self, path):
        suffix = pathlib.Path(str(path)).suffix.lower()
        if suffix in self.mime_overrides:
            return self.mime_overrides[suffix]
        if pathlib.Path(str(path)).name == SPECULATION_RULES:
            return SPECULATION_RULES_TYPE
        return MIME.get(suffix) or super().guess_type(path)

    def translate_path(self, path):
        if self.prefix:
            if not path.startswith(self.prefix):
                return str(pathlib.Path(self.directory) / "__not_found__")
            path = "/" + path[len(self.prefix):].lstrip("/")
        return super().translate_path(path)

    def log_message(self, fmt, *args):  # quiet; the tests record requests in the browser
        pass


def make_server(directory, port=0, mime_overrides=None, prefix="", headers=None, host="127.0.0.1",
                encodings=("br", "gzip"), speculation_rules=True):
    """A threaded HTTP server for `directory`; port 0 picks a free port. ``encodings``: the content
    codings it sends (("gzip",): a server without brotli); ``speculation_rules=False``: a server
    that does not send the Speculation-Rules header."""
    handler = type("SiteHandler", (Handler,), {"mime_overrides": mime_overrides or {}, "prefix": prefix,
                                               "extra_headers": headers or {}, "encodings": tuple(encodings),
                                               "speculation_rules": speculation_rules})
    server = _Server((host, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # Python's 5 makes a burst of requests wait for SYN retries

    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download is no error. Python's default prints a
        # traceback to sys.stderr from the request's thread, whenever it comes to it: into the
        # console, or into output a test in the same process is reading.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def deploy_headers(conf: pathlib.Path = DEPLOY_NGINX) -> dict:
    """The security headers the shipped nginx configuration sends with every page (read from it,
    not restated)."""
    found = re.findall(r'^\s*add_header (Content-Security-Policy|X-Content-Type-Options|Referrer-Policy) (?:"([^"]*)"|(\S+)) always;',
                       conf.read_text(encoding="utf-8"), re.M)
    return {name: quoted or bare for name, quoted, bare in found}


DEV_NOTICE = "Bare for utvikling: på en ekte server brukes oppsettene i deploy/ (se README.md)."


def dev_server(directory, port=0):
    """The server `make serve` runs: as make_server, with the deploy headers."""
    return make_server(directory, port, headers=deploy_headers())


def serve_in_background(directory, **kwargs):
    server = make_server(directory, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# What `make serve --watch` looks at: pages in both written forms, guides, the law registry, templates, the build glue.
WATCHED = ("docs", "docs-nn", "guide_engine", "overrides", "build_scripts", "kommuner", "mkdocs.yml")


def _snapshot(root: pathlib.Path) -> dict:
    files = {}
    for name in WATCHED:
        path = root / name
        for f in ([path] if path.is_file() else path.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                files[str(f)] = f.stat().st_mtime_ns
    return files


def watch_and_rebuild(root: pathlib.Path, command: list, interval: float = 1.0) -> None:
    """Poll the sources once a second and rebuild the site when one changes (both builders'
    way of working: no builder's own live reload is needed)."""
    import subprocess
    import sys
    import time

    seen = _snapshot(root)
    while True:
        time.sleep(interval)
        now = _snapshot(root)
        if now != seen:
            seen = now
            print("Endring funnet, bygger på nytt …", flush=True)
            # A fresh process: the guides and the registry are read anew.
            proc = subprocess.run(command, cwd=root)
            print("Ferdig." if proc.returncode == 0 else "Byggingen stoppet; siden viser forrige versjon.", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Server nettstedet lokalt.")
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--watch", action="store_true", help="bygg først, og bygg på nytt ved endringer")
    parser.add_argument("--kommune", default=None, help="kommune.yml for en kommunes egen kopi")
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    site = pathlib.Path(args.directory).resolve()
    if args.watch:
        import subprocess
        import sys

        command = [sys.executable, "-m", "build_scripts.build", "--site-dir", str(site)]
        command += ["--kommune", str(pathlib.Path(args.kommune).resolve())] if args.kommune else []
        if subprocess.run(command, cwd=root).returncode:
            raise SystemExit(1)
        threading.Thread(target=watch_and_rebuild, args=(root, command), daemon=True).start()
    server = dev_server(site, args.port)
    print(DEV_NOTICE, flush=True)
    print(f"Nettstedet kjører på http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stopper)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
