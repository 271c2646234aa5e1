"""How search reads text: folding and the atoms of the index.

The browser's search (docs/assets/javascripts/search-engine.js) folds and
cuts queries with the same rules, so what is indexed here is what a query looks
up there; tests/test_search_index.py runs both on the same strings.

- Folding, character by character (positions are kept, for highlighting):
  full-width ASCII → ASCII, the ideographic space → space, curly apostrophes → ',
  lower case.
- Latin words and numbers ([a-z0-9]+, apostrophes removed: people's → peoples)
  are atoms of their own; a query word finds every atom it begins (import →
  imported).
- Chinese has no spaces and a name is searched by any part of it (海关 finds
  天津海关), so every character and every pair of adjacent characters of a run
  of Chinese characters is an atom; a query of two or more characters looks up
  its character pairs, which must all occur in the same field (a measure, a
  paragraph, the name...).  No word segmenter is needed.
"""

from __future__ import annotations

import re

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH.update({0x3000: 0x20, 0x2019: 0x27, 0x2018: 0x27})
_ATOM = re.compile(r"[a-z0-9]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def fold(text: str) -> str:
    """Width and case folding that keeps every character's position."""
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text.translate(_FULL_WIDTH))


def runs(text: str) -> list[str]:
    """The Latin words and the runs of Chinese characters of a text, folded."""
    return _ATOM.findall(fold(text).replace("'", ""))


def is_chinese(run: str) -> bool:
    return not run[0].isascii()


def index_atoms(text: str) -> set[str]:
    """Every atom a text is found by: Latin words; Chinese characters and pairs of characters."""
    atoms: set[str] = set()
    for run in runs(text):
        if is_chinese(run):
            atoms.update(run)
            atoms.update(run[i:i + 2] for i in range(len(run) - 1))
        else:
            atoms.add(run)
    return atoms


def query_atoms(run: str) -> list[str]:
    """The atoms a query run looks up: a Latin word (as a prefix), a character, or every pair of adjacent characters.

    Every pair, overlapping: 市场监管 looks up 市场, 场监 and 监管, so a field with 市场 and
    监管 apart (市场主体……监管系统) is not taken for one with 市场监管.
    """
    if not is_chinese(run) or len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]
