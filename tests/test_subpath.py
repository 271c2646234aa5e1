"""Under a sub-path, as on GitHub Pages (https://owner.github.io/repo/): absolute URLs and the 404 page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from search_runner import search_for
from static_server import serve
from ftzsite.data.load import load_dataset

BASE = "https://owner.github.io/repo/"
ITEM = load_dataset().items[4]


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory):
    """The site built for a sub-path, in a folder `repo/` of the served root, as GitHub Pages lays out a project site."""
    root = tmp_path_factory.mktemp("pages")
    build_site(root / "repo", BASE)
    return root


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang, prefix", [("zh", ""), ("en", "en/")])
def test_every_absolute_url_is_under_the_sub_path(sub_site, lang, prefix):
    site = sub_site / "repo"
    for route in ("", f"reforms/{ITEM.id}/"):
        page = soup(site / prefix / route / "index.html")
        assert page.select_one("link[rel=canonical]")["href"] == f"{BASE}{prefix}{route}"
        assert {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")} == {
            "zh": f"{BASE}{route}", "en": f"{BASE}en/{route}", "x-default": f"{BASE}{route}"}
    item = soup(site / prefix / f"reforms/{ITEM.id}/index.html")
    permalink = f"{BASE}{prefix}reforms/{ITEM.id}/"
    assert item.select_one(".ftz-permalink a")["href"] == permalink
    assert permalink in item.select_one("#citation").get_text()
    assert item.select_one(".ftz-permalink button.ftz-copy")["data-copy"] == permalink
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(BASE) for loc in locs)
    assert not [url for url in re.findall(r'href="(https?://[^"]+)"', (site / "index.html").read_text(encoding="utf-8")) if not url.startswith(BASE)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_version_pages_change_views_and_the_feed_live_under_the_sub_path(sub_site, prefix):
    site = sub_site / "repo"
    version = soup(site / prefix / f"reforms/{ITEM.id}/v1.0/index.html")
    assert version.select_one("link[rel=canonical]")["href"] == f"{BASE}{prefix}reforms/{ITEM.id}/v1.0/"
    assert f"{BASE}{prefix}reforms/{ITEM.id}/v1.0/" in version.select_one("#citation").get_text()
    assert (site / prefix / f"reforms/{ITEM.id}/changes/index.html").is_file()
    feed = (site / prefix / "changelog/feed.atom").read_text(encoding="utf-8")
    assert not [url for url in re.findall(r'(?:href|<id>|<uri>)="?(https?://[^"<]+)', feed) if not url.startswith(BASE)]


@pytest.mark.browser
@pytest.mark.parametrize("page_path, lang", [("/repo/404.html", "zh"), ("/repo/en/404.html", "en")])
def test_the_404_pages_work_under_the_sub_path(browser, sub_site, page_path, lang):
    with serve(sub_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        problems = []
        page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        try:
            page.goto(url + page_path)
            page.wait_for_load_state("networkidle")
            home = "/repo/" if lang == "zh" else "/repo/en/"
            assert page.locator("article a").first.get_attribute("href") == home
            assert page.locator(".md-select__link[hreflang=en]").get_attribute("href") == "/repo/en/"
            search_for(page, "customs" if lang == "en" else "海关")  # search works there too: its index is under the sub-path
            assert page.locator(".md-search-result__item a").first.get_attribute("href").startswith(f"{url}{home}")
            assert problems == []
        finally:
            context.close()
