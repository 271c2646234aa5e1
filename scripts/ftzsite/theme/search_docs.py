"""The theme's search index (Material's search plugin), read as our pages and fields.

Material's search plugin writes one search/search_index.json for every language, built
from the HTML: {"config": …, "docs": [{"location", "title", "text"}, …]}, with a page's
sections as extra docs whose location has an #anchor.  Only this module knows that shape.
"""

from __future__ import annotations

import re
from html import unescape

from ..languages import LANGUAGES, split_path
from ..pages.search_fields import LAST_BIT, Field, Page
from ..pages.search_text import index_atoms

_TAGS = re.compile(r"<[^>]+>")


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


def split_docs(index: dict) -> dict[str, list[dict]]:
    """The theme's combined index split by language; locations lose their language prefix."""
    split: dict[str, list[dict]] = {lang: [] for lang in LANGUAGES}
    for doc in index["docs"]:
        lang, location = split_path(doc["location"])
        split[lang].append({**doc, "location": location})
    return split


