"""The site in a real browser (Chromium through Playwright): navigation, language switching, anchors, accessibility (search: test_search.py)."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from ftzsite.data.load import load_dataset  # noqa: E402

pytestmark = pytest.mark.browser


def test_open_item_and_switch_language_to_the_same_item(page, base_url):
    page.goto(f"{base_url}/reforms/2021-05/")
    assert page.locator("h1").inner_text() == "AOG（地面紧急支援）航材应急维修新模式"
    page.click(".md-header__option .md-select")  # the language selector opens on hover/focus
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{base_url}/en/reforms/2021-05/")
    assert page.locator("h1").inner_text() == load_dataset().items[4].name.en
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select__link[hreflang=zh]").first.dispatch_event("click")
    page.wait_for_url(f"{base_url}/reforms/2021-05/")
    assert page.problems == []


def test_follow_a_body_link_to_its_page(page, base_url):
    page.goto(f"{base_url}/en/reforms/2021-14/")
    page.get_by_role("link", name="People's Bank of China Tianjin Branch 中国人民银行天津分行").click()
    page.wait_for_url(f"{base_url}/en/agencies/pbc-tianjin/")
    rows = page.locator(".ftz-items table tbody tr td:nth-child(1)").all_inner_texts()
    assert rows == ["14", "16"]
    assert page.problems == []


def test_measure_anchor_scrolls_to_the_measure(page, base_url):
    page.goto(f"{base_url}/reforms/2021-14/#measure-5")
    measure = page.locator("#measure-5")
    assert measure.evaluate("el => el.matches(':target')")
    box = measure.bounding_box()
    assert 0 <= box["y"] < 300


AXE_PAGES = ["/", "/reforms/", "/reforms/2021-12/", "/agencies/tianjin-customs/", "/zones/airport/", "/topics/finance/", "/matrix/", "/bilingual/", "/glossary/", "/data/",
             "/changelog/"]


def axe_violations(page) -> list:
    results = Axe().run(page)
    assert len(results.response["passes"]) > 10  # axe really ran its rules
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_axe_catches_a_violation(page):
    page.set_content('<html lang="en"><title>t</title><body><main><img src="x.png"><a href="#"></a></main></body></html>')
    assert {rule for rule, _ in axe_violations(page)} >= {"image-alt", "link-name"}


@pytest.mark.parametrize("path", AXE_PAGES + [f"/en{p}" for p in AXE_PAGES])
def test_no_accessibility_violations(page, base_url, path):
    page.goto(f"{base_url}{path}")
    assert axe_violations(page) == []
    assert page.problems == []


# Pages whose layout changes on a phone: the list's filters, the matrix's list per body, the charts.
PHONE_AXE_PAGES = ["/", "/reforms/", "/matrix/"]


@pytest.mark.parametrize("path", PHONE_AXE_PAGES + [f"/en{p}" for p in PHONE_AXE_PAGES])
def test_no_accessibility_violations_on_a_phone(page, base_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}{path}")
    assert axe_violations(page) == []
    assert page.problems == []
