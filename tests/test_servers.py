"""The shipped server configurations with the real servers (Debian's nginx and Apache, started
on loopback by the tests and stopped after), serving the built site from a sub-path: every page
loads, a guide reaches a result, the Content-Security-Policy is there and nothing breaks it, and
the large files are served compressed. IIS cannot run here: its file is checked against the
same list of settings."""
from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from build_scripts import real_servers
from build_scripts.real_servers import PREFIX
from conftest import ROOT, page_urls
from test_browser_guide import walk_to_a_clear_no

CSP_PARTS = ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'")


@pytest.fixture(scope="module")
def readable_site(site_dir):
    with real_servers.readable_copy(site_dir) as site:
        yield site


@pytest.fixture(scope="module")
def nginx(readable_site):
    with real_servers.nginx(readable_site) as base:
        yield base


@pytest.fixture(scope="module")
def apache(readable_site):
    with real_servers.apache(readable_site) as base:
        yield base


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


@pytest.mark.parametrize("server_name", SERVERS)
def test_pages_name_the_speculation_rules_and_they_are_served_as_such(request, site_dir, server_name):
    """The optional Speculation-Rules header points at the site's own rules, under its sub-path."""
    base = request.getfixturevalue(server_name)
    for url in ("", "familie/", "veivisere/barnekoordinator/", "familie/index.html"):
        for encoding in (None, "br, gzip"):
            _, headers, _ = _get(base + url, encoding)
            assert headers.get("Speculation-Rules") == f'"{PREFIX}speculationrules.json"', (url, encoding, headers)
    status, headers, body = _get(base + "speculationrules.json", "br, gzip")
    assert status == 200 and headers["Content-Type"].startswith("application/speculationrules+json"), headers
    rules = json.loads(body if headers.get("Content-Encoding") is None else _decoded(headers, body))
    assert rules == json.loads((site_dir / "speculationrules.json").read_text(encoding="utf-8"))


def _decoded(headers, body):
    import gzip

    import brotli
    return brotli.decompress(body) if headers["Content-Encoding"] == "br" else gzip.decompress(body)


def _status(url: str):
    """Status, headers and body of one request, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", parts.path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_nginx_sends_the_address_without_its_slash_to_the_front_page(nginx):
    status, headers, _ = _status(nginx.rstrip("/"))
    assert status == 301 and headers["Location"] == PREFIX, (status, headers)


@pytest.fixture(scope="module")
def apache_municipal(municipal_site_dir):
    with real_servers.readable_copy(municipal_site_dir) as site, real_servers.apache(site) as base:
        yield base


@pytest.mark.parametrize("server_name, site", [("nginx", "site_dir"), ("apache_municipal", "municipal_site_dir")])
def test_a_missing_page_gets_the_sites_own_page_not_found_with_status_404(request, server_name, site):
    """nginx's file names it; Apache's .htaccess gets it when the build knows the address (kommune.yml)."""
    base = request.getfixturevalue(server_name)
    status, headers, body = _status(base + "finnes-ikke/")
    own = (request.getfixturevalue(site) / "404.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", own).group(1)
    assert status == 404, status
    assert f"<title>{title}</title>" in body.decode("utf-8"), body[:300]
    assert "Content-Security-Policy" in headers, headers


def test_the_page_not_found_is_named_only_when_the_address_is_known(site_dir, municipal_site_dir):
    assert "ErrorDocument" not in (site_dir / ".htaccess").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /barn/404.html" in (municipal_site_dir / ".htaccess").read_text(encoding="utf-8")
    errors = list(ET.parse(municipal_site_dir / "web.config").getroot().iter("error"))
    assert [(e.get("statusCode"), e.get("path")) for e in errors] == [("404", "/barn/404.html")]
    assert list(ET.parse(site_dir / "web.config").getroot().iter("httpErrors")) == []


def test_the_iis_file_has_the_same_settings():
    root = ET.parse(ROOT / "deploy" / "web.config").getroot()
    mimes = {m.get("fileExtension"): m.get("mimeType") for m in root.find("system.webServer").iter("mimeMap")}
    assert mimes[".wasm"] == "application/wasm" and mimes[".mjs"] == "text/javascript" and mimes[".json"] == "application/json"
    headers = {h.get("name"): h.get("value") for h in root.iter("add") if h.get("name")}
    assert all(part in headers["Content-Security-Policy"] for part in CSP_PARTS)
    assert headers["X-Content-Type-Options"] == "nosniff"
    cache = next(root.iter("clientCache"))
    assert "immutable" in cache.get("cacheControlCustom") and cache.get("cacheControlMaxAge").startswith("365")
    assert any(loc.get("path") == "assets/pyodide" for loc in root.iter("location"))
    assert next(root.iter("urlCompression")).get("doStaticCompression") == "true"
    # Which types are compressed is the server's setting (httpCompression is locked to
    # applicationHost.config on a stock IIS): test_iis.py checks the file and the server step.
    rules = next(loc for loc in root.iter("location") if loc.get("path") == "speculationrules.json")
    assert next(rules.iter("mimeMap")).get("mimeType") == "application/speculationrules+json"


def test_iis_gets_the_speculation_rules_header_when_the_address_is_known(site_dir, municipal_site_dir):
    """IIS cannot find the site's path itself: the municipal build (adresse_nettsted) writes it in."""
    def header(site):
        root = ET.parse(site / "web.config").getroot()
        return {h.get("name"): h.get("value") for h in root.iter("add") if h.get("name")}.get("Speculation-Rules")

    assert header(municipal_site_dir) == '"/barn/speculationrules.json"'
    assert header(site_dir) is None
