"""Metadata for machines, read back from the built pages and compared with the data: JSON-LD, Highwire Press, Dublin Core, per-item data."""

from __future__ import annotations

import json

import pytest

from ftzsite.data.versions import last_change
from ftzsite.data.load import load_dataset
from test_site import LANG_ROOT, SITE_URL, page

DATA = load_dataset()
OTHER = {"zh": "en", "en": "zh"}


def head_of(soup) -> tuple[dict, dict]:
    """The page's <meta name> tags (name → list of contents) and its JSON-LD."""
    meta: dict[str, list[str]] = {}
    for tag in soup.select("head meta[name]"):
        meta.setdefault(tag["name"], []).append(tag["content"])
    scripts = soup.select("head script[type='application/ld+json']")
    assert len(scripts) == 1
    return meta, json.loads(scripts[0].string)


def url(lang: str, route: str) -> str:
    return f"{SITE_URL}{LANG_ROOT[lang]}{route}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_page_describes_itself_for_reference_managers(site, lang):
    the_list = DATA.reforms.list
    for item in DATA.items:
        soup = page(site, lang, f"reforms/{item.id}")
        meta, node = head_of(soup)
        revision = last_change(DATA, item.id, lang)
        own = url(lang, f"reforms/{item.id}/")
        assert soup.select_one("link[rel=canonical]")["href"] == own
        # Highwire Press (what Zotero's embedded-metadata reader takes) and Dublin Core
        assert meta["citation_title"] == [getattr(item.name, lang)] == meta["DC.title"]
        assert meta["citation_author"] == [getattr(the_list.issuer, lang)] == meta["DC.creator"]
        assert meta["citation_date"] == [str(the_list.year)] == meta["DC.date"]
        assert meta["citation_language"] == [lang] == meta["DC.language"]
        assert meta["citation_public_url"] == [own] == meta["DC.identifier"]
        assert meta["citation_technical_report_number"] == [item.id]
        assert meta["DC.modified"] == [revision.date.isoformat()]
        # schema.org
        assert node["@type"] == "Legislation" and node["@context"] == "https://schema.org"
        assert (node["legislationIdentifier"], node["name"], node["inLanguage"][:2], node["url"]) == (item.id, getattr(item.name, lang), lang, own)
        assert node["isPartOf"]["name"] == getattr(the_list.title, lang) and node["isPartOf"]["legislationDate"] == str(the_list.year)
        assert node["isPartOf"]["legislationPassedBy"]["name"] == getattr(the_list.issuer, lang)
        assert [body["name"] for body in node["legislationResponsible"]] == [getattr(DATA.agencies[s].name, lang) for s in item.agencies]
        assert (node["version"], node["dateModified"]) == (revision.version, revision.date.isoformat())
        translation = node["translationOfWork"] if lang == "en" else node["workTranslation"]
        assert translation["url"] == url(OTHER[lang], f"reforms/{item.id}/")
        assert ("workTranslation" if lang == "en" else "translationOfWork") not in node
        # the item's own data
        link = soup.select_one("head link[rel=alternate][type='application/json']")
        assert (site / LANG_ROOT[lang] / "reforms" / item.id / link["href"]).resolve() == (site / "data/reforms" / f"{item.id}.json").resolve()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_list_pages_describe_the_list_and_its_items(site, lang):
    for route in ("", "reforms"):
        _, node = head_of(page(site, lang, route))
        assert node["@type"] == "Legislation" and node["name"] == getattr(DATA.reforms.list.title, lang)
        assert node["version"] == DATA.version
        assert [part["legislationIdentifier"] for part in node["hasPart"]] == [item.id for item in DATA.items]
        assert [part["url"] for part in node["hasPart"]] == [url(lang, f"reforms/{item.id}/") for item in DATA.items]
        # the item pages point at this same node
        _, item_node = head_of(page(site, lang, f"reforms/{DATA.items[0].id}"))
        assert item_node["isPartOf"]["@id"] == node["@id"]


def test_each_item_has_its_own_data_file_in_the_shape_of_the_list(site):
    published = json.loads((site / "data/reforms.json").read_text(encoding="utf-8"))
    assert published["version"] == DATA.version
    for entry, item in zip(published["items"], DATA.items):
        assert json.loads((site / f"data/reforms/{item.id}.json").read_text(encoding="utf-8")) == entry
        assert {key: entry[key] for key in item.model_dump(exclude_none=True)} == item.model_dump(mode="json", exclude_none=True)
        assert entry["url"] == {lang: url(lang, f"reforms/{item.id}/") for lang in ("zh", "en")}
        assert entry["revised"] == {lang: {"version": (r := last_change(DATA, item.id, lang)).version, "date": r.date.isoformat()}
                                    for lang in ("zh", "en")}

