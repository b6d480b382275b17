"""The shipped server configurations with the real servers (Debian's nginx and Apache, started
on loopback by the tests and stopped after), serving the built site from a sub-path: every page
loads, a guide reaches a result, the Content-Security-Policy is there and nothing breaks it, and
the large files are served compressed. IIS cannot run here: its file is checked against the
same list of settings."""
from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, page_urls
from test_browser_guide import walk_to_a_clear_no

PREFIX = "/barn/"
CSP_PARTS = ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'")
NGINX, APACHE = shutil.which("nginx") or "/usr/sbin/nginx", shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = "/usr/lib/apache2/modules"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, log: pathlib.Path) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def _running(command: list, port: int, work: pathlib.Path):
    """Start a server in the foreground, yield its sub-path address, stop it and clean up."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(port, proc, work / "error.log")
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def readable_site(site_dir):
    """A copy of the built site that the servers' own users can read."""
    top = pathlib.Path(tempfile.mkdtemp(prefix="srb-servers-"))
    top.chmod(0o755)
    shutil.copytree(site_dir, top / "site")
    for path in [top / "site", *(top / "site").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield top / "site"
    shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(readable_site):
    work = pathlib.Path(tempfile.mkdtemp(prefix="srb-nginx-"))
    port = _port()
    location = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8").replace(
        "/srv/samarbeid-rundt-barn/site/", f"{readable_site}/")
    brotli = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
    (work / "nginx.conf").write_text(f"""
{f'load_module {brotli};' if os.path.exists(brotli) else ''}
daemon off; user root; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fcgi;
  uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  server {{ listen 127.0.0.1:{port}; server_name localhost;
{location}
  }}
}}
""", encoding="utf-8")
    yield from _running([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], port, work)


@pytest.fixture(scope="module")
def apache(readable_site):
    work = pathlib.Path(tempfile.mkdtemp(prefix="srb-apache-"))
    work.chmod(0o755)
    port = _port()
    modules = ["mpm_event", "authz_core", "mime", "dir", "alias", "headers", "rewrite", "setenvif", "filter", "deflate"]
    (work / "httpd.conf").write_text("\n".join(
        [f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in modules] + [
            f"ServerRoot {work}", f"Listen 127.0.0.1:{port}", "ServerName localhost", f"PidFile {work}/httpd.pid",
            f"ErrorLog {work}/error.log", "User www-data", "Group www-data", "TypesConfig /etc/mime.types",
            f"DocumentRoot {work}", f"Alias {PREFIX} {readable_site}/",
            f"<Directory {readable_site}>", "  AllowOverride All", "  Require all granted", "</Directory>",
        ]) + "\n", encoding="utf-8")
    yield from _running([APACHE, "-f", str(work / "httpd.conf"), "-DFOREGROUND"], port, work)


def _get(url: str, encoding: str | None = None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


SERVERS = ["nginx", "apache"]


@pytest.mark.parametrize("server_name", SERVERS)
def test_every_page_loads_with_the_policy_and_the_right_types(request, site_dir, server_name):
    base = request.getfixturevalue(server_name)
    for url in page_urls(site_dir):
        status, headers, _ = _get(base + url)
        assert status == 200, url
        assert all(part in headers.get("Content-Security-Policy", "") for part in CSP_PARTS), (url, headers)
    pyodide = next((site_dir / "assets" / "pyodide").iterdir()).name
    for name, wanted in (("pyodide.asm.wasm", "application/wasm"), ("pyodide.mjs", "text/javascript")):
        _, headers, _ = _get(f"{base}assets/pyodide/{pyodide}/{name}")
        assert headers["Content-Type"].startswith(wanted), (name, headers)
        assert "immutable" in headers.get("Cache-Control", ""), name
    for hidden in (".htaccess", "web.config"):
        with pytest.raises(urllib.error.HTTPError):
            _get(base + hidden)


@pytest.mark.parametrize("server_name", SERVERS)
def test_the_large_files_are_served_compressed(request, site_dir, server_name):
    base = request.getfixturevalue(server_name)
    pyodide = next((site_dir / "assets" / "pyodide").iterdir()).name
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs"):
        raw = (site_dir / "assets" / "pyodide" / pyodide / name).stat().st_size
        _, headers, body = _get(f"{base}assets/pyodide/{pyodide}/{name}", "gzip")
        assert headers.get("Content-Encoding") == "gzip", (name, headers)
        assert len(body) < raw * 0.6, name
        assert "Accept-Encoding" in headers.get("Vary", ""), name


@pytest.mark.parametrize("server_name", SERVERS)
def test_a_guide_reaches_a_result_under_the_servers_policy(request, browser, server_name):
    base = request.getfixturevalue(server_name)
    v = walk_to_a_clear_no(browser, base[: -len(PREFIX) + 1], base + "veivisere/barnekoordinator/")
    try:
        assert v.page.evaluate("window.__csp") == []
        assert v.foreign == [] and v.errors() == [], (v.foreign, v.errors())
    finally:
        v.close()


def test_the_iis_file_has_the_same_settings():
    root = ET.parse(ROOT / "deploy" / "web.config").getroot()
    mimes = {m.get("fileExtension"): m.get("mimeType") for m in root.iter("mimeMap")}
    assert mimes[".wasm"] == "application/wasm" and mimes[".mjs"] == "text/javascript" and mimes[".json"] == "application/json"
    headers = {h.get("name"): h.get("value") for h in root.iter("add") if h.get("name")}
    assert all(part in headers["Content-Security-Policy"] for part in CSP_PARTS)
    assert headers["X-Content-Type-Options"] == "nosniff"
    cache = next(root.iter("clientCache"))
    assert "immutable" in cache.get("cacheControlCustom") and cache.get("cacheControlMaxAge").startswith("365")
    assert any(loc.get("path") == "assets/pyodide" for loc in root.iter("location"))
    assert next(root.iter("urlCompression")).get("doStaticCompression") == "true"
    assert {a.get("mimeType") for a in next(root.iter("staticTypes")).iter("add")} >= {"application/wasm", "text/*"}
