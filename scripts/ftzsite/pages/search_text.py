"""How search and the list's filter read text: folding, atoms, references.

This module is the one place these rules are written.  The browser's code
(docs/assets/javascripts/search-engine.js, shared by the search worker and the
list's filter) does not repeat them: it reads TEXT_RULES, which the build writes
into each search index's meta.json and into the filter's JSON block on /reforms/
(search.contract()).  Tests run the Python and the browser code on the same strings.

- Folding, character by character (positions are kept, for highlighting):
  full-width ASCII → ASCII, the ideographic space → space, curly apostrophes → ',
  lower case when that keeps the length.
- Latin words and numbers ([a-z0-9]+, apostrophes removed: people's → peoples)
  are atoms of their own; a query word of PREFIX_MIN letters or more finds every
  atom it begins (import → imported), a shorter one only itself.
- Chinese has no spaces and a name is searched by any part of it (海关 finds
  天津海关), so every character and every pair of adjacent characters of a run
  of Chinese characters is an atom; a query of two or more characters looks up
  its character pairs, which must all occur in the same field (a measure, a
  paragraph, the name...).  No word segmenter is needed.
- References: 第14项, Item 14 (the item), 第3条, "measure 3" (measure 3), and both
  together (第14项第3条, "measure 3 of item 14"); the index gives each item the
  atom #iN and each measure #mK (search.py), which a reference looks up.
"""

from __future__ import annotations

import re

# Folding: code points FOLD_FROM…FOLD_TO move by FOLD_SHIFT (full-width ASCII), and single characters are replaced.
FOLD_FROM, FOLD_TO, FOLD_SHIFT = 0xFF01, 0xFF5E, -0xFEE0
FOLD_CHARS = {"\u3000": " ", "\u2018": "'", "\u2019": "'"}
CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = f"[a-z0-9]+|[{CHINESE}]+"   # a Latin word or number, or a run of Chinese characters (after folding)
PREFIX_MIN = 3                    # a Latin query word this long or longer finds the words it begins

# References, as regular expressions that mean the same in Python and in JavaScript (flags "gi" there):
# group 1 is the number, Arabic or in Chinese numerals (第十四项).
NUMERALS = "〇一二三四五六七八九"
_NUMBER = f"([0-9{NUMERALS}十百]+)"
REFERENCES = [
    (rf"第\s*{_NUMBER}\s*项", "item"),
    (rf"第\s*{_NUMBER}\s*条", "measure"),
    (r"\bitem\s*(?:no\.?\s*)?(\d+)\b", "item"),
    (r"(?:\bmeasure\s*(?:no\.?\s*)?|#measure-)(\d+)\b", "measure"),
]
CONNECTIVES = r"\b(?:of|in|and)\b"  # dropped from a query that holds a reference ("measure 3 of item 14")
REFERENCE_ATOM = {"item": "#i", "measure": "#m"}  # + the number: the atom a reference looks up

_FULL_WIDTH = {code: code + FOLD_SHIFT for code in range(FOLD_FROM, FOLD_TO + 1)}
_FULL_WIDTH.update({ord(char): ord(folded) for char, folded in FOLD_CHARS.items()})
_ATOM = re.compile(RUN)
_REFERENCES = [(re.compile(pattern, re.I), kind) for pattern, kind in REFERENCES]

TEXT_RULES = {
    "fold": {"from": FOLD_FROM, "to": FOLD_TO, "shift": FOLD_SHIFT, "chars": FOLD_CHARS},
    "run": RUN,
    "prefixMin": PREFIX_MIN,
    "numerals": NUMERALS,
    "references": [[pattern, kind] for pattern, kind in REFERENCES],
    "referenceAtom": REFERENCE_ATOM,
    "connectives": CONNECTIVES,
}


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


def to_number(text: str) -> int:
    """A reference's number: Arabic, or Chinese numerals up to the hundreds (十四 → 14, 一百〇二 → 102)."""
    if text.isdigit():
        return int(text)
    total = digit = 0
    for char in text:
        if char in "百十":
            total += (digit or 1) * (100 if char == "百" else 10)
            digit = 0
        else:
            digit = NUMERALS.index(char)
    return total + digit


def references(query: str) -> list[str]:
    """The atoms of the references in a query (第14项第3条 → #i14, #m3), as the browser finds them."""
    return [REFERENCE_ATOM[kind] + str(to_number(m.group(1))) for pattern, kind in _REFERENCES for m in pattern.finditer(query)]
