"""Every published version of the text, rebuilt from the data.

data/ holds the current text; each revision of data/changelog.yaml records, in
`replaced`, the exact text that every changed field had before it.  Walking the
revisions from the newest back, and putting each revision's replaced texts
back, gives the dataset as it stood in every earlier version, 1.0 included.

Why the replaced text in the changelog, not snapshots of whole files: a
revision then holds, in one place a reviewer reads, what changed (`what`), why,
and the exact old wording; only the fields that changed are repeated; and a
rule can check that every changed field has its old text (rules.py) while the
fingerprints of every version (fingerprints.py) check that the old text is exact.

An item's text in a language is what its page shows in that language: its
name, paragraphs and numbered measures, and the names of its bodies, areas and
topics; so a body's new English name is a new version of the English text of
each of its items.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from . import model

if TYPE_CHECKING:  # load.py's rules import this module
    from .load import Dataset

LANGUAGES = ("zh", "en")
# Fields that are an item's text (an item's own, or a registry entry's name shown on its pages).
_ITEM_FIELD = re.compile(r"^(name|intro\[\d+\]|measures\[\d+\])\.(zh|en)$")
_NAME_FIELD = re.compile(r"^name\.(zh|en)$")
_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
REGISTRIES = {"agencies": "agencies", "zones": "zones", "topics": "topics"}


def is_text_field(target: str, path: str) -> bool:
    """Whether a changed field is part of an item's published text (and so needs its replaced text)."""
    kind, _, slug = target.partition("/")
    if not slug:
        return target != "list" and bool(_ITEM_FIELD.match(path))
    return kind in REGISTRIES and bool(_NAME_FIELD.match(path))


def _replace_text(record: model.Strict, path: str, text: str) -> model.Strict:
    """A copy of the record with the text at `path` (name.en, intro[2].en, measures[4].en) replaced."""
    head, lang = path.rsplit(".", 1)
    key, index = _PART.fullmatch(head).groups()
    if index is None:
        return record.model_copy(update={key: getattr(record, key).model_copy(update={lang: text})})
    number = int(index)
    if key == "measures":  # measures are named by their number
        parts = [m.model_copy(update={"text": m.text.model_copy(update={lang: text})}) if m.number == number else m for m in record.measures]
    else:
        parts = [p.model_copy(update={lang: text}) if position == number else p for position, p in enumerate(getattr(record, key), start=1)]
    return record.model_copy(update={key: parts})


def _before(data: Dataset, revision: model.Revision) -> Dataset:
    """The dataset as it stood before `revision`: its replaced texts put back."""
    items = {item.id: item for item in data.items}
    registries = {kind: dict(getattr(data, attr)) for kind, attr in REGISTRIES.items()}
    for target, fields in revision.replaced.items():
        kind, _, slug = target.partition("/")
        for path, text in fields.items():
            if slug:
                registries[kind][slug] = _replace_text(registries[kind][slug], path, text)
            else:
                items[target] = _replace_text(items[target], path, text)
    reforms = data.reforms.model_copy(update={"items": [items[item.id] for item in data.items]})
    return dataclasses.replace(data, reforms=reforms, **{attr: registries[kind] for kind, attr in REGISTRIES.items()})


_last: list = []  # (dataset, its history): the pages of one build ask for the same history many times


def history(data: Dataset) -> dict[str, Dataset]:
    """Every published version of the dataset, newest first: version → the dataset as published then."""
    if not _last or _last[0] is not data:
        _last[:] = [data, _history(data)]
    return _last[1]


def _history(data: Dataset) -> dict[str, Dataset]:
    versions: dict[str, Dataset] = {}
    state = data
    for position, revision in enumerate(data.revisions):
        versions[revision.version] = dataclasses.replace(state, revisions=data.revisions[position:])
        state = _before(state, revision)
    return versions


def item_text(data: Dataset, item_id: str, lang: str) -> dict:
    """What an item's page shows in one language: the text a version fixes."""
    item = next(i for i in data.items if i.id == item_id)
    pick = lambda pair: getattr(pair, lang)  # noqa: E731
    return {
        "name": pick(item.name),
        "intro": [pick(p) for p in item.intro],
        "measures": [[m.number, pick(m.text)] for m in item.measures],
        "agencies": [[slug, pick(data.agencies[slug].name)] for slug in item.agencies],
        "zones": [[slug, pick(data.zones[slug].name)] for slug in item.zones],
        "ftz_wide": item.ftz_wide,
        "topics": [[slug, pick(data.topics[slug].name)] for slug in item.topics],
    }


@dataclasses.dataclass(frozen=True)
class ItemVersion:
    """One published version of an item in one language."""

    item_id: str
    version: str
    date: str  # YYYY-MM-DD
    data: Dataset  # the dataset as published in this version
    since: str  # the version from which the text has been as it is here
    since_date: str
    changed: bool  # whether this version changed the text (since == version)
    current: bool


def item_versions(data: Dataset, item_id: str, lang: str) -> list[ItemVersion]:
    """The item's text in every published version, oldest first, each saying since when it has been unchanged."""
    found: list[ItemVersion] = []
    newest = data.revisions[0].version
    previous_text, since = None, None
    for revision in reversed(data.revisions):
        at = history(data)[revision.version]
        text = item_text(at, item_id, lang)
        changed = text != previous_text
        since = revision if changed else since
        found.append(ItemVersion(item_id, revision.version, revision.date.isoformat(), at, since.version, since.date.isoformat(), changed,
                                 revision.version == newest))
        previous_text = text
    return found


def last_change(data: Dataset, item_id: str, lang: str) -> model.Revision:
    """The revision in which the item's text in `lang` last changed (the first publication if never)."""
    since = item_versions(data, item_id, lang)[-1].since
    return next(revision for revision in data.revisions if revision.version == since)
