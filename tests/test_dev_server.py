"""`make serve` is a development server and says so: it sends the headers the shipped nginx
configuration sends (so a developer meets the same Content-Security-Policy), lists no folder,
serves neither server configuration file that lies in site/, and does not name Python."""
from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from build_scripts.serve import DEV_NOTICE, deploy_headers, dev_server, make_server, serve_in_background
from conftest import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "a.css").write_text("body{}", encoding="utf-8")
    (site / "web.config").write_text("<configuration/>", encoding="utf-8")
    (site / ".htaccess").write_text("Header set X 1", encoding="utf-8")
    return site


def _get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


@pytest.fixture(scope="module")
def base(site):
    srv = dev_server(site, 0)
    import threading

    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


def test_it_sends_the_deploy_headers(base):
    status, headers = _get(base, "")
    want = deploy_headers()
    assert status == 200 and set(want) == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}
    for name, value in want.items():
        assert headers[name] == value
    assert "Python" not in headers.get("Server", "")


@pytest.mark.parametrize("path", ["assets/", "web.config", ".htaccess", "assets/../web.config"])
def test_it_lists_no_folder_and_serves_no_server_configuration(base, path):
    status, _ = _get(base, path)
    assert status == 404


def test_the_test_server_refuses_them_too(site):
    srv = serve_in_background(site)
    try:
        b = f"http://127.0.0.1:{srv.server_address[1]}/"
        assert _get(b, "assets/")[0] == 404 and _get(b, "web.config")[0] == 404
        assert srv.request_queue_size >= 128
    finally:
        srv.shutdown()


def test_it_says_it_is_for_development(site):
    proc = subprocess.Popen([sys.executable, "-m", "build_scripts.serve", str(site), "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        second = proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert first == DEV_NOTICE and "utvikling" in first and "deploy/" in first
    assert second.startswith("Nettstedet kjører på http://127.0.0.1:")


def test_a_build_replaces_the_served_folder_only_when_finished(tmp_path, monkeypatch):
    """While a site is built, the folder a server serves stays the whole previous site; a build
    that fails leaves it as it was."""
    from build_scripts import build

    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("forrige", encoding="utf-8")
    seen = []

    def fake(staging, *args):
        staging.mkdir()
        (staging / "index.html").write_text("ny", encoding="utf-8")
        seen.append((dest / "index.html").read_text(encoding="utf-8"))  # mid-build, as a server reads it

    monkeypatch.setattr(build, "_build_into", fake)
    build.build(dest)
    assert seen == ["forrige"] and (dest / "index.html").read_text(encoding="utf-8") == "ny"
    # Nothing half-built is left beside it; the previous site is kept for a roll-back.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.old"]
    assert (tmp_path / "site.old" / "index.html").read_text(encoding="utf-8") == "forrige"

    def failing(staging, *args):
        staging.mkdir()
        raise build.BuildFailed("stoppet")

    monkeypatch.setattr(build, "_build_into", failing)
    with pytest.raises(build.BuildFailed):
        build.build(dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.old"]


def test_a_browser_that_goes_away_mid_download_is_no_error_and_prints_nothing(site, capsys):
    """Python's server printed a traceback for it to sys.stderr, from the request's thread and at
    any moment: into the output of whatever test was then reading sys.stderr. Other errors still
    print."""
    srv = make_server(site)
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
            try:
                raise gone
            except ConnectionError:
                srv.handle_error(None, ("127.0.0.1", 50000))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            srv.handle_error(None, ("127.0.0.1", 50000))
        assert "ValueError: a real fault" in capsys.readouterr().err
    finally:
        srv.server_close()
