"""Versions in Chromium: version pages and change views work and are accessible, a citation's link opens the version it
names, and what changed is two clicks from an item page (printing: test_print.py)."""

from __future__ import annotations

import re

import pytest

from ftzsite.data.load import load_dataset
from ftzsite.data.versions import item_versions
from test_browser import axe_violations

pytestmark = pytest.mark.browser
DATA = load_dataset()
CHANGED = "2021-14"  # its English changed in 1.1
UNCHANGED_EN = next(item.id for item in DATA.items if not item_versions(DATA, item.id, "en")[-1].changed)


@pytest.mark.parametrize("root", ["/", "/en/"])
@pytest.mark.parametrize("item_id", [CHANGED, UNCHANGED_EN])
def test_every_version_page_of_a_changed_and_an_unchanged_item_opens(page, base_url, root, item_id):
    lang = "en" if root == "/en/" else "zh"
    for version in item_versions(DATA, item_id, lang):
        page.goto(f"{base_url}{root}reforms/{item_id}/v{version.version}/")
        banner = page.locator(".ftz-version-banner").inner_text()
        assert version.version in banner
        if not version.changed:
            assert f"{version.since}" in banner
        page.locator(".ftz-version-banner a").first.click()  # to the current text
        page.wait_for_url(f"{base_url}{root}reforms/{item_id}/")
    assert page.problems == []


PATHS = [f"/reforms/{CHANGED}/v1.0/", f"/reforms/{CHANGED}/changes/"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PATHS + [f"/en{p}" for p in PATHS])
def test_no_accessibility_violations_on_version_pages_and_change_views(page, base_url, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}{path}")
    assert axe_violations(page) == []
    assert page.problems == []


def test_what_changed_is_two_clicks_from_the_item_page(page, base_url):
    page.goto(f"{base_url}/en/reforms/{CHANGED}/")
    page.locator(".ftz-versions a", has_text="What changed").last.click()  # 1: the versions table, its oldest change
    page.wait_for_url(f"{base_url}/en/reforms/{CHANGED}/changes/#v1-1")
    section = page.locator("#v1-1")
    assert section.locator("del", has_text="encouraged").is_visible() and section.locator("ins", has_text="urged").is_visible()
    # shown with more than colour: struck through and underlined
    assert "line-through" in section.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in section.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    page.goto(f"{base_url}/en/reforms/{CHANGED}/")
    page.locator(".ftz-revised a").click()  # or 1: "last revised", to its latest change
    latest = item_versions(DATA, CHANGED, "en")[-1].since
    page.wait_for_url(f"{base_url}/en/reforms/{CHANGED}/changes/#v{latest.replace('.', '-')}")
    assert page.problems == []


@pytest.mark.parametrize("root", ["/", "/en/"])
def test_the_citations_link_opens_the_version_it_names(page, base_url, root):
    page.goto(f"{base_url}{root}reforms/{CHANGED}/")
    citation = page.locator("#citation").inner_text()
    url = re.search(r"https?://\S+?/v(\d+\.\d+)/", citation)
    assert url and url.group(1) in citation.replace(url.group(0), "")  # the version is named in the citation too
    page.goto(url.group(0))
    assert f"v{url.group(1)}" in page.url and url.group(1) in page.locator(".ftz-version-banner").inner_text()
    lang = "en" if root == "/en/" else "zh"
    version = next(v for v in item_versions(DATA, CHANGED, lang) if v.version == url.group(1))
    assert page.locator("h1").inner_text() == getattr(next(i for i in version.data.items if i.id == CHANGED).name, lang)
    assert page.problems == []
