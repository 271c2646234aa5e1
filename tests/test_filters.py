"""Filters of the list: facets, free text, sorting and the URL (built HTML, then Chromium).

Every expectation comes from the dataset: which items an area, body, topic or
text selects is computed here from `load_dataset()`, never typed by hand.
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup

import engine
from conftest import page_table
from ftzsite.data.load import load_dataset
from ftzsite.pages.labels import labels
from test_site import LANG_ROOT, page, text

DATA = load_dataset()
LANGS = ("zh", "en")
L = {key: value for key, value in labels().items() if isinstance(value, dict) and "zh" in value}
FACETS = ("zone", "agency", "topic")
ALL = tuple(item.number for item in DATA.items)


# ---------------------------------------------------------------- what the filter must find
# Words: what the search's engine finds, run in Node over the filter's data (tests/engine.py). The rules
# are not written out again here; tests/test_search_contract.py shows that the filter and the search
# find the same items for the whole query set, and every item the query set's own oracle expects.
_FOUND: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}


def words_found(query: str, lang: str) -> set[str]:
    """Ids of the items whose text holds the words of a query, as the filter must find them."""
    known = _FOUND[lang]
    if query not in known:
        known.update(engine.run("filter", lang, [*text_queries(lang), query]))
    return set(known[query])


def facets_of(item) -> dict[str, list[str]]:
    return {"zone": item.zones or ["ftz-wide"], "agency": item.agencies, "topic": item.topics}


def expected(state: dict, lang: str) -> list[int]:
    """Numbers of the items a state selects: any value of a facet, every facet, every word."""
    words = words_found(state.get("q", ""), lang)
    return [item.number for item in DATA.items
            if all(not state.get(f) or set(state[f]) & set(facets_of(item)[f]) for f in FACETS)
            and item.id in words]


def as_query(state: dict) -> str:
    pairs = [(f, v) for f in FACETS for v in state.get(f, [])] + ([("q", state["q"])] if state.get("q") else [])
    return "?" + urlencode(pairs) if pairs else ""


def facet_states() -> list[dict]:
    """Every area (and FTZ-wide), body and topic alone; every area with every topic; either of two values; three facets."""
    zones = [*DATA.zones, "ftz-wide"]
    agencies, topics = list(DATA.agencies), list(DATA.topics)
    states = [{"zone": [z]} for z in zones] + [{"agency": [a]} for a in agencies] + [{"topic": [t]} for t in topics]
    states += [{"zone": [z], "topic": [t]} for z in zones for t in topics]
    states += [{"zone": [a, b]} for i, a in enumerate(zones) for b in zones[i + 1:]]
    states += [{"agency": [a, b]} for a, b in zip(agencies, agencies[1:])]
    states += [{"zone": [z], "agency": [a], "topic": [t]} for z in zones for a in agencies[:8] for t in topics[:3]]
    return states


def text_queries(lang: str) -> list[str]:
    """Texts a reader types: parts of item names and measures, body names, two words, from the data."""
    queries = []
    for item in DATA.items:
        name = getattr(item.name, lang)
        if lang == "zh":
            content = [p.zh for p in item.intro] + [m.text.zh for m in item.measures]
            queries += [name[:3], name[-4:-1], content[0][4:7]]
        else:
            words = [w for w in re.findall(r"[A-Za-z]+", name) if len(w) > 4]
            queries += [words[0][:4].lower(), words[-1].capitalize()]
    queries += [getattr(a.short, lang) for a in DATA.agencies.values()]
    if lang == "en":
        queries += [a.name.zh for a in list(DATA.agencies.values())[:5]]  # English pages show the Chinese names too
        queries += ["customs port", "CUSTOMS", "ｃｕｓｔｏｍｓ", "ustoms", "tax-treasury", "nothing-like-this"]
    else:
        queries += ["海关 东疆", "保税 维修", "ＡＯＧ", "关海"]
    return list(dict.fromkeys(queries))


def test_the_expectations_can_tell_items_apart():
    # Not trivially true: the states and texts select different, non-empty, non-total sets.
    for lang in LANGS:
        results = {tuple(expected(s, lang)) for s in facet_states()} | {tuple(expected({"q": q}, lang)) for q in text_queries(lang)}
        assert len(results) > 40
        assert () in results and ALL not in results - {tuple(expected({}, lang))}
    assert expected({"q": "ustoms"}, "en") == [] and expected({"q": "custom"}, "en")  # word prefix, not substring
    assert expected({"q": "海关"}, "zh") != [] and expected({"q": "关海"}, "zh") == []


# ---------------------------------------------------------------- built HTML
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_list_shows_every_item(site, lang):
    soup = page(site, lang, "reforms")
    assert soup.select_one("form.ftz-filter-form").has_attr("hidden")  # shown by the script only
    rows = soup.select(".ftz-filter table tbody tr")
    assert [row.td.get_text() for row in rows] == [str(i.number) for i in DATA.items]
    assert not [row for row in rows if row.has_attr("hidden")]
    for row, item in zip(rows, DATA.items):
        assert {f: row[f"data-{f}"].split() for f in FACETS} == facets_of(item)


def test_search_finds_the_items_not_the_list_of_choices(site):
    # The controls name every area, body and topic: the list page must not turn up in searches for them.
    for folder in ("search", "en/search"):
        index = site / folder / "index"
        page_id = [location for location, _ in page_table(index)].index("reforms/")
        fields = json.loads((index / f"f/{page_id}.json").read_text(encoding="utf-8"))
        text_of_list = " ".join(title + " " + text for _, _, title, text in fields)
        names = [n for a in DATA.agencies.values() for n in (a.short.zh, a.short.en)] + [n for t in DATA.topics.values() for n in (t.name.zh, t.name.en)]
        assert [n for n in names if n in text_of_list] == []


def test_the_list_stays_light(site):
    # The filter's data (the search's item fields, rules and alias table, so that it matches as the
    # search does, offline too) costs ~10 KB compressed per language, the list's JSON-LD for machines
    # ~1.5 KB; the page must stay far below a heavy page.
    for lang in LANGS:
        html = (site / LANG_ROOT[lang] / "reforms/index.html").read_bytes()
        assert len(gzip.compress(html, 9)) < 26_000, lang


@pytest.mark.parametrize("lang", LANGS)
def test_area_body_and_topic_pages_link_to_the_filtered_list(site, lang):
    pages = [(f"zones/{z}", f"zone={z}") for z in [*DATA.zones, "ftz-wide"]] + [(f"agencies/{a}", f"agency={a}") for a in DATA.agencies] \
        + [(f"topics/{t}", f"topic={t}") for t in DATA.topics]
    for route, query in pages:
        link = page(site, lang, route).select_one(".ftz-filter-link a")
        assert link["href"] == f"../../reforms/?{query}", route
        assert text(link) == L["filter_list"][lang]


# ---------------------------------------------------------------- in Chromium
playwright = pytest.importorskip("playwright.sync_api")
browser_test = pytest.mark.browser


@pytest.fixture(scope="module")
def tab(browser, base_url):
    """One tab for many states: the state changes through the URL (popstate) or the controls, not by reloading."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    yield tab
    context.close()


def open_list(tab, base_url, lang, query=""):
    tab.goto(f"{base_url}/{LANG_ROOT[lang]}reforms/{query}")
    tab.wait_for_selector("form.ftz-filter-form:not([hidden])")


def visit(tab, query: str) -> None:
    """Go to another state of the list as back/forward does: a history entry, then popstate."""
    tab.evaluate("q => { history.pushState(null, '', location.pathname + q); dispatchEvent(new PopStateEvent('popstate')); }", query)


def shown(tab) -> list[int]:
    """Numbers of the rows a reader sees (laid out, whatever hides the others)."""
    return tab.evaluate("""() => [...document.querySelectorAll('.ftz-filter tbody tr')]
        .filter(row => row.getClientRects().length).map(row => Number(row.cells[0].textContent))""")


def controls(tab) -> dict:
    state = tab.evaluate("""() => {
        const form = document.querySelector('.ftz-filter-form'), state = {q: form.elements.q.value};
        for (const box of form.querySelectorAll('input[type=checkbox]:checked')) (state[box.name] = state[box.name] || []).push(box.value);
        return state; }""")
    return {key: value for key, value in state.items() if value}


def url_state(tab) -> dict:
    state: dict = {}
    for key, value in parse_qsl(urlsplit(tab.url).query):
        state.setdefault(key, []).append(value)
    return {key: (values[0] if key == "q" else values) for key, values in state.items()}


def count_text(lang: str, numbers: list[int], filtered: bool) -> str:
    template = L["filter_count"][lang] if filtered else L["filter_count_all"][lang]
    return template.format(shown=len(numbers), total=len(DATA.items))


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_every_facet_alone_and_combined(tab, base_url, lang):
    open_list(tab, base_url, lang)
    assert shown(tab) == list(ALL)
    for state in facet_states():
        visit(tab, as_query(state))
        numbers = expected(state, lang)
        assert shown(tab) == numbers, state
        assert controls(tab) == state  # the controls follow the URL
        assert tab.locator(".ftz-filter-count").inner_text() == count_text(lang, numbers, True)
        assert tab.locator(".ftz-filter-empty").is_visible() == (not numbers)
    assert tab.problems == []


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_free_text_finds_what_a_reader_sees(tab, base_url, lang):
    open_list(tab, base_url, lang)
    queries = text_queries(lang)
    for q in queries:
        visit(tab, as_query({"q": q}))
        assert shown(tab) == expected({"q": q}, lang), q
    # Text and facets together.
    for q in queries[::7]:
        for zone in [*DATA.zones, "ftz-wide"]:
            state = {"zone": [zone], "q": q}
            visit(tab, as_query(state))
            assert shown(tab) == expected(state, lang), state
    assert tab.problems == []


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_controls_write_the_url_and_back_and_forward_restore_it(tab, base_url, lang):
    open_list(tab, base_url, lang)
    zone, topic, body = "dongjiang", "customs-clearance", "tianjin-customs"
    tab.click("button.ftz-facet[data-facet=zone]")
    tab.check(f"#ftz-facet-zone input[value={zone}]")
    tab.click("button.ftz-facet[data-facet=topic]")
    assert tab.locator("#ftz-facet-zone").is_hidden()  # one facet open at a time
    tab.check(f"#ftz-facet-topic input[value={topic}]")
    one = {"zone": [zone], "topic": [topic]}
    assert url_state(tab) == one and shown(tab) == expected(one, lang)
    tab.keyboard.press("Escape")
    assert tab.locator("#ftz-facet-topic").is_hidden()
    assert tab.evaluate("document.activeElement.dataset.facet") == "topic"  # focus back on its button
    word = DATA.agencies[body].short.zh if lang == "zh" else "customs"
    tab.fill("#ftz-filter-q", word)
    tab.press("#ftz-filter-q", "End")
    two = {**one, "q": word}
    assert url_state(tab) == two and shown(tab) == expected(two, lang)
    assert tab.evaluate("document.activeElement.id") == "ftz-filter-q"  # focus kept while the table updates
    tab.click("button.ftz-facet[data-facet=agency]")
    tab.check(f"#ftz-facet-agency input[value={body}]")
    three = {**two, "agency": [body]}
    assert url_state(tab) == three and shown(tab) == expected(three, lang)
    for state in (two, one, {"zone": [zone]}, {}):  # one history entry per change
        tab.go_back()
        assert url_state(tab) == state and controls(tab) == state and shown(tab) == expected(state, lang)
    for _ in range(3):
        tab.go_forward()
    assert url_state(tab) == two and controls(tab) == two and shown(tab) == expected(two, lang)
    # The same URL opened afresh gives the same controls and rows.
    tab.reload()
    assert controls(tab) == two and shown(tab) == expected(two, lang)
    assert tab.problems == []


@browser_test
@pytest.mark.parametrize("lang, q, numbers", [
    ("zh", "人行", [14, 16]),              # an alias of the People's Bank of China, through the bodies it stands for
    ("en", "item 14", [14]),               # a reference
    ("zh", "第14项第3条", [14]),
    ("en", "PBOC", [14, 16]),
])
def test_the_list_finds_what_the_search_finds_by_name_and_reference(tab, base_url, lang, q, numbers):
    # The page's own wiring (the engine over the page's JSON block), in Chromium; the Node tests
    # compare the same matching with the search over the whole query set.
    open_list(tab, base_url, lang, as_query({"q": q}))
    assert shown(tab) == numbers == expected({"q": q}, lang)
    assert tab.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_url_opens_the_same_view_and_not_the_theme_search(tab, base_url, lang):
    item = DATA.items[5]
    q = item.name.zh[:4] if lang == "zh" else item.name.en.split()[0]
    state = {"zone": list(facets_of(item)["zone"]), "agency": [item.agencies[0], item.agencies[-1]], "q": q}
    open_list(tab, base_url, lang, as_query(state))
    assert controls(tab) == state and shown(tab) == expected(state, lang) and item.number in shown(tab)
    # The theme reads ?q= as a search: its search box stays closed and q stays in the URL.
    assert not tab.locator("[data-md-toggle=search]").is_checked()
    assert url_state(tab) == state
    tab.click(".md-search__input")  # open the theme's search and close it again
    tab.wait_for_function("document.querySelector('[data-md-toggle=search]').checked")
    tab.keyboard.press("Escape")
    tab.wait_for_function("!document.querySelector('[data-md-toggle=search]').checked")
    assert url_state(tab) == state
    assert tab.problems == []


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_chips_show_the_choices_and_remove_them(tab, base_url, lang):
    state = {"zone": ["airport", "cbd"], "topic": ["finance"]}
    open_list(tab, base_url, lang, as_query(state))
    names = [DATA.zones["airport"].name, DATA.zones["cbd"].name, DATA.topics["finance"].name]
    assert [text(BeautifulSoup(h, "html.parser")) for h in tab.locator(".ftz-filter-chip").evaluate_all("bs => bs.map(b => b.lastElementChild.previousElementSibling.outerHTML)")] \
        == [getattr(n, lang) for n in names]
    tab.locator(".ftz-filter-chip").first.click()
    after = {"zone": ["cbd"], "topic": ["finance"]}
    assert url_state(tab) == after and shown(tab) == expected(after, lang)
    assert tab.evaluate("document.activeElement.classList.contains('ftz-filter-chip')")  # focus stays on a chip
    tab.click(".ftz-filter-clear")
    assert url_state(tab) == {} and shown(tab) == list(ALL)
    assert tab.evaluate("document.activeElement.id") == "ftz-filter-q"
    assert tab.locator(".ftz-filter-count").inner_text() == count_text(lang, list(ALL), False)


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_matching_items_show_as_cards(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        open_list(tab, base_url, lang)
        for state in facet_states()[::9] + [{"q": q} for q in text_queries(lang)[::9]]:
            visit(tab, as_query(state))
            assert shown(tab) == expected(state, lang), state
        labels = tab.locator(".ftz-filter tbody tr:not([hidden]) td[data-label]").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert set(labels) == {f'"{L[k][lang]}{L["colon"][lang]}"' for k in ("areas", "agencies")} or not labels
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways
    finally:
        context.close()


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_columns_sort_both_ways_and_say_so(tab, base_url, lang):
    state = {"zone": ["airport", "dongjiang"]}
    open_list(tab, base_url, lang, as_query(state))
    numbers = expected(state, lang)
    headers = tab.locator(".ftz-filter thead th")
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    headers.nth(1).locator("button").click()
    names = [getattr(DATA.items[n - 1].name, lang) for n in numbers]
    ordered = tab.evaluate("([names, lang]) => names.slice().sort(new Intl.Collator(lang, {numeric: true}).compare)", [names, lang])
    assert [getattr(DATA.items[n - 1].name, lang) for n in shown(tab)] == ordered  # hidden rows stay hidden
    assert headers.nth(1).get_attribute("aria-sort") == "ascending" and headers.nth(0).get_attribute("aria-sort") is None
    headers.nth(1).locator("button").click()
    assert [getattr(DATA.items[n - 1].name, lang) for n in shown(tab)] == ordered[::-1]
    assert headers.nth(1).get_attribute("aria-sort") == "descending"
    headers.nth(0).locator("button").click()
    headers.nth(0).locator("button").click()
    assert shown(tab) == numbers[::-1] and headers.nth(0).get_attribute("aria-sort") == "descending"
    visit(tab, "")
    assert shown(tab) == list(reversed(ALL))  # a new filter keeps the order
    assert tab.get_by_role("button", name=L["name"][lang]).count() == 1  # sort buttons are named by their column


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_item_shows_and_no_control(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{base_url}/{LANG_ROOT[lang]}reforms/?zone=dongjiang&q=x")
        assert shown(tab) == list(ALL)
        assert tab.locator("form.ftz-filter-form").is_hidden()
        assert tab.locator(".ftz-filter thead button").count() == 0
    finally:
        context.close()


@browser_test
def test_filters_work_in_a_copy_opened_from_a_file(browser, site):
    context = browser.new_context()
    try:
        tab = context.new_page()
        for lang in LANGS:
            state = {"zone": ["dongjiang"], "q": "海关" if lang == "zh" else "customs"}
            tab.goto((site / LANG_ROOT[lang] / "reforms/index.html").as_uri() + as_query(state))
            assert shown(tab) == expected(state, lang)
            tab.click("button.ftz-facet[data-facet=topic]")
            tab.check("#ftz-facet-topic input[value=finance]")
            assert shown(tab) == expected({**state, "topic": ["finance"]}, lang)
    finally:
        context.close()


@browser_test
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_no_accessibility_violations_while_filtering(browser, base_url, lang, width):
    from test_browser import axe_violations

    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        open_list(tab, base_url, lang, "?zone=dongjiang&topic=customs-clearance&q=" + ("海关" if lang == "zh" else "customs"))
        tab.click("button.ftz-facet[data-facet=agency]")
        assert tab.locator("#ftz-facet-agency").is_visible()
        assert axe_violations(tab) == []
        visit(tab, "?q=nothing-like-this")  # the empty result too
        assert tab.locator(".ftz-filter-empty").is_visible()
        assert axe_violations(tab) == []
    finally:
        context.close()
