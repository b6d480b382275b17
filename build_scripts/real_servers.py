"""The shipped server configurations (deploy/) with the real servers, Debian's nginx and Apache,
started on loopback in the foreground and stopped after, serving a built site from a sub-path.
Used by tests/test_servers.py and the benchmark (`make bench`).
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PREFIX = "/barn/"  # the sub-path deploy/nginx.conf is written for
NGINX, APACHE = shutil.which("nginx") or "/usr/sbin/nginx", shutil.which("apache2") or "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"
NGINX_BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped: {proc.stderr.read().decode(errors='replace') if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


@contextlib.contextmanager
def readable_copy(site: pathlib.Path):
    """A copy of a built site that the servers' own users can read."""
    top = pathlib.Path(tempfile.mkdtemp(prefix="srb-served-"))
    try:
        top.chmod(0o755)
        shutil.copytree(site, top / "site")
        for path in [top / "site", *(top / "site").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield top / "site"
    finally:
        shutil.rmtree(top, ignore_errors=True)


@contextlib.contextmanager
def _running(command: list, port: int, work: pathlib.Path):
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(port, proc)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def nginx(site: pathlib.Path):
    """deploy/nginx.conf inside a minimal server block; yields the site's address."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="srb-nginx-"))
    port = _port()
    location = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8").replace(
        "/srv/samarbeid-rundt-barn/site/", f"{site}/")
    (work / "nginx.conf").write_text(f"""
{f'load_module {NGINX_BROTLI};' if os.path.exists(NGINX_BROTLI) else ''}
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
    with _running([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], port, work) as base:
        yield base


@contextlib.contextmanager
def apache(site: pathlib.Path):
    """Apache with the site's own .htaccess (AllowOverride All), the site aliased at PREFIX."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="srb-apache-"))
    work.chmod(0o755)
    port = _port()
    modules = ["mpm_event", "authz_core", "mime", "dir", "alias", "headers", "rewrite", "setenvif", "filter", "deflate"]
    (work / "httpd.conf").write_text("\n".join(
        [f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules] + [
            f"ServerRoot {work}", f"Listen 127.0.0.1:{port}", "ServerName localhost", f"PidFile {work}/httpd.pid",
            f"ErrorLog {work}/error.log", "User www-data", "Group www-data", "TypesConfig /etc/mime.types",
            f"DocumentRoot {work}", f"Alias {PREFIX} {site}/",
            f"<Directory {site}>", "  AllowOverride All", "  Require all granted", "</Directory>",
        ]) + "\n", encoding="utf-8")
    with _running([APACHE, "-f", str(work / "httpd.conf"), "-DFOREGROUND"], port, work) as base:
        yield base
