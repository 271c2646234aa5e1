"""Names say what they are (issue 17): body pages, area pages, item pages and search.

- "Also known as" on a body page holds only names of that body: never another body's name,
  nor the name of a parent, former or successor body (of any body).
- Every body and area page shows where its English name comes from and how sure it is.
- No page calls a name official unless its origin is official (and its confidence high).
- An item page marks a body reorganised since 2021, linking to the note.
- A search reached through a parent body's name says why (via …).
"""

from __future__ import annotations

import re

import pytest

from ftzsite.data import names
from ftzsite.data.load import load_dataset
from ftzsite.pages.labels import labels
from search_runner import open_search, search_for
from test_site import page

DATA = load_dataset()
L = labels()
OFFICIAL = re.compile(r"official|官方", re.I)


def _not_this_body(slug: str) -> set[str]:
    """Every name that is not a name of the body `slug`: other bodies' names and aliases, and every relation's names."""
    found = set()
    for agency in DATA.agencies.values():
        found |= {n.text for n in names.related_names(agency)}
        if agency.slug != slug:
            found |= set(names.own_names(agency)) | set(agency.aliases.zh + agency.aliases.en)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_also_known_as_names_the_same_body_only(site, lang):
    checked = 0
    for agency in DATA.agencies.values():
        shown = {span.get_text() for span in page(site, lang, f"agencies/{agency.slug}").select(".ftz-aliases span")}
        assert not shown & _not_this_body(agency.slug), (agency.slug, shown & _not_this_body(agency.slug))
        checked += len(shown)
    assert checked > 40  # the check looked at names, so it could fail


def test_the_check_of_also_known_as_can_fail():
    pbc = DATA.agencies["pbc-tianjin"]
    assert "人行" in _not_this_body("pbc-tianjin") and "人行" in {n.text for n in names.related_names(pbc)}
    assert "天津海关" in _not_this_body("pbc-tianjin")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_relations_are_shown_with_their_own_labels(site, lang):
    pbc = page(site, lang, "agencies/pbc-tianjin")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in pbc.select("dl.ftz-facts dt")}
    parent = DATA.agencies["pbc-tianjin"].part_of
    expected = L["part_of_relations"]["branch"][lang].format(name=getattr(parent.name, lang) + (f" ({parent.name.zh})" if lang == "en" else ""))
    assert facts[L["part_of"][lang]] == expected
    assert DATA.agencies["pbc-tianjin"].successor_body.name.zh in facts[L["successor_body"][lang]]
    cbirc = page(site, lang, "agencies/cbirc-tianjin")
    former = cbirc.select_one(".ftz-former").get_text()
    assert "中国银行业监督管理委员会天津监管局" in former and "中国保险监督管理委员会天津监管局" in former


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_body_and_area_page_shows_the_source_and_confidence_of_its_english_name(site, lang):
    entries = [(f"agencies/{a.slug}", a) for a in DATA.agencies.values()] + [(f"zones/{z.slug}", z) for z in DATA.zones.values()]
    for route, entry in entries:
        html = page(site, lang, route)
        origin, confidence = html.select_one(".ftz-origin"), html.select_one(".ftz-confidence")
        assert origin["data-origin"] == entry.name_origin and origin.get_text() == L["name_origins"][entry.name_origin][lang], route
        assert confidence["data-confidence"] == entry.name_confidence and confidence.get_text() == L["confidences"][entry.name_confidence][lang], route
        assert html.select_one(".ftz-name-source").get_text() == entry.name_source, route


def test_a_rendered_name_is_said_to_be_this_site_s():
    for lang in ("zh", "en"):
        assert re.search(r"本站译名|this site's rendering", L["name_origins"]["rendered"][lang], re.I)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_calls_a_name_official_unless_its_source_is(site, lang):
    entries = [(f"agencies/{a.slug}", a) for a in DATA.agencies.values()] + [(f"zones/{z.slug}", z) for z in DATA.zones.values()]
    called_official = 0
    for route, entry in entries:
        html = page(site, lang, route)
        claims = [tag.get_text() for tag in html.select("article dt, article dd.ftz-origin, article th, article h1, article h2")]
        if entry.name_origin == "official":
            assert entry.name_confidence == "high"
            called_official += any(OFFICIAL.search(text) for text in claims)
        else:
            assert not [text for text in claims if OFFICIAL.search(text)], route
    assert called_official >= 1  # an official name is called so: the pattern matches what the pages say
    listing = page(site, lang, "agencies")
    assert not [th.get_text() for th in listing.select("th") if OFFICIAL.search(th.get_text())]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_item_marks_a_reorganised_body_and_links_to_the_note(site, lang):
    for item in DATA.items:
        html = page(site, lang, f"reforms/{item.id}")
        marked = {a["href"].split("/")[-2] for a in html.select("ul.ftz-agencies a.ftz-reorganised")}
        assert marked == {slug for slug in item.agencies if DATA.agencies[slug].successor}, item.id
        for a in html.select("a.ftz-reorganised"):
            assert a["href"].endswith("#reorganised")
    assert page(site, lang, "agencies/pbc-tianjin").select_one("#reorganised")


@pytest.mark.parametrize("lang, query, via", [("zh", "人行", "经由：中国人民银行的分支机构"), ("en", "PBOC", "via: branch of the People's Bank of China")])
def test_a_result_found_through_a_parent_body_says_why(page, base_url, lang, query, via):
    open_search(page, base_url, lang)
    search_for(page, query)
    page.locator(".ftz-via").first.wait_for()
    assert via in page.locator(".ftz-via").all_inner_texts()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_changelog_marks_each_superseded_change(site, lang):
    marked = [c for r in DATA.revisions for c in r.changes if c.superseded]
    assert len([c for c in next(r for r in DATA.revisions if r.version == "1.1").changes if c.superseded]) == 3
    shown = page(site, lang, "changelog").select(".ftz-superseded")
    assert sorted(p.get_text().split(L["colon"][lang], 1)[1] for p in shown) == sorted(getattr(c.superseded, lang) for c in marked)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_source_document_is_described_only_as_far_as_the_data_knows_it(site, lang):
    import csv
    import io
    import json

    known = DATA.reforms.list.publication
    for route in ("", "reforms/2021-14"):
        scripts = page(site, lang, route).select("head script[type='application/ld+json']")
        node = json.loads(scripts[0].string)
        based = node["isBasedOn"]
        assert based["name"] == DATA.reforms.list.title.zh and based["description"] == getattr(known.known, lang)
        assert ("url" in based) == bool(known.url) and ("datePublished" in based) == bool(known.date) and ("publisher" in based) == bool(known.issuer)
    published = json.loads((site / "data/reforms.json").read_text(encoding="utf-8"))
    assert published["list"]["publication"]["known"][lang] == getattr(known.known, lang)
    rows = list(csv.DictReader(io.StringIO((site / "data/reforms.csv").read_text(encoding="utf-8-sig"))))
    assert {row[f"source_{lang}"] for row in rows} == {getattr(known.known, lang)}
    about = page(site, lang, "about").select_one("#publication").find_next("p").get_text()
    assert ("未找到" in about) if lang == "zh" else ("was not found" in about)
