"""Search in the browser: every query of the query set finds its items, best match first, in its own language."""

from __future__ import annotations

import pytest

from search_queries import query_set
from search_runner import open_search, run_queries

pytestmark = pytest.mark.browser
QUERIES = query_set()


def test_the_query_set_is_large_enough():
    assert sum(q.lang == "zh" for q in QUERIES) >= 60
    assert sum(q.lang == "en" for q in QUERIES) >= 30


@pytest.fixture(scope="module")
def outcomes(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    results = run_queries(page, base_url, QUERIES)
    context.close()
    assert errors == []
    return results


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_query_finds_all_its_items_in_the_first_ten(outcomes, lang):
    failures = [(o.query.text, o.missing) for o in outcomes if o.query.lang == lang and o.missing]
    assert failures == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_item_named_by_the_query_comes_first(outcomes, lang):
    failures = [(o.query.text, o.items[:3], o.query.first) for o in outcomes if o.query.lang == lang and o.best_first is False]
    assert failures == []


def test_results_never_mix_languages(outcomes):
    assert [(o.query.text, o.foreign[:2]) for o in outcomes if o.foreign] == []


def test_a_query_that_matches_nothing_says_so(page, base_url):
    open_search(page, base_url, "en")
    outcome = run_queries(page, base_url, [type(QUERIES[0])("en", "zzzxq", ())])[0]
    assert outcome.pages == []
    assert "No matching documents" in page.locator(".md-search-result__meta").inner_text()


def test_matches_are_highlighted_in_results_and_on_the_page(page, base_url):
    open_search(page, base_url, "zh")
    box = page.locator("input.md-search__input")
    box.fill("海关")
    box.press("End")
    first = page.locator(".md-search-result__item").first
    first.locator("mark").first.wait_for()
    assert set(first.locator("mark").all_inner_texts()) == {"海关"}
    first.locator("a.md-search-result__link").first.click()
    page.wait_for_url("**?h=*")
    marks = page.locator("article mark").all_inner_texts()
    assert marks and set(marks) == {"海关"}
    assert page.problems == []
