"""Versions of the published text: what data/changelog.yaml says about a target.

A revision changes fields of targets (an item, the list, a registry entry); a
field ending in .zh or .en changed in that language only, any other field (a
list of bodies, aliases) in both.  Which versions of an item's text there are
is versions.py's concern.
"""

from __future__ import annotations

import re

from ..languages import LANGUAGES
from . import model

_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def version_anchor(version: str) -> str:
    """A version's anchor on the changelog and the change pages: v1-1."""
    return "v" + version.replace(".", "-")


def anchor(revision: model.Revision) -> str:
    """The revision's anchor on the changelog page: v1-1."""
    return version_anchor(revision.version)


def resolves(record: dict, path: str) -> bool:
    """Whether a field path (name.en, intro[1].en, measures[4].en, aliases) names a field of the record."""
    node = record
    for part in path.split("."):
        key, index = _PART.fullmatch(part).groups()
        if not isinstance(node, dict) or node.get(key) is None:
            return False
        node = node[key]
        if index is not None:
            number = int(index)
            if key == "measures":  # measures are named by their number, their text is the field
                node = next((m["text"] for m in node if m["number"] == number), None)
            else:
                node = node[number - 1] if 0 < number <= len(node) else None
            if node is None:
                return False
    return True


def field_label(path: str, lang: str, names: dict, languages: dict) -> str:
    """A field path as readers say it: measures[4].en → 'measure 4 (English)', 第4条（英文）."""
    parts = path.split(".")
    key, index = _PART.fullmatch(parts[0]).groups()
    label = names.get(key, key).format(n=index)
    if parts[-1] in LANGUAGES:
        language = languages[parts[-1]]
        label += f"（{language}）" if lang == "zh" else f" ({language})"
    return label
