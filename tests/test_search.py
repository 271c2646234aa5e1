"""Search in the browser: every query of the query set finds all its items, the most relevant first, in its own language."""

from __future__ import annotations

import json

import pytest

from search_queries import Query, query_set
from search_runner import open_search, run_queries


pytestmark = pytest.mark.browser
QUERIES = query_set()


def test_the_query_set_keeps_the_hard_queries():
    for lang in ("zh", "en"):
        mine = [q for q in QUERIES if q.lang == lang]
        assert {q.kind for q in mine} == {"text", "alias", "reference"}
        assert len(mine) >= 300
        assert max(len(q.items) for q in mine) >= 19  # common words, where ranking matters, stay in
    texts = {(q.lang, q.text) for q in QUERIES}
    assert {("zh", "海关"), ("zh", "审批"), ("zh", "人行"), ("zh", "央行"), ("en", "PBOC"), ("en", "NFRA"), ("zh", "环评"), ("en", "EIA"),
            ("zh", "市场监管局"), ("zh", "人民银行天津市分行"), ("zh", "天津港"), ("en", "measure 3"), ("zh", "第14项第3条")} <= texts


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
def test_every_query_finds_all_its_items_over_all_results(outcomes, lang):
    failures = [(o.query.kind, o.query.text, o.missing[:4]) for o in outcomes if o.query.lang == lang and o.missing]
    assert failures == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_most_relevant_item_comes_first(outcomes, lang):
    failures = [(o.query.text, o.items[:3], o.query.first[:4]) for o in outcomes if o.query.lang == lang and o.best_first is False]
    assert failures == []


def test_results_never_mix_languages(outcomes):
    assert [(o.query.text, o.foreign[:2]) for o in outcomes if o.foreign] == []


def test_a_name_that_is_an_area_only_ranks_after_items_about_it(outcomes):
    # 天津港 names item 4's area (天津港东疆片区); items about the port of Tianjin come first.
    tianjin_port = next(o for o in outcomes if (o.query.lang, o.query.text) == ("zh", "天津港"))
    assert tianjin_port.items.index("2021-04") > min(tianjin_port.items.index(i) for i in tianjin_port.query.first)


def test_a_query_that_matches_nothing_says_so(page, base_url):
    open_search(page, base_url, "en")
    outcome = run_queries(page, base_url, [Query("en", "zzzxq", ())])[0]
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
    page.locator("article mark").first.wait_for()  # the theme marks the page once it has loaded
    marks = page.locator("article mark").all_inner_texts()
    assert marks and set(marks) == {"海关"}
    assert page.problems == []


def test_an_alias_highlights_the_name_it_stands_for(page, base_url):
    open_search(page, base_url, "zh")
    box = page.locator("input.md-search__input")
    box.fill("人行")
    box.press("End")
    page.locator(".md-search-result__item mark").first.wait_for()
    assert "中国人民银行天津分行" in page.locator(".md-search-result__item mark").all_inner_texts()


@pytest.mark.parametrize("path", ["/reforms/2021-05/", "/en/agencies/tianjin-customs/"])
def test_nothing_of_the_index_is_fetched_until_the_reader_types(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base_url}{path}")
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")  # opening the search box is not a search
    page.wait_for_timeout(300)
    assert [url for url in fetched if "/search/" in url and not url.endswith("/search_index.json")] == []
    box = page.locator("input.md-search__input")
    box.fill("海关")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert any("/search/index/" in url for url in fetched)  # and the check above could fail
    context.close()
