"""What changed in an item's text between two versions, marked up word by word.

English is compared word by word (a word, a run of spaces or one punctuation
mark is a token); Chinese, which has no spaces between words, character by
character.  difflib's SequenceMatcher (standard library) finds the longest
common runs, the same algorithm as `diff`; deletions become <del>, insertions
<ins>, so the markup says what happened whatever the styling.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

_ENGLISH_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _tokens(text: str, lang: str) -> list[str]:
    return _ENGLISH_TOKEN.findall(text) if lang == "en" else list(text)


def marked_up(old: str, new: str, lang: str) -> Markup:
    """The new text with deleted runs in <del> and inserted runs in <ins>."""
    a, b = _tokens(old, lang), _tokens(new, lang)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format("".join(a[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format("".join(b[j1:j2])))
    return Markup("").join(out)


@dataclass(frozen=True)
class PartChange:
    """One changed part of an item: its kind ('name', 'intro', 'measure', 'agencies'…), its number, the marked-up text."""

    kind: str
    number: int | None
    text: Markup


def item_changes(old: dict, new: dict, lang: str) -> list[PartChange]:
    """The parts of an item's text (versions.item_text) that differ between two versions, in page order."""
    changes = []
    if old["name"] != new["name"]:
        changes.append(PartChange("name", None, marked_up(old["name"], new["name"], lang)))
    for number, (before, after) in enumerate(zip(old["intro"], new["intro"]), start=1):
        if before != after:
            changes.append(PartChange("intro", number, marked_up(before, after, lang)))
    old_measures = dict(old["measures"])
    for number, after in new["measures"]:
        if old_measures.get(number) != after:
            changes.append(PartChange("measure", number, marked_up(old_measures.get(number, ""), after, lang)))
    separator = "、" if lang == "zh" else "; "
    for kind in ("agencies", "zones", "topics"):
        if old[kind] != new[kind]:
            before, after = (separator.join(name for _, name in version[kind]) for version in (old, new))
            changes.append(PartChange(kind, None, marked_up(before, after, lang)))
    return changes
