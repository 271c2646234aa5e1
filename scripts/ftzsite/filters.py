"""What the filter of /reforms/ needs in the page: each item's words, in the page's language.

The filter (docs/assets/javascripts/filters.js) matches a query the way the
site search does (Chinese anywhere, Latin words from the start of a word, every
term required): the query is folded (as scripts/ftzsite/search_text.py folds)
and cut at separators into terms.  A term never holds a separator, so it occurs in an
item's text exactly when it occurs in one of the text's separator-free words:
the page carries each item's distinct folded words only, not its full text.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from .load import Dataset
from .model import Item

# Where filters.js cuts a query into terms, and how it folds them (its SEPARATOR and fold()).
SEPARATOR = re.compile(r"[\s\u200b\u3000,，、。.．;；:：!！?？“”\"‘()（）《》〔〕\[\]【】{}<>+\-–—/|·]+")


def fold(text: str) -> str:
    """Lower case, full-width ASCII to half-width, as the search worker folds (and full-width letters lower-cased)."""
    out = []
    for char in text:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0).lower())
        elif char == "\u3000":
            out.append(" ")
        elif char == "\u2019":
            out.append("'")
        else:
            out.append(char.lower())
    return "".join(out)


def reader_text(data: Dataset, item: Item, lang: str, ftz_wide: str) -> list[str]:
    """What a reader sees of an item in one language: name, content, bodies, areas, topics."""
    tr = lambda pair: getattr(pair, lang)  # noqa: E731
    bodies = [data.agencies[slug] for slug in item.agencies]
    parts = [tr(item.name), *map(tr, item.intro), *(tr(m.text) for m in item.measures)]
    parts += [tr(b.name) for b in bodies] + [tr(b.short) for b in bodies]
    if lang != "zh":  # English pages show each body's Chinese name beside its English one
        parts += [b.name.zh for b in bodies]
    parts += [tr(data.zones[slug].name) for slug in item.zones] or [ftz_wide]
    parts += [tr(data.topics[slug].name) for slug in item.topics]
    return parts


def words(parts: list[str]) -> str:
    """The distinct folded words of some texts, in order of first occurrence."""
    found = dict.fromkeys(word for part in parts for word in SEPARATOR.split(fold(part)) if word)
    return " ".join(found)


def filter_json(data: Dataset, lang: str, ftz_wide: str) -> Markup:
    """The JSON data block of the filter: item id → its words (safe inside <script>)."""
    table = {item.id: words(reader_text(data, item, lang, ftz_wide)) for item in data.items}
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
