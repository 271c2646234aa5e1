"""Citable and reusable, in the browser: copy buttons, the access date, the highlighted measure (printing: test_print.py)."""

from __future__ import annotations

import re

import pytest
from ftzsite.data.load import load_dataset
from ftzsite.data.versions import last_change

pytestmark = pytest.mark.browser


@pytest.fixture
def clipboard_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def test_copy_a_measure_link_and_a_citation(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/reforms/2021-14/")
    button = page.locator("#measure-5 button.ftz-copy")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/reforms/2021-14/#measure-5"
    assert button.inner_text().strip() == "已复制"
    page.locator(".ftz-cite button.ftz-copy").click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("中国（天津）自由贸易试验区. 2021年天津自贸试验区复制推广改革试点经验：第14项 税库银三方协议网签纳税模式[EB/OL].")
    version = last_change(load_dataset(), "2021-14", "zh").version  # the citation links the version's permanent page
    assert citation.endswith(f"{base_url}/reforms/2021-14/v{version}/.")


def test_copy_buttons_show_only_where_they_can_work(browser, base_url):
    """Without JavaScript a copy button would do nothing, so it is not shown (GOV.UK's progressive enhancement)."""
    for enabled in (True, False):
        context = browser.new_context(java_script_enabled=enabled)
        page = context.new_page()
        page.goto(f"{base_url}/en/reforms/2021-14/")
        buttons = page.locator("button.ftz-copy")
        assert buttons.count() > 2
        assert [buttons.nth(i).is_visible() for i in range(buttons.count())] == [enabled] * buttons.count()
        context.close()


def test_the_access_date_is_the_readers_today(page, base_url):
    # The reader's clock is set to a day that is not the build's (the last commit's), so the date the
    # page was built with cannot pass for the one site.js writes.
    page.clock.set_fixed_time("2031-03-09T10:00:00")
    url = f"{base_url}/en/reforms/2021-14/"
    built = re.search(r'<time class="ftz-accessed" datetime="([^"]+)">([^<]+)</time>', page.request.get(url).text())
    assert built and built[1] != "2031-03-09" and built[2] != "9 March 2031"  # the page as built says another day
    page.goto(url)
    accessed = page.locator("time.ftz-accessed")
    assert accessed.inner_text() == "9 March 2031" and accessed.get_attribute("datetime") == "2031-03-09"


def test_a_measure_link_scrolls_to_and_highlights_the_measure(page, base_url):
    page.goto(f"{base_url}/en/reforms/2021-21/#measure-4")
    measure = page.locator("#measure-4")
    assert 0 <= measure.bounding_box()["y"] < 200
    assert measure.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(254, 243, 199)"
    assert page.locator("#measure-3").evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
