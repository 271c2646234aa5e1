"""The copy opened from disk (file://): the same pages, links that open files, search without a server.

ftz-publish builds it with FTZ_OFFLINE=1 in the environment; the MkDocs hook then
calls `configure` and `finish`, which:

- add the iframe-worker shim to the theme's polyfills, as the theme's own
  offline plugin does, but from the copy that package.json pins (node_modules,
  copied into the site with its licence) instead of a CDN: Chromium cannot
  start a Web Worker from file:, so the shim runs the search worker in a hidden
  iframe (it does nothing on http:);
- write search/search_index.js for each language: on file: the theme loads it
  with a script tag and reads `__index`; the worker cannot fetch files there,
  so it holds the whole index (search.offline_index), whose locations open files;
- rewrite relative links to folders (`../2021-05/`, `../..`) to their
  index.html, since a browser shows a folder listing for a folder on disk;
  MkDocs cannot do it, as our pages' links are raw HTML from the templates.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from .search import offline_index

ENV = "FTZ_OFFLINE"
ROOT = Path(__file__).resolve().parents[2]
SHIM_PACKAGE = ROOT / "node_modules" / "iframe-worker"
SHIM = "assets/javascripts/iframe-worker/shim.js"
_HREF = re.compile(r'\shref="([^"]*)"')
_ABSOLUTE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


class MissingShim(RuntimeError):
    pass


def building() -> bool:
    return os.environ.get(ENV) == "1"


def configure(config) -> None:
    if not (SHIM_PACKAGE / "shim" / "index.js").is_file():
        raise MissingShim(f"{SHIM_PACKAGE.relative_to(ROOT)} is missing: run `npm ci` first (package.json pins iframe-worker)")
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]


def file_link(url: str) -> str:
    """A relative link as it must be on disk: a folder becomes its index.html, anything else is kept."""
    if not url or _ABSOLUTE.match(url):
        return url
    cut = min([i for i in (url.find("?"), url.find("#")) if i >= 0] or [len(url)])
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    return path + rest


def file_location(location: str) -> str:
    """A search entry's location (relative to the language root) on disk: '' and '#x' are the home page."""
    return file_link(location) if location and not location.startswith(("#", "?")) else "index.html" + location


def finish(site_dir: Path, locales: list[str], default: str) -> None:
    _copy_shim(site_dir)
    for lang in locales:
        folder = "" if lang == default else f"{lang}/"
        index = offline_index(site_dir, folder, file_location)
        script = "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"
        (site_dir / folder / "search" / "search_index.js").write_text(script, encoding="utf-8")
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(_HREF.sub(lambda m: f' href="{file_link(m.group(1))}"', html), encoding="utf-8")


def _copy_shim(site_dir: Path) -> None:
    target = site_dir / SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM_PACKAGE / "shim" / "index.js", target)
    shutil.copyfile(SHIM_PACKAGE / "LICENSE", target.with_name("LICENSE"))
