"""What readers tripped on (reviews/2026-11-30-reader-tasks.md), in Chromium.

- The language switch keeps the list's filters (?agency=…) and the measure anchor (#measure-3).
- At 390 px, no table of the home, area and body pages is wider than its container.
"""

from __future__ import annotations

import pytest

from ftzsite.data.load import load_dataset


def _switch_language(page) -> None:
    page.locator(".md-header__option .md-select button").hover()
    link = page.locator(f"a.md-select__link[hreflang='{'zh' if '/en/' in page.url else 'en'}']")
    link.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("start", ["/reforms/?agency=tianjin-customs&topic=parallel-imported-vehicles", "/en/reforms/?agency=tianjin-customs"])
def test_the_language_switch_keeps_the_filters(page, base_url, start):
    page.goto(base_url + start)
    page.wait_for_load_state("load")
    query = start.partition("?")[2]
    _switch_language(page)
    assert page.url.endswith("?" + query), page.url
    assert ("/en/" in page.url) != ("/en/" in start)
    page.wait_for_selector("tbody tr:not([hidden])")
    assert page.locator("tbody tr:not([hidden])").count() < len(load_dataset().items)  # the filter holds in the other language too


@pytest.mark.parametrize("start", ["/reforms/2021-14/#measure-3", "/en/reforms/2021-14/#measure-3"])
def test_the_language_switch_keeps_the_measure_anchor(page, base_url, start):
    page.goto(base_url + start)
    page.wait_for_load_state("load")
    _switch_language(page)
    assert page.url.endswith("/reforms/2021-14/#measure-3"), page.url
    assert ("/en/" in page.url) != ("/en/" in start)


PHONE_PAGES = ["/", "/en/", "/zones/dongjiang/", "/en/zones/airport/", "/zones/ftz-wide/", "/agencies/", "/en/agencies/",
               "/agencies/tianjin-customs/", "/en/agencies/pbc-tianjin/", "/topics/customs-clearance/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_table_is_cut_off_on_a_390_px_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    # Each visible table against the article's box: the theme wraps tables in scrolling boxes with negative
    # margins, so a table can fill its own wrapper and still stick out of the page's text column.
    tables = page.evaluate("""() => {
        const article = document.querySelector('article').getBoundingClientRect();
        return [...document.querySelectorAll('article table')]
          .filter((table) => table.offsetParent !== null && !table.closest('.ftz-matrix-scroll'))
          .map((table) => {
            const box = table.getBoundingClientRect();
            const outer = table.closest('.md-typeset__scrollwrap');
            return {left: box.left, right: box.right, from: article.left, to: article.right,
                    scrolls: outer ? outer.scrollWidth - outer.clientWidth : 0};
          });
    }""")
    context.close()
    assert tables, f"no visible table on {path}: the check would pass vacuously"
    for table in tables:
        assert table["left"] >= table["from"] - 1 and table["right"] <= table["to"] + 1 and table["scrolls"] <= 1, (path, table)
