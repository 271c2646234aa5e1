"""The search index: one per language, sharded, so a search fetches only the parts it needs.

Why sharded: the first search must not grow with the list.  A query fetches the
index's metadata, the shards that hold its atoms (pages/search_text.py), the titles
of the pages it finds and the text of the first results, nothing else; the
theme's script loads only search_index.json with every page, which holds no
entries at all.

Pages and their fields: item pages come from the data (pages/search_fields.py),
other pages from the theme's index, built from the HTML (theme/search_docs.py).

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
import shutil
from collections import defaultdict
from pathlib import Path

from ..data.load import Dataset
from ..languages import folder
from ..pages.labels import labels
from ..pages.search_fields import Page, alias_table, contract, item_pages
from ..pages.search_text import index_atoms
from ..theme.search_docs import split_docs, theme_pages

PAGE_SHARD = 256
TERM_SHARD_CHARS = 6_000  # a term shard's size before compression; a bigger atom gets a shard of its own


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


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_indexes(site_dir: Path, data: Dataset) -> dict[str, int]:
    """Replace the theme's combined index by one sharded index per language; returns the pages of each."""
    combined = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    sizes = {}
    for lang, docs in split_docs(combined).items():
        search = folder(lang) + "search/"
        pages = language_pages(data, docs, lang)
        shutil.rmtree(site_dir / search / "index", ignore_errors=True)
        for path, value in build_index(pages, len(data.items), alias_table(data, lang), lang).items():
            _write_json(site_dir / search / "index" / path, value)
        # Loaded by the theme with every page: configuration only; the worker finds the
        # index from the site root (it is one file for all languages).
        config = {**combined["config"], "index": search + "index/"}
        _write_json(site_dir / search / "search_index.json", {"config": config, "docs": []})
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
