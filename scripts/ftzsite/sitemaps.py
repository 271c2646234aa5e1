"""Sitemaps with hreflang alternates, written from the built site's pages.

The site root's sitemap.xml lists every page with its translations.  The
theme's script also fetches a sitemap.xml beside each hreflang URL (a language
root, or a page), so each page folder gets a one-entry sitemap of its own;
without them every page load logs 404s.  No dates: two builds of the same
commit give the same files.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
TAIL = "</urlset>\n"


def page_routes(site_dir: Path, locales: list[str], default: str) -> dict[str, set[str]]:
    """Route below a language root (e.g. 'reforms/2021-05/') → languages that have it."""
    routes: dict[str, set[str]] = {}
    for index in sorted(site_dir.rglob("index.html")):
        route = index.parent.relative_to(site_dir).as_posix()
        route = "" if route == "." else route + "/"
        lang = route.split("/", 1)[0]
        if lang in locales and lang != default:
            route = route[len(lang) + 1:]
        else:
            lang = default
        routes.setdefault(route, set()).add(lang)
    return routes


def _entry(url: str, alternates: dict[str, str]) -> str:
    links = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>\n' for lang, href in alternates.items())
    return f"  <url>\n    <loc>{escape(url)}</loc>\n{links}  </url>\n"


def write_sitemaps(site_dir: Path, site_url: str, locales: list[str], default: str) -> int:
    """Write the full sitemap at each language root and a one-entry sitemap in each page folder."""
    root = site_url.rstrip("/") + "/"
    prefix = {lang: "" if lang == default else f"{lang}/" for lang in locales}
    if not all((site_dir / prefix[lang] / "index.html").is_file() for lang in locales):
        return 0  # called again once every language is built
    entries = []
    for route, langs in sorted(page_routes(site_dir, locales, default).items()):
        alternates = {lang: f"{root}{prefix[lang]}{route}" for lang in locales if lang in langs}
        for lang in sorted(langs, key=locales.index):
            entry = _entry(alternates[lang], alternates)
            entries.append(entry)
            folder = site_dir / prefix[lang] / route
            if route:
                (folder / "sitemap.xml").write_text(HEAD + entry + TAIL, encoding="utf-8")
    full = HEAD + "".join(entries) + TAIL
    for lang in locales:
        (site_dir / prefix[lang] / "sitemap.xml").write_text(full, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
    return len(entries)
