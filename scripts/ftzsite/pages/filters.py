"""What the filter of /reforms/ needs in the page, in the page's language.

The filter (docs/assets/javascripts/filters.js) matches words exactly as the
site search does, with the same code (search-engine.js, loaded on the page
too): the same rules (search_text.py, through search_fields.contract()), the same
alias table and the same fields of each item (search_fields.item_pages()).  The page
carries all three in a JSON block, so the filter also works in the copy opened
from disk (no fetch); the browser cuts each item's fields into atoms itself.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..data.load import Dataset
from .search_fields import alias_table, contract, item_pages


def filter_data(data: Dataset, lang: str) -> dict:
    """The filter's data: the search's rules and alias table, and each item's fields ([bit, text, extra atoms])."""
    pages = item_pages(data, lang)
    return {
        "rules": contract(),
        "aliases": alias_table(data, lang),
        "items": [[item.id, [[f.bit, f.text, sorted(f.atoms)] for f in page.fields]] for item, page in zip(data.items, pages)],
    }


def filter_json(data: Dataset, lang: str) -> Markup:
    """The JSON data block of the filter (safe inside <script>)."""
    text = json.dumps(filter_data(data, lang), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
