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

from ..languages import LANGUAGES
from . import model

if TYPE_CHECKING:  # load.py's rules import this module
    from .load import Dataset

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


_known: dict[int, tuple[Dataset, dict[str, Dataset]]] = {}  # id → (dataset, its history), for one dataset and its versions
_memo: dict[tuple, object] = {}  # what is computed from those datasets (keyed by their ids), forgotten with them


def history(data: Dataset) -> dict[str, Dataset]:
    """Every published version of the dataset, newest first: version → the dataset as published then.

    Computed once per dataset: the pages of a build ask for it many times, for the dataset and for each
    of its versions (whose own history is the tail of it), so each version's is registered too.
    """
    known = _known.get(id(data))
    if known and known[0] is data:
        return known[1]
    _known.clear()  # a new dataset (a new build): forget the previous one's
    _memo.clear()
    full = _history(data)
    versions = list(full.items())
    for position, (_, at) in enumerate(versions):
        _known[id(at)] = (at, dict(versions[position:]))
    _known[id(data)] = (data, full)
    return full


def _history(data: Dataset) -> dict[str, Dataset]:
    versions: dict[str, Dataset] = {}
    state = data
    for position, revision in enumerate(data.revisions):
        versions[revision.version] = dataclasses.replace(state, revisions=data.revisions[position:])
        state = _before(state, revision)
    return versions


def _remembered(key: tuple, data: Dataset, compute):
    history(data)  # registers `data`, so that its id stays its own while the memo lasts
    if key not in _memo:
        _memo[key] = compute()
    return _memo[key]


def item(data: Dataset, item_id: str) -> model.Item:
    """An item of a dataset by id."""
    return _remembered(("items", id(data)), data, lambda: {i.id: i for i in data.items})[item_id]


def item_text(data: Dataset, item_id: str, lang: str) -> dict:
    """What an item's page shows in one language: the text a version fixes."""
    item_ = item(data, item_id)
    pick = lambda pair: getattr(pair, lang)  # noqa: E731
    return {
        "name": pick(item_.name),
        "intro": [pick(p) for p in item_.intro],
        "measures": [[m.number, pick(m.text)] for m in item_.measures],
        "agencies": [[slug, pick(data.agencies[slug].name)] for slug in item_.agencies],
        "zones": [[slug, pick(data.zones[slug].name)] for slug in item_.zones],
        "ftz_wide": item_.ftz_wide,
        "topics": [[slug, pick(data.topics[slug].name)] for slug in item_.topics],
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
    return _remembered(("versions", id(data), item_id, lang), data, lambda: _item_versions(data, item_id, lang))


def changed_in(data: Dataset, version: str, lang: str) -> set[str]:
    """The items whose text in `lang` changed in `version` (every item in the first publication)."""
    return _remembered(("changed", id(data), version, lang), data, lambda: {
        i.id for i in data.items if any(v.version == version and v.changed for v in item_versions(data, i.id, lang))})


def _item_versions(data: Dataset, item_id: str, lang: str) -> list[ItemVersion]:
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
