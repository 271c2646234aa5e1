"""The responsibility matrix in Chromium: it fits at 1280 px, its header row and body column stay in view, and a phone gets a list per body."""

from __future__ import annotations

import pytest

from ftzsite.data.load import load_dataset
from test_site import LANG_ROOT

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

DATA = load_dataset()
ITEM = {"zh": "第{n}项：{name}", "en": "Item {n}: {name}"}


def shown_text(locator) -> list[str]:
    """The visible text of each element: its own text, without the words for screen readers."""
    return locator.evaluate_all("els => els.map(e => [...e.querySelectorAll('[aria-hidden=true]')].map(n => n.textContent).join('').trim())")


def open_matrix(browser, base_url, lang, width, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(f"{base_url}/{LANG_ROOT[lang]}matrix/")
    return context, tab


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_all_items_fit_at_1280_px_and_name_themselves(browser, base_url, lang):
    context, tab = open_matrix(browser, base_url, lang, 1280)
    try:
        scroll = tab.locator(".ftz-matrix-scroll")
        width, client = scroll.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert width <= client
        box = scroll.bounding_box()
        headers = tab.locator(".ftz-matrix-table thead th a")
        assert headers.count() == len(DATA.items)
        for index, item in enumerate(DATA.items):
            header = headers.nth(index)
            cell = header.bounding_box()
            assert box["x"] <= cell["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"] <= 1280
            assert shown_text(header) == [str(item.number)]  # the number shows ...
            name = ITEM[lang].format(n=item.number, name=getattr(item.name, lang))
            assert tab.get_by_role("link", name=name, exact=True).first.evaluate("e => e.closest('th') !== null")  # ... and it names the item
        # On focus (and hover) the item's name shows in a tooltip.
        headers.nth(4).focus()
        tab.wait_for_function("() => document.activeElement.hasAttribute('aria-describedby')")
        tip = tab.locator(f"#{headers.nth(4).get_attribute('aria-describedby')}")
        tip.wait_for(state="visible")
        assert getattr(DATA.items[4].name, lang) in tip.inner_text()
        assert tab.locator(".ftz-matrix-list").is_hidden()
    finally:
        context.close()


def test_header_row_and_body_column_stay_in_place(browser, base_url):
    context, tab = open_matrix(browser, base_url, "en", 730, 480)  # too small for the whole table
    try:
        scroll = tab.locator(".ftz-matrix-scroll")
        scroll.scroll_into_view_if_needed()
        top, left = scroll.evaluate("e => [e.scrollHeight > e.clientHeight, e.scrollWidth > e.clientWidth]")
        assert top and left
        header, body, cell = (tab.locator(f".ftz-matrix-table {part}").nth(n) for part, n in (("thead th", 5), ("tbody th", 10), ("tbody td", 30)))
        before = [header.bounding_box(), body.bounding_box(), cell.bounding_box()]
        down, right = scroll.evaluate("e => { e.scrollTop = 120; e.scrollLeft = 40; return [e.scrollTop, e.scrollLeft]; }")
        assert down == 120 and right == 40
        after = [header.bounding_box(), body.bounding_box(), cell.bounding_box()]
        top = scroll.evaluate("e => e.getBoundingClientRect().top + e.clientTop")
        assert after[0]["y"] == pytest.approx(top, abs=1) and after[0]["x"] == pytest.approx(before[0]["x"] - right, abs=1)  # header row at the top
        assert after[1]["x"] == pytest.approx(before[1]["x"], abs=1) and after[1]["y"] == pytest.approx(before[1]["y"] - down, abs=1)
        assert after[2]["x"] == pytest.approx(before[2]["x"] - right, abs=1) and after[2]["y"] == pytest.approx(before[2]["y"] - down, abs=1)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_gets_a_list_per_body(browser, base_url, lang):
    context, tab = open_matrix(browser, base_url, lang, 390)
    try:
        assert tab.locator(".ftz-matrix").is_hidden()
        entries = tab.locator(".ftz-matrix-list > ul > li")
        assert entries.count() == len(DATA.agencies)
        for index, agency in enumerate(DATA.agencies.values()):
            entry = entries.nth(index)
            assert entry.locator(".ftz-matrix-list-body").inner_text() == getattr(agency.short, lang)
            items = DATA.items_of_agency(agency.slug)
            lead = [str(i.number) for i in items if i.agencies[0] == agency.slug]
            co = [str(i.number) for i in items if i.agencies[0] != agency.slug]
            assert shown_text(entry.locator(".ftz-lead-group > a")) == lead
            assert shown_text(entry.locator(".ftz-co-group > a")) == co
        # Readable: nothing wider than the screen.
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
