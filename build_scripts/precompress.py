"""Compressed copies made ahead: beside every text and WebAssembly file of the built site, a
brotli copy (file.br, quality 11) and a gzip copy (file.gz, level 9), so a server sends the
smallest file without compressing anything while the family waits (nginx `brotli_static` and
`gzip_static`, the rewrite rules in deploy/htaccess, build_scripts/serve.py).

A copy is written only where it saves at least a tenth. Compressing Pyodide's 9.6 MB
WebAssembly at quality 11 takes half a minute, so each compressed copy is kept in
.cache/precompressed/ by the SHA-256 of what it compresses, and a file that has not changed is
not compressed again.

`python -m build_scripts.precompress SITE_DIR`
"""
from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import hashlib
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "precompressed"
# What compresses: text, WebAssembly, and our uncompressed archives (the standard library zip is
# stored without compression inside, the engine is a plain tar). Images other than SVG, fonts
# and the like are compressed already.
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".map", ".wasm", ".svg", ".xml", ".txt", ".webmanifest",
            ".zip", ".tar"}
ENCODINGS = {".br": lambda data: _brotli().compress(data, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
WORTH_IT = 0.9  # a copy must be at most this share of the original
KEEP_DAYS = 30  # cached copies unused for longer are removed


def _brotli():
    import brotli  # PyPI `brotli`, pinned in requirements.lock

    return brotli


def wanted(path: pathlib.Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES


def _copy(data: bytes, digest: str, ext: str, cache: pathlib.Path) -> bytes:
    cached = cache / f"{digest}{ext}"
    if cached.is_file():
        os.utime(cached)  # still in use
        return cached.read_bytes()
    packed = ENCODINGS[ext](data)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    tmp.write_bytes(packed)
    tmp.replace(cached)  # builds may run side by side
    return packed


def compress_file(path: pathlib.Path, cache: pathlib.Path = CACHE) -> dict[str, int]:
    """Write path.br and path.gz where they are worth it; return the size of each copy written."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    written = {}
    for ext in ENCODINGS:
        target = path.with_name(path.name + ext)
        packed = _copy(data, digest, ext, cache)
        if len(packed) <= len(data) * WORTH_IT:
            target.write_bytes(packed)
            written[ext] = len(packed)
        elif target.exists():
            target.unlink()
    return written


def run(site: pathlib.Path, cache: pathlib.Path = CACHE) -> tuple[int, int, int]:
    """Compress every file of the site that compresses; return (files, bytes before, bytes after
    with brotli)."""
    files = sorted(p for p in site.rglob("*") if wanted(p))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: compress_file(p, cache), files))
    before = sum(p.stat().st_size for p in files)
    after = sum(r.get(".br", p.stat().st_size) for p, r in zip(files, results))
    _prune(cache)
    return len(files), before, after


def _prune(cache: pathlib.Path) -> None:
    if not cache.is_dir():
        return
    old = time.time() - KEEP_DAYS * 86400
    for f in cache.iterdir():
        try:
            if f.stat().st_mtime < old:
                f.unlink()
        except OSError:
            pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    args = parser.parse_args(argv)
    count, before, after = run(args.site)
    print(f"{count} filer komprimert på forhånd: {before / 1e6:.1f} MB, med brotli {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
