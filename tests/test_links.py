"""No broken internal link, missing anchor or missing asset, in either language.

LinkChecker crawls the served site for links and assets.  Anchors are checked here, over the
built files: LinkChecker's AnchorCheck downloads a page again for every anchor that points into
it (3,193 URLs and 120 MB for this site, 165 s, against 807 URLs and 10 s without it), while
reading each page once takes under a second.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from ftzsite.data.load import load_dataset
from static_server import serve
from test_site import SITE_URL

ITEMS = load_dataset().items

CONFIG = Path(__file__).with_name("linkcheckerrc")


def linkcheck(url: str, *options: str) -> subprocess.CompletedProcess:
    executable = shutil.which("linkchecker") or str(Path(sys.executable).with_name("linkchecker"))
    return subprocess.run([executable, "-f", str(CONFIG), "--no-status", "--no-robots", *options, url],
                          capture_output=True, text=True, timeout=600)


class _Anchors(HTMLParser):
    """The ids of a page and the targets of its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def anchor_links(site: Path, site_url: str) -> tuple[int, list[str]]:
    """How many links of the site's own pages name an anchor, and those whose anchor is not on the page they lead to."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        pages[path.relative_to(site).as_posix().removesuffix("index.html")] = parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
    checked, broken = 0, []
    for route, parser in pages.items():
        for href in parser.hrefs:
            target = urljoin(site_url + route, href)
            url, _, anchor = target.partition("#")
            if anchor and url.startswith(site_url):
                checked += 1
                page = pages.get(urlsplit(url).path.removeprefix(urlsplit(site_url).path))
                if page is None or unquote(anchor) not in page.ids:
                    broken.append(f"/{route} → /{target.removeprefix(site_url)}")
    return checked, broken


@pytest.mark.slow  # crawls every page of both languages
def test_every_link_and_asset_resolves(base_url):
    result = linkcheck(f"{base_url}/")
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout
    assert result.returncode == 0
    # Both languages were crawled (English through the language switcher).
    urls = int(re.search(r"(\d+) links? in \d+ URLs? checked", result.stdout).group(1))
    assert urls > 2 * len(ITEMS) * 5
    assert f"{base_url}/en/reforms/{ITEMS[-1].id}/" in linkcheck(f"{base_url}/en/reforms/", "-v", "-r", "1").stdout


def test_every_anchor_a_link_names_is_on_its_page(site):
    checked, broken = anchor_links(site, SITE_URL)
    assert broken == []
    assert checked > 2 * len(ITEMS) * 10  # measures, sections, versions, changelog groups, in both languages


def test_the_anchor_check_finds_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h2 id="here">x</h2><a href="#here">1</a> <a href="#nowhere">2</a> '
                                         '<a href="a/#there">3</a> <a href="a/#gone">4</a> <a href="https://other.example/#x">5</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="there"><a href="../#here">6</a></p>', encoding="utf-8")
    assert anchor_links(tmp_path, "https://example.org/") == (5, ["/ → /#nowhere", "/ → /a/#gone"])


def test_the_link_checker_finds_broken_links_and_assets(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a> <img src="gone.png" alt="">', encoding="utf-8")
    with serve(tmp_path) as url:
        result = linkcheck(f"{url}/")
    assert result.returncode == 1
    assert "0 warnings found. 2 errors found." in result.stdout
    for broken in ("missing/", "gone.png"):
        assert broken in result.stdout + result.stderr, broken
