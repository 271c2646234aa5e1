"""An item page's first load, measured in Chromium: the same at 24 and 2,400 items, under 75 KB gzip,
and nothing fetched from search/ but the small index until the reader types."""

from __future__ import annotations

import pytest

from bench import build_synthetic, first_load

pytestmark = pytest.mark.browser
LIMIT_KB = 75


@pytest.fixture(scope="module")
def loads(site, browser, tmp_path_factory):
    """First loads of the item page 2021-05 in both languages: the real site (24 items) and a synthetic one of 2,400."""
    large = build_synthetic(2400, tmp_path_factory.mktemp("bench") / "project")
    return {(size, lang): first_load(folder, f"{prefix}reforms/2021-05/", query, browser)
            for size, folder in ((24, site), (2400, large))
            for lang, prefix, query in (("zh", "", "海关"), ("en", "en/", "customs"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_first_load_does_not_grow_with_the_data(loads, lang):
    small, large = loads[24, lang], loads[2400, lang]
    assert sorted(small["requests"]) == sorted(large["requests"])  # the same files, whatever order the network gives
    assert small["gzip_bytes"] / 1024 < LIMIT_KB
    assert abs(large["gzip_bytes"] - small["gzip_bytes"]) <= 0.01 * small["gzip_bytes"]


@pytest.mark.parametrize("size", [24, 2400])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_entries_are_fetched_when_the_reader_types(loads, size, lang):
    folder = "/search/" if lang == "zh" else "/en/search/"
    load = loads[size, lang]
    assert [p for p in load["requests"] if "/search/" in p or "search-engine" in p] == [f"{folder}search_index.json"]
    # The same watch sees the search and its index once a word is typed.
    assert {"/assets/javascripts/search-engine.js", f"{folder}index/meta.json"} <= set(load["after_typing"])
