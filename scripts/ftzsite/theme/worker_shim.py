"""The iframe-worker shim for the copy opened from disk, added as Material's own offline plugin adds it.

Chromium cannot start a Web Worker from file:, so the shim runs the search worker in a hidden
iframe (it does nothing on http:).  Material loads what its `extra.polyfills` lists before its
bundle; the shim comes from the copy that package.json pins (node_modules, copied into the site
with its licence), not from a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "node_modules" / "iframe-worker"
SHIM = "assets/javascripts/iframe-worker/shim.js"  # in the built site


class MissingShim(RuntimeError):
    pass


def add(config) -> None:
    """Have every page load the shim (MkDocs config, before the build)."""
    if not (PACKAGE / "shim" / "index.js").is_file():
        raise MissingShim(f"{PACKAGE.relative_to(ROOT)} is missing: run `npm ci` first (package.json pins iframe-worker)")
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]


def copy_into(site_dir: Path) -> None:
    """Put the shim and its licence where the pages load it from (after the build)."""
    target = site_dir / SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE / "shim" / "index.js", target)
    shutil.copyfile(PACKAGE / "LICENSE", target.with_name("LICENSE"))
