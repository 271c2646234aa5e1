"""What search and the list filter match on an item page: its fields, the alias table, the contract.

An item page is indexed from the data, field by field, so that the worker can weigh
where a query occurs and link a match inside a numbered measure to #measure-K: each
field has a bit of a 31-bit mask (measure K is bit MEASURE_BIT + K).  The list's
word filter (filters.py) matches the same fields with the same code, so both read
contract(): the text rules (search_text.py), the field bits, anchors and weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data import names
from ..data.load import Dataset
from .labels import labels
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


