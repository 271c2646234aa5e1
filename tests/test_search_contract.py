"""One rule for the search and the list's filter: Python writes it, the browser's code reads it, both find the same items.

Runs the browser's engine in Node (tests/engine.py), no browser: the filter's matching over the
filter's JSON block, and the whole site search over a built site's sharded index.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import engine
from search_queries import query_set

from ftzsite.pages import filters
from ftzsite.pages import search_fields
from ftzsite.data.load import load_dataset
from ftzsite.pages.labels import labels
from ftzsite.pages.search_text import index_atoms, query_atoms, references, runs

QUERIES = query_set()
DATA = load_dataset()
LANGS = ("zh", "en")
ENGINE = Path(__file__).resolve().parents[1] / "docs/assets/javascripts/search-engine.js"


def node(script: str) -> object:
    """Evaluate a script in Node with `w`, the engine, using the build's rules; it prints JSON."""
    code = f"const w = require({json.dumps(str(ENGINE))}); w.useRules({json.dumps(search_fields.contract(), ensure_ascii=False)}); {script}"
    return json.loads(subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True).stdout)


def test_the_browser_cuts_text_as_the_index_does():
    samples = ["天津海关", "People’s Bank of China", "ＡＯＧ（地面紧急支援）", "300余家", "“一制三化”审批改革", "Item 5, measure 3", "e-commerce", "Ⅲ類 ÉTÉ", "İstanbul"]
    script = f"const s = {json.dumps(samples, ensure_ascii=False)};" \
             "console.log(JSON.stringify(s.map(t => [w.runs(t), w.runs(t).map(w.queryAtoms), [...w.indexAtoms(t)].sort()])));"
    python = [[runs(text), [query_atoms(run) for run in runs(text)], sorted(index_atoms(text))] for text in samples]
    assert node(script) == python


def test_the_browser_reads_references_as_the_rules_say():
    samples = ["第14项第3条", "measure 3 of item 14", "第十四项", "Item No. 7", "#measure-12", "第 3 条", "第一百〇二项"]
    script = f"const s = {json.dumps(samples, ensure_ascii=False)};" \
             "console.log(JSON.stringify(s.map(q => w.parse(q, new Map()).filter(c => !c.label).map(c => c.alternatives[0][0][0].atom).sort())))"
    assert node(script) == [sorted(references(q)) for q in samples]
    assert references("第14项第3条") == ["#i14", "#m3"]  # and the comparison is not of two empty lists


def test_the_browser_weighs_and_places_fields_as_the_index_writes_them():
    bits = list(range(search_fields.LAST_BIT + 1))
    weights = node(f"console.log(JSON.stringify({bits}.map(b => [w.weight(b, true), w.weight(b, false), w.best(1 << b, true), w.best(1 << b, false)])))")
    item = [search_fields.ITEM_WEIGHTS.get(b, search_fields.TEXT_WEIGHT) for b in bits]
    other = [search_fields.PAGE_TITLE_WEIGHT if b == 0 else search_fields.PAGE_TEXT_WEIGHT for b in bits]
    assert weights == [[i, o, i, o] for i, o in zip(item, other)]
    # a page's best field is its strongest: bodies + a measure → the measure's weight; name + anything → the name's
    masks = [(1 << search_fields.BODIES) | (1 << (search_fields.MEASURE_BIT + 2)), (1 << search_fields.NAME) | (1 << search_fields.AREAS), (1 << search_fields.AREAS) | (1 << search_fields.TOPICS)]
    best = node(f"console.log(JSON.stringify({masks}.map(m => w.best(m, true))))")
    assert best == [max(item[b] for b in bits if m >> b & 1) for m in masks]
    # the name outweighs everything, then the number, then the text, then bodies, topics, areas
    assert search_fields.ITEM_WEIGHTS[search_fields.NAME] > search_fields.ITEM_WEIGHTS[search_fields.KEYWORDS] > search_fields.TEXT_WEIGHT > search_fields.ITEM_WEIGHTS[search_fields.BODIES] \
        > search_fields.ITEM_WEIGHTS[search_fields.TOPICS] > search_fields.ITEM_WEIGHTS[search_fields.AREAS]


@pytest.mark.parametrize("lang", LANGS)
def test_the_section_anchors_of_the_rules_exist_on_every_item_page(site, lang):
    root = site if lang == "zh" else site / lang
    for item in DATA.items:
        soup = BeautifulSoup((root / f"reforms/{item.id}/index.html").read_text(encoding="utf-8"), "html.parser")
        for anchor in search_fields.SECTIONS.values():
            assert soup.find(id=anchor[1:]), (item.id, anchor)
        for measure in item.measures[-1:]:  # the last measure's anchor (some items have none)
            assert soup.find(id=f"measure-{measure.number}"), (item.id, measure.number)


@pytest.mark.parametrize("lang", LANGS)
def test_the_filter_page_carries_the_rules_the_search_index_has(site, lang):
    root = site if lang == "zh" else site / lang
    meta = json.loads((root / "search/index/meta.json").read_text(encoding="utf-8"))
    soup = BeautifulSoup((root / "reforms/index.html").read_text(encoding="utf-8"), "html.parser")
    block = json.loads(soup.select_one("[data-ftz-filter] script[type='application/json']").string)
    assert block["rules"] == meta["rules"] == json.loads(json.dumps(search_fields.contract()))
    assert block["aliases"] == meta["aliases"]
    assert [item_id for item_id, _ in block["items"]] == [item.id for item in DATA.items]


@pytest.mark.parametrize("lang", LANGS)
def test_the_filter_finds_every_item_the_query_set_expects(lang):
    # The query set's expectations are derived from the data independently of the search code.
    queries = [q for q in QUERIES if q.lang == lang]
    found = engine.run("filter", lang, [q.text for q in queries])
    missing = [(q.text, sorted(set(q.items) - set(found[q.text]))) for q in queries if set(q.items) - set(found[q.text])]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_filter_and_the_search_find_the_same_items(site, lang):
    texts = [q.text for q in QUERIES if q.lang == lang]
    by_filter = engine.run("filter", lang, texts)
    by_search = engine.run("search", lang, texts, site)
    assert sum(len(items) for items in by_search.values()) > len(texts)  # the search found items
    assert [(q, sorted(by_filter[q]), sorted(by_search[q])) for q in texts if sorted(by_filter[q]) != sorted(by_search[q])] == []


def test_the_words_readers_are_told_to_type_find_items():
    cases = {"zh": ["人行", "发改委", "环评", "第14项", "海关"], "en": ["item 14", "PBOC", "EIA", "NFRA", "customs"]}
    hint = labels()["filter_words_hint"]
    for lang in LANGS:
        examples = re.split(r"[、,，]\s*", re.sub(r"^(如：|e\.g\.\s*)", "", hint[lang]))  # 如：海关、保税 / e.g. customs, bonded
        assert len(examples) >= 2, hint[lang]
        found = engine.run("filter", lang, cases[lang] + examples)
        assert all(found[q] and len(found[q]) < len(DATA.items) for q in found), found
    assert sorted(engine.run("filter", "zh", ["人行"])["人行"]) == ["2021-14", "2021-16"]
    assert engine.run("filter", "en", ["item 14"])["item 14"] == ["2021-14"]
    assert engine.run("filter", "zh", ["关海 不存在的词"])["关海 不存在的词"] == []  # and a query can find nothing


def test_the_filter_block_is_the_search_s_item_fields():
    block = filters.filter_data(DATA, "en")
    pages = search_fields.item_pages(DATA, "en")
    assert [[f[0], f[1]] for f in block["items"][0][1]] == [[f.bit, f.text] for f in pages[0].fields]
