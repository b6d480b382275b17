"""Which version a built site is: the newest entry of CHANGELOG.md, the build date and the git
commit (when the copy is a git checkout). Written to version.json in the site, and shown on
«Om tjenesten» (``{{ versjon }}``), so a municipality can see what it runs and compare it with
the changelog."""
from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
# «## 1.2.0 – 2026-12-06»: the first such heading is the version being built.
_ENTRY = re.compile(r"^##\s+\[?(\d+\.\d+\.\d+)\]?", re.M)
ENV = "SITE_VERSION_JSON"  # build.py hands the one computed value to the builder's process


def changelog_version(root: pathlib.Path = ROOT) -> str:
    m = _ENTRY.search((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not m:
        raise ValueError("CHANGELOG.md har ingen versjon (en overskrift som «## 1.0.0 – dato»)")
    return m.group(1)


def git_commit(root: pathlib.Path = ROOT) -> str:
    """The short commit, or "" when this is no git checkout (a zip) or git is missing."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def info(root: pathlib.Path = ROOT, now: dt.datetime | None = None) -> dict:
    if os.environ.get(ENV):
        return json.loads(os.environ[ENV])
    now = now or dt.datetime.now(dt.timezone.utc)
    return {"version": changelog_version(root), "built": now.replace(microsecond=0).isoformat(),
            "commit": git_commit(root)}


def write(site: pathlib.Path, data: dict) -> None:
    (site / "version.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def line(data: dict, lang: str = "nb") -> str:
    """«Versjon 1.0.0, bygd 6. desember 2026 (commit 0ceed46…).» in the page's form."""
    from build_scripts.page_meta import norwegian_date
    from build_scripts.ui import t

    built = norwegian_date(dt.date.fromisoformat(data["built"][:10]), lang)
    text = t(lang, "site.version", version=data["version"], built=built)
    return text + (" " + t(lang, "site.version_commit", commit=data["commit"]) if data.get("commit") else "")
