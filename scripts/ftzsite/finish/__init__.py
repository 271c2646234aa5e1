"""Stage 3: after MkDocs, the built site finished: redirect pages, sitemap, search index, offline copy.

run() is the whole sequence, in order; the hook calls it once, after every language is built.
"""

from __future__ import annotations

from pathlib import Path

from ..data.load import Dataset
from . import offline, redirects
from .search_index import write_indexes
from .sitemaps import write_sitemap


def run(site_dir: Path, site_url: str, data: Dataset, redirect_maps: dict[str, str]) -> None:
    redirects.place_pages(site_dir, redirect_maps)
    write_sitemap(site_dir, site_url, skip=set(redirects.redirect_pages(site_dir)))
    write_indexes(site_dir, data)
    if offline.building():
        offline.finish(site_dir)
