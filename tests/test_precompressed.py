"""Bytes kept down: the build writes brotli and gzip copies beside every file that compresses
(build_scripts/precompress.py), and build_scripts/serve.py sends the one the browser accepts,
with the original's type, Content-Encoding and Vary, falling back to gzip made on the fly."""
from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import brotli
import pytest

from conftest import ROOT

GUIDE = "veivisere/barnekoordinator/"


def _pyodide(site_dir):
    from build_scripts.pyodide_bundle import site_folder

    return site_folder(ROOT)


def test_every_file_that_compresses_has_brotli_and_gzip_copies_of_itself(site_dir):
    from build_scripts.precompress import SUFFIXES

    checked = 0
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES or path.stat().st_size < 1024:
            continue
        data = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        assert br.is_file() and gz.is_file(), path
        assert brotli.decompress(br.read_bytes()) == data, br
        assert gzip.decompress(gz.read_bytes()) == data, gz
        assert br.stat().st_size < gz.stat().st_size <= len(data), path
        checked += 1
    assert checked > 50
    folder = site_dir / _pyodide(site_dir)
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs"):
        assert (folder / f"{name}.br").is_file()


def _get(url, encoding, **headers):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **headers})
    try:
        with urllib.request.urlopen(request) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, b""


@pytest.mark.parametrize("accept, sent", [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"),
                                          ("br;q=0, gzip", "gzip"), ("", None), ("identity", None)])
def test_the_server_sends_the_copy_the_browser_accepts(server, site_dir, accept, sent):
    for path, file, kind in ((GUIDE, site_dir / GUIDE / "index.html", "text/html"),
                             (_pyodide(site_dir) + "pyodide.asm.wasm", site_dir / _pyodide(site_dir) / "pyodide.asm.wasm",
                              "application/wasm")):
        status, headers, body = _get(server + path, accept)
        assert status == 200
        assert headers["Content-Type"].startswith(kind)
        assert headers.get("Content-Encoding") == sent
        assert "Accept-Encoding" in headers.get("Vary", "")
        decoded = brotli.decompress(body) if sent == "br" else gzip.decompress(body) if sent == "gzip" else body
        assert decoded == file.read_bytes()
        if sent == "br":
            assert body == file.with_name(file.name + ".br").read_bytes()  # the build's copy, as it is


def test_the_server_compresses_on_the_fly_where_the_build_left_no_copy(tmp_path):
    from build_scripts.serve import serve_in_background

    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>" + "<p>hei</p>" * 500, encoding="utf-8")
    srv = serve_in_background(tmp_path)
    try:
        status, headers, body = _get(f"http://127.0.0.1:{srv.server_address[1]}/", "br, gzip")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tmp_path / "index.html").read_bytes()
    finally:
        srv.shutdown()


def test_unchanged_files_are_not_sent_again_and_pyodide_is_cached_for_good(server, site_dir):
    url = server + _pyodide(site_dir) + "pyodide.asm.wasm"
    status, headers, _ = _get(url, "br")
    assert "immutable" in headers["Cache-Control"]
    status, _, body = _get(url, "br", **{"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304 and body == b""
    status, headers, _ = _get(server + GUIDE, "br")
    assert "Cache-Control" not in headers  # pages are checked again


def test_a_chromium_visit_gets_brotli(visit, server, site_dir):
    v = visit()
    encodings = {}
    v.page.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding")))
    v.page.goto(server + GUIDE)
    v.page.wait_for_selector("[data-guide][data-ready-at]", timeout=90_000)
    big = [u for u in encodings if u.endswith((".wasm", ".zip", ".tar", ".mjs", "/"))]
    assert big and all(encodings[u] == "br" for u in big), encodings
