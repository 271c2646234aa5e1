"""One search index per language, for the site's search worker.

The theme's search plugin writes one index for all languages (mkdocs-static-i18n
builds them into one).  After the build, this module splits it:
/search/search_index.json holds the Chinese pages and /en/search/search_index.json
the English ones (overrides/main.html points each language's pages at its own
index and at docs/assets/javascripts/search-worker.js), so results never mix
languages.  It also gives each item page the keywords it is cited by (2021-05,
第5项, Item 5, 5), which the page shows only in its title line.

The theme's script fetches search_index.json as soon as a page loads.  So that
a page's first load stays small however many items there are, that file holds
only the configuration and the name of the file with the entries
(search_docs.json), which the worker fetches when the reader first searches.

The worker matches Chinese as substrings, so the index needs no word
segmentation; any U+200B word joiners (added by the theme when jieba is
installed) are removed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .pages import labels

_ITEM_PAGE = re.compile(r"^reforms/(\d{4})-(\d{2,4})/$")


def item_keywords(location: str, lang: str) -> list[str]:
    """How an item page is cited: its id, its number in words, and the bare number."""
    match = _ITEM_PAGE.match(location)
    if not match:
        return []
    number = int(match.group(2))
    return [f"{match.group(1)}-{match.group(2)}", labels()["item_number"][lang].format(n=number), str(number)]


def _entry(doc: dict, lang: str) -> dict:
    entry = {key: value.replace("\u200b", "") if isinstance(value, str) else value for key, value in doc.items()}
    keywords = item_keywords(entry["location"], lang)
    return {**entry, "keywords": keywords} if keywords else entry


def split_index(index: dict, locales: list[str], default: str) -> dict[str, dict]:
    """One index per language; locations of other languages lose their language prefix."""
    split = {lang: {"config": index["config"], "docs": []} for lang in locales}
    for doc in index["docs"]:
        lang = next((code for code in locales if code != default and doc["location"].startswith(f"{code}/")), default)
        location = doc["location"].removeprefix(f"{lang}/") if lang != default else doc["location"]
        split[lang]["docs"].append(_entry({**doc, "location": location}, lang))
    return split


DOCS_FILE = "search_docs.json"


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_indexes(site_dir: Path, locales: list[str], default: str) -> dict[str, int]:
    """Replace the combined index by one per language; returns the number of entries of each."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    sizes = {}
    for lang, part in split_index(index, locales, default).items():
        folder = ("" if lang == default else f"{lang}/") + "search/"
        _write_json(site_dir / folder / DOCS_FILE, part["docs"])
        # The worker finds the entries from the site root (it is one file for all languages).
        _write_json(site_dir / folder / "search_index.json", {"config": {**part["config"], "docs": folder + DOCS_FILE}, "docs": []})
        sizes[lang] = len(part["docs"])
    return sizes


def offline_index(site_dir: Path, lang_folder: str) -> dict:
    """The whole index of one language ({config, docs: every entry}), for the copy opened from disk.

    On file: the theme reads the index from search/search_index.js and the
    worker (in an iframe, see ftzsite.offline) cannot fetch files, so it gets
    every entry inline; `config` has no `docs` file for it to fetch.
    `lang_folder` is '' for the default language, else e.g. 'en/'.
    """
    folder = site_dir / lang_folder / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    config = {key: value for key, value in index["config"].items() if key != "docs"}
    return {"config": config, "docs": json.loads((folder / DOCS_FILE).read_text(encoding="utf-8"))}
