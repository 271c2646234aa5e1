"""Rules across records and files, each a small named check.

The schema (model.py) checks each record's shape; these check what a single
record cannot: uniqueness, numbering, references and consistency.  Each check
yields `file: record.field: rule (and fix)` messages and never raises.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from . import model, names
from .changelog import resolves
from .versions import is_text_field


def _duplicates(values) -> list:
    return [value for value, count in Counter(values).items() if count > 1]


def unique_slugs(parsed, files) -> Iterator[str]:
    """Every registry entry has a slug of its own."""
    for name, attr in (("agencies.yaml", "agencies"), ("zones.yaml", "zones"), ("topics.yaml", "topics"), ("glossary.yaml", "terms")):
        for slug in _duplicates(entry.slug for entry in getattr(parsed[name], attr)):
            yield f"{files[name]}: {slug}.slug: slug is used by more than one entry; make each slug unique"


def unique_ids_and_numbers(parsed, files) -> Iterator[str]:
    """Item ids and numbers are unique; numbers run 1…N; an id is <list id>-<number, two digits>."""
    reforms, label = parsed["reforms.yaml"], files["reforms.yaml"]
    items = reforms.items
    for item_id in _duplicates(item.id for item in items):
        yield f"{label}: {item_id}.id: id is used by more than one item"
    for number in _duplicates(item.number for item in items):
        yield f"{label}: {number}.number: number {number} is used by more than one item"
    for position, item in enumerate(items, start=1):
        if item.number != position:
            yield f"{label}: {item.id}.number: item in position {position} has number {item.number}; items are numbered 1…{len(items)} in order, with no gaps"
        expected = f"{reforms.list.id}-{item.number:02d}"
        if item.id != expected:
            yield f"{label}: {item.id}.id: must be {expected!r} (list id and the item's number)"


def measure_numbering(parsed, files) -> Iterator[str]:
    """An item's measures are numbered 1, 2, 3 … in order."""
    for item in parsed["reforms.yaml"].items:
        for position, measure in enumerate(item.measures, start=1):
            if measure.number != position:
                yield f"{files['reforms.yaml']}: {item.id}.measures[{position}].number: is {measure.number}, expected {position} (measures are numbered 1, 2, 3 … with no gaps)"
        if not item.intro and not item.measures:
            yield f"{files['reforms.yaml']}: {item.id}.intro: an item needs an intro or measures"


def references_resolve(parsed, files) -> Iterator[str]:
    """Every agency, zone and topic an item names exists in its registry."""
    registries = {
        "agencies": ({a.slug for a in parsed["agencies.yaml"].agencies}, "agencies.yaml"),
        "zones": ({z.slug for z in parsed["zones.yaml"].zones}, "zones.yaml"),
        "topics": ({t.slug for t in parsed["topics.yaml"].topics}, "topics.yaml"),
    }
    for item in parsed["reforms.yaml"].items:
        for field, (known, registry) in registries.items():
            values = getattr(item, field)
            for slug in values:
                if slug not in known:
                    yield f"{files['reforms.yaml']}: {item.id}.{field}: unknown {field[:-1].replace('agencie', 'agency')} {slug!r}; add it to {files[registry]} or use one of: {', '.join(sorted(known))}"
            for slug in _duplicates(values):
                yield f"{files['reforms.yaml']}: {item.id}.{field}: {slug!r} is listed twice"
    for agency in parsed["agencies.yaml"].agencies:
        if agency.zone is not None and agency.zone not in registries["zones"][0]:
            yield f"{files['agencies.yaml']}: {agency.slug}.zone: unknown zone {agency.zone!r}"


def zones_follow_bureaus(parsed, files) -> Iterator[str]:
    """An item's zones are those of its area bureaus; ftz_wide is true exactly when there are none."""
    bureau_zone = {a.slug: a.zone for a in parsed["agencies.yaml"].agencies if a.zone}
    for item in parsed["reforms.yaml"].items:
        expected = [bureau_zone[slug] for slug in item.agencies if slug in bureau_zone]
        label = f"{files['reforms.yaml']}: {item.id}"
        if sorted(item.zones) != sorted(expected):
            yield f"{label}.zones: is {item.zones}, but its area bureaus give {expected}"
        if item.ftz_wide != (not expected):
            yield f"{label}.ftz_wide: must be {str(not expected).lower()} ({'no' if not expected else 'an'} area bureau among its agencies)"


def registries_used(parsed, files) -> Iterator[str]:
    """Every agency, zone and topic is used by at least one item (else it would have an empty page)."""
    items = parsed["reforms.yaml"].items
    for name, attr, field in (("agencies.yaml", "agencies", "agencies"), ("zones.yaml", "zones", "zones"), ("topics.yaml", "topics", "topics")):
        used = {slug for item in items for slug in getattr(item, field)}
        for entry in getattr(parsed[name], attr):
            if entry.slug not in used:
                yield f"{files[name]}: {entry.slug}: no item refers to it; remove it or tag an item with it"


def aliases_name_one_entry(parsed, files) -> Iterator[str]:
    """A string search takes to a body (or term) stands for one entry only, and is no other entry's name (search would send readers astray).

    For a body this covers its aliases, the names of the bodies it is related to (parent, former,
    successor) and its search words; a related body's name is not an alias of the body itself.
    """
    agencies, terms = parsed["agencies.yaml"].agencies, parsed["glossary.yaml"].terms
    registries = (
        ("agencies.yaml", agencies, names.own_names, names.search_names),
        ("glossary.yaml", terms, lambda t: [t.term.zh, t.term.en], names.term_search_names),
    )
    for name, entries, names_of, searched in registries:
        owner: dict[str, str] = {}
        own = {n.casefold(): entry.slug for entry in entries for n in names_of(entry)}
        for entry in entries:
            seen = set()
            for found in searched(entry):
                text = found.text.casefold()
                if text in seen:
                    continue
                seen.add(text)
                where = f"{files[name]}: {entry.slug}.{names.FIELDS[found.relation]}"
                if owner.setdefault(text, entry.slug) != entry.slug:
                    yield f"{where}: {found.text!r} also leads to {owner[text]}; a name must lead to one entry"
                if own.get(text, entry.slug) != entry.slug:
                    yield f"{where}: {found.text!r} is the name of {own[text]}"
    for agency in agencies:
        related = {n.text.casefold(): n.relation for n in names.related_names(agency)}
        for alias in agency.aliases.zh + agency.aliases.en:
            if alias.casefold() in related:
                yield f"{files['agencies.yaml']}: {agency.slug}.aliases: {alias!r} names another body (its {names.FIELDS[related[alias.casefold()]]}), not this one; list it only there"


def names_say_what_they_are(parsed, files) -> Iterator[str]:
    """An English name called official has a high confidence; the confidence is a field, not a phrase in name_source; a body with a successor note names the successor."""
    for name, entries in (("agencies.yaml", parsed["agencies.yaml"].agencies), ("zones.yaml", parsed["zones.yaml"].zones)):
        for entry in entries:
            if entry.name_origin == "official" and entry.name_confidence != "high":
                yield f"{files[name]}: {entry.slug}.name_origin: 'official' needs name_confidence 'high' (is {entry.name_confidence!r}); use 'reported' or 'rendered'"
            if "confidence:" in entry.name_source.casefold():
                yield f"{files[name]}: {entry.slug}.name_source: the confidence belongs in name_confidence, not in the text"
    for agency in parsed["agencies.yaml"].agencies:
        if (agency.successor is None) != (agency.successor_body is None):
            yield f"{files['agencies.yaml']}: {agency.slug}.successor_body: successor (the note) and successor_body (the body) go together"


def changelog_in_order(parsed, files) -> Iterator[str]:
    """Revisions run newest first with distinct versions; the oldest, only it, is the first publication; each other one records something."""
    label, revisions = files["changelog.yaml"], parsed["changelog.yaml"].revisions
    numbers = [tuple(int(n) for n in r.version.split(".")) for r in revisions]
    for newer, older, revision in zip(numbers, numbers[1:], revisions[1:]):
        if older >= newer:
            yield f"{label}: {revision.version}.version: revisions run newest first with distinct versions; {revision.version} comes after a lower or equal version"
    for newer, older in zip(revisions, revisions[1:]):
        if older.date > newer.date:
            yield f"{label}: {older.version}.date: {older.date} is later than the newer revision {newer.version}'s {newer.date}"
    for position, revision in enumerate(revisions):
        oldest = position == len(revisions) - 1
        if revision.initial != oldest:
            yield f"{label}: {revision.version}.initial: {'the oldest revision is the first publication (initial: true)' if oldest else 'only the oldest revision is the first publication'}"
        if revision.initial and (revision.changes or revision.kept):
            yield f"{label}: {revision.version}.changes: the first publication lists no changes"
        if not revision.initial and not (revision.changes or revision.kept):
            yield f"{label}: {revision.version}.changes: a revision records at least one change (or a finding kept)"


def changelog_targets_resolve(parsed, files) -> Iterator[str]:
    """Every change names an existing target and fields it has (measures[K] by measure number, intro[N] by position)."""
    reforms = parsed["reforms.yaml"]
    records = {item.id: item for item in reforms.items} | {"list": reforms.list}
    for name, attr in (("agencies", "agencies"), ("glossary", "terms"), ("zones", "zones"), ("topics", "topics")):
        records |= {f"{name}/{entry.slug}": entry for entry in getattr(parsed[f"{name}.yaml"], attr)}
    for revision in parsed["changelog.yaml"].revisions:
        for kind, entries in (("changes", revision.changes), ("kept", revision.kept)):
            for position, entry in enumerate(entries, start=1):
                where = f"{files['changelog.yaml']}: {revision.version}.{kind}[{position}]"
                if entry.target not in records:
                    yield f"{where}.target: no such item or entry {entry.target!r}"
                    continue
                record = records[entry.target].model_dump(mode="json")
                for path in entry.fields:
                    if not resolves(record, path):
                        yield f"{where}.fields: {entry.target} has no field {path!r}"


def changelog_keeps_old_text(parsed, files) -> Iterator[str]:
    """A revision gives, in `replaced`, the old text of exactly the fields of item text its changes name (versions.py)."""
    label = files["changelog.yaml"]
    for revision in parsed["changelog.yaml"].revisions:
        named = {(change.target, path) for change in revision.changes for path in change.fields if is_text_field(change.target, path)}
        given = {(target, path) for target, fields in revision.replaced.items() for path in fields}
        for target, path in sorted(named - given):
            yield (f"{label}: {revision.version}.replaced: {target} {path} changed, but its old text is not given; add it under "
                   f"replaced: {{{target}: {{{path}: <the text as published before>}}}} so that the older version stays readable")
        for target, path in sorted(given - named):
            yield f"{label}: {revision.version}.replaced: {target} {path} is not a changed field of item text named by this revision's changes"


RULES = [unique_slugs, unique_ids_and_numbers, measure_numbering, references_resolve, zones_follow_bureaus, registries_used, aliases_name_one_entry,
         names_say_what_they_are,
         changelog_in_order, changelog_targets_resolve, changelog_keeps_old_text]


def check_rules(parsed: dict[str, model.BaseModel], files: dict[str, str]) -> list[str]:
    """All messages of all rules, in rule order."""
    return [message for rule in RULES for message in rule(parsed, files)]
