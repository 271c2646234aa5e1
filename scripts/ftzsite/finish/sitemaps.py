"""The sitemap, with hreflang alternates, written from the built site's pages.

One file, /sitemap.xml, lists every page with its translations, for search
engines (the one place besides <head> where alternates are absolute URLs).
The theme's script no longer fetches sitemaps (see theme.py), so no other
sitemap is written, and the ones the theme writes per language are removed.
No dates: two builds of the same commit give the same file.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..languages import LANGUAGES, folder, split_path

# Pages kept out of search engines' indexes (noindex, see metadata.version_head): an item's versions and its changes.
NOT_INDEXED = re.compile(r"^reforms/[^/]+/(v\d+\.\d+|changes)/$")
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
TAIL = "</urlset>\n"


def page_routes(site_dir: Path, skip: set[str] = frozenset()) -> dict[str, set[str]]:
    """Route below a language root (e.g. 'reforms/2021-05/') → languages that have it; `skip`: site paths that are not pages."""
    routes: dict[str, set[str]] = {}
    for index in sorted(site_dir.rglob("index.html")):
        path = index.parent.relative_to(site_dir).as_posix()
        path = "" if path == "." else path + "/"
        if path in skip:
            continue
        lang, route = split_path(path)
        if not NOT_INDEXED.match(route):
            routes.setdefault(route, set()).add(lang)
    return routes


def _entry(url: str, alternates: dict[str, str]) -> str:
    links = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>\n' for lang, href in alternates.items())
    return f"  <url>\n    <loc>{escape(url)}</loc>\n{links}  </url>\n"


def write_sitemap(site_dir: Path, site_url: str, skip: set[str] = frozenset()) -> int:
    """Write /sitemap.xml (every page, with its alternates); returns the number of entries."""
    root = site_url.rstrip("/") + "/"
    entries = []
    for route, langs in sorted(page_routes(site_dir, skip).items()):
        alternates = {lang: f"{root}{folder(lang)}{route}" for lang in LANGUAGES if lang in langs}
        entries += [_entry(alternates[lang], alternates) for lang in sorted(langs, key=LANGUAGES.index)]
    (site_dir / "sitemap.xml").write_text(HEAD + "".join(entries) + TAIL, encoding="utf-8")
    for lang in LANGUAGES:
        if folder(lang):
            (site_dir / folder(lang) / "sitemap.xml").unlink(missing_ok=True)
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
    return len(entries)
