"""Redirects (`redirects` in mkdocs.yml): redirect pages where the language layout wants them, and a list for servers.

mkdocs-redirects writes an HTML page that redirects (meta refresh) at the old
URL.  With the i18n folder layout it writes a Chinese page (`zh/old.md`) at
/zh/old/, while Chinese lives at the site root, so the build moves it to /old/.
A static host serves those pages; a real web server answers the same URLs with
a 301 (deploy/ and ftzsite.nginx read them with `redirect_pages`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from ..languages import DEFAULT

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
MAX_SIZE = 2048  # a redirect page is tiny; pages of the site are far larger


def html_path(src_path: str) -> str:
    """Where MkDocs (directory URLs) writes the page of a Markdown file: a/b.md → a/b/index.html."""
    stem = src_path.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def place_pages(site_dir: Path, redirect_maps: dict[str, str]) -> None:
    """Move the default language's redirect pages from /<default>/… (where mkdocs-redirects writes them under i18n) to the site root."""
    for old in redirect_maps:
        lang, _, rest = old.partition("/")
        written = site_dir / html_path(old)
        if lang == DEFAULT and written.is_file():
            target = site_dir / html_path(rest)
            target.parent.mkdir(parents=True, exist_ok=True)
            written.replace(target)
    folder = site_dir / DEFAULT
    if folder.is_dir() and not any(path.is_file() for path in folder.rglob("*")):
        shutil.rmtree(folder)  # only the emptied folders of moved pages were there


def redirect_pages(site_dir: Path) -> dict[str, str]:
    """Site path of each redirect page (e.g. 'old/') → where it sends the reader (a site-absolute path or a URL)."""
    found = {}
    for page in sorted(site_dir.rglob("*.html")):
        if page.stat().st_size > MAX_SIZE:
            continue
        match = REFRESH.search(page.read_text(encoding="utf-8", errors="replace"))
        if match:
            path = "/" + page.relative_to(site_dir).as_posix().removesuffix("index.html")
            found[path.lstrip("/")] = urljoin(path, match.group(1))
    return found
