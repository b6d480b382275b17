"""Serve the built site on localhost with the MIME types Pyodide needs.

`make serve` runs this. Tests use `make_server` too, also to imitate a badly configured
intranet server (wrong MIME types) or a site under a sub-path.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import pathlib
import threading

MIME = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
        ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
        ".webmanifest": "application/manifest+json"}


class Handler(http.server.SimpleHTTPRequestHandler):
    mime_overrides: dict = {}
    prefix = ""

    def guess_type(self, path):
        suffix = pathlib.Path(str(path)).suffix.lower()
        if suffix in self.mime_overrides:
            return self.mime_overrides[suffix]
        return MIME.get(suffix) or super().guess_type(path)

    def translate_path(self, path):
        if self.prefix:
            if not path.startswith(self.prefix):
                return str(pathlib.Path(self.directory) / "__not_found__")
            path = "/" + path[len(self.prefix):].lstrip("/")
        return super().translate_path(path)

    def log_message(self, fmt, *args):  # quiet; the tests record requests in the browser
        pass


def make_server(directory, port=0, mime_overrides=None, prefix="", host="127.0.0.1"):
    """A threaded HTTP server for `directory`; port 0 picks a free port."""
    handler = type("SiteHandler", (Handler,), {"mime_overrides": mime_overrides or {}, "prefix": prefix})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


def serve_in_background(directory, **kwargs):
    server = make_server(directory, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description="Server nettstedet lokalt.")
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.directory, args.port)
    print(f"Nettstedet kjører på http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stopper)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
