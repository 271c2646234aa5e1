"""An item page's first load, measured in Chromium: the same at 24 and 240 items, under 75 KB gzip,
and nothing fetched from search/ but the small index until the reader types.

240 items, not 2,400: with every item's versions and change views, 2,400 items are a 26,000-page build
(about seven minutes here); scripts/bench.py --first-load measures 2,400 (README, Performance)."""

from __future__ import annotations

import pytest

from bench import build_synthetic, first_load

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # and a 2,400-item build
LIMIT_KB = 75
LARGE = 240


@pytest.fixture(scope="module")
def loads(site, browser, tmp_path_factory):
    """First loads of the item page 2021-05 in both languages: the real site (24 items) and a synthetic one of LARGE."""
    large = build_synthetic(LARGE, tmp_path_factory.mktemp("bench") / "project")
    return {(size, lang): first_load(folder, f"{prefix}reforms/2021-05/", query, browser)
            for size, folder in ((24, site), (LARGE, large))
            for lang, prefix, query in (("zh", "", "海关"), ("en", "en/", "customs"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_first_load_does_not_grow_with_the_data(loads, lang):
    small, large = loads[24, lang], loads[LARGE, lang]
    assert sorted(small["requests"]) == sorted(large["requests"])  # the same files, whatever order the network gives
    assert small["gzip_bytes"] / 1024 < LIMIT_KB
    assert abs(large["gzip_bytes"] - small["gzip_bytes"]) <= 0.01 * small["gzip_bytes"]


@pytest.mark.parametrize("size", [24, LARGE])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_entries_are_fetched_when_the_reader_types(loads, size, lang):
    folder = "/search/" if lang == "zh" else "/en/search/"
    load = loads[size, lang]
    assert [p for p in load["requests"] if "/search/" in p or "search-engine" in p] == [f"{folder}search_index.json"]
    # The same watch sees the search and its index once a word is typed.
    assert {"/assets/javascripts/search-engine.js", f"{folder}index/meta.json"} <= set(load["after_typing"])
