"""The names of a body or a glossary term, and how each is related to it.

One place says which strings name what: a body's own names and aliases (the same
body), the bodies it is related to (the national body it is part of, former
bodies, the successor and the successor's national body) and the generic words
readers type. The rules (no string names two things), the search's alias table
(with the reason a result is found) and the tests read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import model

# How a string is related to the body it leads to; labels.yaml `via` words each one.
SAME, PART_OF, FORMER, SUCCESSOR, SUCCESSOR_PART_OF, DESCRIPTION = "same", "part_of", "former", "successor", "successor_part_of", "description"


@dataclass(frozen=True)
class Name:
    text: str
    relation: str                     # SAME, PART_OF, FORMER, SUCCESSOR, SUCCESSOR_PART_OF or DESCRIPTION
    body: model.Text | None = None    # the related body's name (None for SAME and DESCRIPTION)
    kind: str | None = None           # for PART_OF and SUCCESSOR_PART_OF, the parent's relation (branch, office …)


# The registry field each kind of string is recorded in (for error messages).
FIELDS = {SAME: "aliases", PART_OF: "part_of", FORMER: "former", SUCCESSOR: "successor_body", SUCCESSOR_PART_OF: "successor_body.part_of", DESCRIPTION: "search_words"}


def _all(aliases: model.Aliases) -> list[str]:
    return aliases.zh + aliases.en


def own_names(agency: model.Agency) -> list[str]:
    """The body's name and short form in both languages."""
    return list(dict.fromkeys([agency.name.zh, agency.name.en, agency.short.zh, agency.short.en]))


def _related(body: model.Related, relation: str, kind: str | None = None) -> Iterator[Name]:
    for text in [body.name.zh, body.name.en, *_all(body.aliases)]:
        yield Name(text, relation, body.name, kind)


def related_names(agency: model.Agency) -> Iterator[Name]:
    """Every name of a body it is related to (not itself), with how."""
    if agency.part_of:
        yield from _related(agency.part_of, PART_OF, agency.part_of.relation)
    for former in agency.former:
        yield from _related(former, FORMER)
    if agency.successor_body:
        yield from _related(agency.successor_body, SUCCESSOR)
        if agency.successor_body.part_of:
            parent = agency.successor_body.part_of
            yield from _related(parent, SUCCESSOR_PART_OF, parent.relation)


def search_names(agency: model.Agency) -> Iterator[Name]:
    """Every string search takes to the body, except its own name and short form: aliases, relations, descriptions."""
    for text in _all(agency.aliases):
        yield Name(text, SAME)
    yield from related_names(agency)
    for text in _all(agency.search_words):
        yield Name(text, DESCRIPTION)


def term_search_names(term: model.Term) -> Iterator[Name]:
    """A glossary term's aliases (the same term) and the everyday words readers type for it."""
    for text in _all(term.aliases):
        yield Name(text, SAME)
    for text in _all(term.search_words):
        yield Name(text, DESCRIPTION)

