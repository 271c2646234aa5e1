"""The search index: one per language, sharded, so a search fetches only the parts it needs.

Why sharded: the first search must not grow with the list.  A query fetches the
index's metadata, the shards that hold its atoms (search_text.py), the titles
of the pages it finds and the text of the first results, nothing else; the
theme's script loads only search_index.json with every page, which holds no
entries at all.

Pages and their fields.  Item pages are indexed from the data, field by field,
so that the worker can weigh where a query occurs and link a match inside a
numbered measure to #measure-K: each field has a bit of a 31-bit mask
(ITEM_FIELDS; measure K is bit MEASURE_BIT + K).  Other pages come from the
theme's index (built from the HTML): the title is bit 0, sections bits 1…30.

Files, per language folder (search/, en/search/), below index/:
  meta.json      page count, the first atom of each term shard, page-table
                 shard size, the alias table, labels, the rules (contract(): how text
                 is cut and matched, field bits, weights and anchors)
  t/N.json       atom → [page-id delta, field mask, …] for a range of atoms
  p/N.json       [location, title] of PAGE_SHARD consecutive pages
  f/ID.json      the fields of one page: [bit, anchor, title, text], for snippets

offline_index() bundles all of a language's files into one object for the
offline copy, where the worker cannot fetch (file://).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from . import names
from .load import Dataset
from .pages import labels
from .search_text import TEXT_RULES, index_atoms, runs

# Bits of an item page's fields.  Measure K is bit MEASURE_BIT + K; K > 21 shares bit 30.
NAME, KEYWORDS, BODIES, AREAS, TOPICS = 0, 1, 2, 3, 4
INTRO_BIT, INTRO_LAST = 5, 9
MEASURE_BIT, LAST_BIT = 9, 30
# Where a match in an item's bodies, areas or topics links to: the ids of item.md.j2's sections.
SECTIONS = {BODIES: "#agencies", AREAS: "#areas", TOPICS: "#topics"}
# How much a match counts, by field (the worker ranks by the weakest clause's best field, then scores):
# an item's name, its number, bodies, areas, topics (by bit), any of its text (intro, measures);
# another page's title (bit 0) and its text.
ITEM_WEIGHTS = {NAME: 100, KEYWORDS: 80, BODIES: 4, AREAS: 2, TOPICS: 3}
TEXT_WEIGHT, PAGE_TITLE_WEIGHT, PAGE_TEXT_WEIGHT = 10, 100, 5
PAGE_SHARD = 256
TERM_SHARD_CHARS = 6_000  # a term shard's size before compression; a bigger atom gets a shard of its own
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Field:
    bit: int
    text: str            # what the reader sees (searched, and shown in results)
    anchor: str = ""     # where a match in it links to, below the page
    title: str = ""      # its heading in the result list
    atoms: set[str] = field(default_factory=set)  # searched, not shown (an item's number)


@dataclass
class Page:
    location: str
    title: str
    fields: list[Field]


def item_pages(data: Dataset, lang: str) -> list[Page]:
    """Every item page's fields, from the data (what the page shows, in its language)."""
    ui = labels()
    pick = lambda pair: getattr(pair, lang)  # noqa: E731
    pages = []
    for item in data.items:
        bodies = [data.agencies[slug] for slug in item.agencies]
        names = [pick(b.name) for b in bodies] + ([b.name.zh for b in bodies] if lang == "en" else [])
        areas = [pick(data.zones[z].name) for z in item.zones] or [ui["ftz_wide"][lang]]
        fields = [
            Field(NAME, pick(item.name)),
            Field(KEYWORDS, "", atoms={*index_atoms(f"{item.id} {item.number}"), f"#i{item.number}"}),
            Field(BODIES, " ".join(names), SECTIONS[BODIES], ui["agencies"][lang]),
            Field(AREAS, " ".join(areas), SECTIONS[AREAS], ui["areas"][lang]),
            Field(TOPICS, " ".join(pick(data.topics[t].name) for t in item.topics), SECTIONS[TOPICS], ui["topics"][lang]),
        ]
        fields += [Field(min(INTRO_BIT + i, INTRO_LAST), pick(p), "#content", ui["content"][lang]) for i, p in enumerate(item.intro)]
        fields += [Field(min(MEASURE_BIT + m.number, LAST_BIT), pick(m.text), f"#measure-{m.number}",
                         ui["measure_number"][lang].format(k=m.number), {f"#m{m.number}"}) for m in item.measures]
        pages.append(Page(f"reforms/{item.id}/", pick(item.name), fields))
    return pages


def theme_pages(docs: list[dict], skip: set[str]) -> list[Page]:
    """Pages from the theme's index (built from the HTML), except those in `skip`.

    Bit 0 is the page title, bit 1 the text before the first heading, then one bit per section.
    """
    grouped: dict[str, list[dict]] = {}
    for doc in docs:
        location = doc["location"].partition("#")[0]
        if location not in skip:
            grouped.setdefault(location, []).append(doc)
    pages = []
    for location, group in grouped.items():
        head = next((doc for doc in group if "#" not in doc["location"]), group[0])
        title = _plain(head["title"])
        fields = [Field(0, "", atoms=index_atoms(title)), Field(1, _plain(head["text"]))]
        for bit, doc in enumerate((doc for doc in group if doc is not head), start=2):
            heading = _plain(doc["title"])
            anchor = "#" + doc["location"].partition("#")[2]
            fields.append(Field(min(bit, LAST_BIT), _plain(doc["text"]), anchor, heading, index_atoms(heading)))
        pages.append(Page(location, title, fields))
    return pages


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(_TAGS.sub(" ", html.replace("\u200b", "")))).strip()


def via(name: names.Name, leads_to: str, lang: str) -> str | None:
    """Why a string finds what it leads to, in the page's language (None for another name of the same body or term)."""
    ui = labels()
    if name.relation == names.SAME:
        return None
    if name.relation == names.DESCRIPTION:
        return ui["via_description"][lang].format(name=leads_to)
    related = getattr(name.body, lang)
    if name.relation in (names.PART_OF, names.SUCCESSOR_PART_OF):
        related = ui["part_of_relations"][name.kind][lang].format(name=related)
    return ui["via_" + name.relation][lang].format(name=related)


def alias_table(data: Dataset, lang: str) -> list[list]:
    """[string as folded words, names it stands for on this language's pages, why it finds them or None], for bodies and glossary terms."""
    table = []
    for agency in data.agencies.values():
        shown = [getattr(agency.name, lang)] + ([agency.name.zh] if lang == "en" else [])
        table += [[" ".join(runs(name.text)), shown, via(name, getattr(agency.name, lang), lang)] for name in names.search_names(agency)]
    for term in data.glossary:
        shown = re.sub(r"\s*\(.*\)$", "", getattr(term.term, lang))
        table += [[" ".join(runs(name.text)), [shown], via(name, shown, lang)] for name in names.term_search_names(term)]
    return [entry for entry in table if entry[0]]


def contract() -> dict:
    """What the browser's search and filter read instead of repeating it: the text rules and the field layout."""
    return {
        "text": TEXT_RULES,
        "fields": {"introBit": INTRO_BIT, "measureBit": MEASURE_BIT, "lastBit": LAST_BIT,
                   "sections": {str(bit): anchor for bit, anchor in SECTIONS.items()}},
        "weights": {"item": [ITEM_WEIGHTS[bit] for bit in range(len(ITEM_WEIGHTS))], "text": TEXT_WEIGHT,
                    "pageTitle": PAGE_TITLE_WEIGHT, "pageText": PAGE_TEXT_WEIGHT},
    }


def postings(pages: list[Page]) -> dict[str, list[int]]:
    """atom → [page-id delta, field mask, …], pages in id order."""
    masks: dict[str, dict[int, int]] = defaultdict(dict)
    for page_id, page in enumerate(pages):
        for fld in page.fields:
            for atom in index_atoms(fld.text) | fld.atoms:
                masks[atom][page_id] = masks[atom].get(page_id, 0) | (1 << fld.bit)
    encoded = {}
    for atom, by_page in masks.items():
        flat, previous = [], 0
        for page_id in sorted(by_page):
            flat += [page_id - previous, by_page[page_id]]
            previous = page_id
        encoded[atom] = flat
    return encoded


def term_shards(encoded: dict[str, list[int]]) -> list[dict[str, list[int]]]:
    """Consecutive atoms (in code-point order, so a word's prefixes are neighbours) grouped in shards of about TERM_SHARD_CHARS."""
    shards: list[dict[str, list[int]]] = [{}]
    size = 0
    for atom in sorted(encoded):
        cost = len(atom) + 4 + len(json.dumps(encoded[atom], separators=(",", ":")))
        if shards[-1] and size + cost > TERM_SHARD_CHARS:
            shards.append({})
            size = 0
        shards[-1][atom] = encoded[atom]
        size += cost
    return shards


def build_index(pages: list[Page], items: int, aliases: list[list], lang: str) -> dict[str, object]:
    """Every file of one language's index: path below index/ → JSON value."""
    ui = labels()
    shards = term_shards(postings(pages))
    files: dict[str, object] = {
        "meta.json": {
            "pages": len(pages), "items": items, "pageShard": PAGE_SHARD,
            "terms": [next(iter(shard)) for shard in shards],
            "aliases": aliases,
            "rules": contract(),
            "labels": {"measure": ui["measure_number"][lang], **{key: ui[key][lang] for key in ("agencies", "areas", "topics", "content", "via")}},
        }
    }
    files.update({f"t/{n}.json": shard for n, shard in enumerate(shards)})
    for start in range(0, len(pages), PAGE_SHARD):
        files[f"p/{start // PAGE_SHARD}.json"] = [[p.location, p.title] for p in pages[start:start + PAGE_SHARD]]
    for page_id, page in enumerate(pages):
        files[f"f/{page_id}.json"] = [[f.bit, f.anchor, f.title, f.text] for f in page.fields if f.text or f.anchor]
    return files


def language_pages(data: Dataset, docs: list[dict], lang: str) -> list[Page]:
    """A language's pages in id order: the items first (ids 0…n-1), then the theme's other pages."""
    items = item_pages(data, lang)
    return items + theme_pages(docs, {page.location for page in items})


def split_docs(index: dict, locales: list[str], default: str) -> dict[str, list[dict]]:
    """The theme's combined index split by language; locations lose their language prefix."""
    split: dict[str, list[dict]] = {lang: [] for lang in locales}
    for doc in index["docs"]:
        lang = next((code for code in locales if code != default and doc["location"].startswith(f"{code}/")), default)
        location = doc["location"].removeprefix(f"{lang}/") if lang != default else doc["location"]
        split[lang].append({**doc, "location": location})
    return split


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_indexes(site_dir: Path, data: Dataset, locales: list[str], default: str) -> dict[str, int]:
    """Replace the theme's combined index by one sharded index per language; returns the pages of each."""
    combined = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    sizes = {}
    for lang, docs in split_docs(combined, locales, default).items():
        folder = ("" if lang == default else f"{lang}/") + "search/"
        pages = language_pages(data, docs, lang)
        shutil.rmtree(site_dir / folder / "index", ignore_errors=True)
        for path, value in build_index(pages, len(data.items), alias_table(data, lang), lang).items():
            _write_json(site_dir / folder / "index" / path, value)
        # Loaded by the theme with every page: configuration only; the worker finds the
        # index from the site root (it is one file for all languages).
        config = {**combined["config"], "index": folder + "index/"}
        _write_json(site_dir / folder / "search_index.json", {"config": config, "docs": []})
        sizes[lang] = len(pages)
    return sizes


def offline_index(site_dir: Path, lang_folder: str, locate=lambda location: location) -> dict:
    """A language's whole index in one object, for the copy opened from disk, where the worker cannot fetch.

    `lang_folder` is '' or 'en/'; `locate` turns a page's location into the link it needs there.
    """
    folder = site_dir / lang_folder / "search"
    index = folder / "index"
    bundle = {path.relative_to(index).as_posix(): json.loads(path.read_text(encoding="utf-8")) for path in sorted(index.rglob("*.json"))}
    for name, table in bundle.items():
        if name.startswith("p/"):
            bundle[name] = [[locate(location), title] for location, title in table]
    config = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))["config"]
    return {"config": config, "docs": {"bundle": bundle}}
