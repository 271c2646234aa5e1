"""The shape of the data: the single definition, also published as the JSON Schema.

Every translatable field is a Text pair {zh, en}; both halves are required.
Models forbid unknown keys, so a typo in a key name is an error, not ignored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
_MARKUP = re.compile(r"<[A-Za-z/!][^>]*>|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def plain_text(value: str) -> str:
    """Reject empty text, HTML or entities, and control characters (newlines included)."""
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("must not start or end with whitespace")
    if _MARKUP.search(value):
        raise ValueError(f"must be plain text, found markup {_MARKUP.search(value).group(0)!r}")
    if _CONTROL.search(value):
        raise ValueError(f"must not contain control character U+{ord(_CONTROL.search(value).group(0)):04X}")
    return value


class Text(Strict):
    """One text in both languages."""

    zh: str = Field(description="Simplified Chinese; for source text, the source verbatim after the documented normalisations")
    en: str = Field(description="English translation")

    _plain = field_validator("zh", "en")(plain_text)


PlainText = Annotated[str, AfterValidator(plain_text)]


class Aliases(Strict):
    """Other names readers use for a body or term, in each language, most used first."""

    zh: list[PlainText] = Field(default=[], description="Chinese aliases: short forms, abbreviations, full, former and successor names")
    en: list[PlainText] = Field(default=[], description="English aliases: short forms, abbreviations, full, former and successor names")


class Measure(Strict):
    """One numbered measure of an item, numbered as the source numbers it."""

    number: int = Field(ge=1, description="The measure's number K; its anchor is #measure-K")
    text: Text


class Item(Strict):
    """One reform item of the list."""

    id: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2,4}$")] = Field(description="Stable id YYYY-NN (more digits past 99 items), the URL slug")
    number: int = Field(ge=1, description="The item's number in the list (序号)")
    name: Text
    intro: list[Text] = Field(default=[], description="Introductory paragraphs before the measures, or the whole content when it is not numbered")
    measures: list[Measure] = Field(default=[], description="Numbered measures, in order")
    agencies: list[Slug] = Field(min_length=1, description="Responsible bodies (agency slugs), in the source's order; the first leads")
    zones: list[Slug] = Field(default=[], description="FTZ areas the item belongs to, from its area administration bureaus")
    ftz_wide: bool = Field(description="True when the item names no area administration bureau among its responsible bodies (the source names no area for it)")
    topics: list[Slug] = Field(min_length=1, description="Topic slugs")


class Publication(Strict):
    """What is known of the original publication of the source table, and how it was looked for."""

    known: Text = Field(description="What is known of the original publication: issuer, date, where it was published")
    issuer: Text | None = Field(default=None, description="Who issued it, when a source says so; none when not known")
    date: str | None = Field(default=None, description="When it was issued (ISO date, or a year-month), when known")
    url: str | None = Field(default=None, description="Where it was published, when found")
    searched: Text = Field(description="Where the original notice was looked for, when, and what was found")


class ReformList(Strict):
    """Metadata of one published list."""

    id: Slug = Field(description="The list's id, also the prefix of its item ids (e.g. 2021)")
    year: int
    title: Text
    issuer: Text
    source_note: Text = Field(description="Where the text comes from")
    publication: Publication


class ReformsFile(Strict):
    """data/reforms.yaml"""

    list: ReformList
    items: list[Item]


# Where an English name comes from: the body's own or a government's English usage; English reports by media
# or other organisations; or this site's rendering, when no usage of the name by the body or a government was found.
NameOrigin = Literal["official", "reported", "rendered"]
# How sure the site is of an English name, from the evidence in name_source.
Confidence = Literal["high", "medium-high", "medium", "low-medium", "low"]


class Related(Strict):
    """A body related to a responsible body but not itself responsible for an item: a parent, a former or a successor body."""

    name: Text = Field(description="Its name in Chinese and English")
    aliases: Aliases = Field(default=Aliases(), description="Other names of that body readers type (short forms, abbreviations)")


class Parent(Related):
    """The national body a responsible body is part of."""

    relation: Literal["branch", "office", "sub-council", "customs-district", "tax-service"] = Field(description="How the body belongs to it; labels.yaml words each relation")


class Successor(Related):
    """The body that took over after 2021."""

    part_of: Parent | None = Field(default=None, description="The national body the successor is part of, when the body's own parent is not the same")


class Agency(Strict):
    """A responsible body."""

    slug: Slug
    name: Text = Field(description="Chinese name as in the source, and the English name (its origin in name_origin)")
    short: Text = Field(description="Short form used in tables")
    kind: Literal["municipal-government", "central-government-local-office", "ftz-administration", "area-administration", "district-government", "state-owned-enterprise", "trade-promotion-body", "financial-regulator"]
    zone: Slug | None = Field(default=None, description="For an area administration bureau, the area it administers")
    successor: Text | None = Field(default=None, description="A note on what the body became after 2021, if it was renamed or reorganised")
    note: Text | None = None
    name_origin: NameOrigin = Field(description="Where the English name comes from: official, reported or rendered (this site's)")
    name_confidence: Confidence = Field(description="How sure the English name is")
    name_source: PlainText = Field(description="Who uses the English name, where (page or document, URL) and when; or, when no direct source was found, what it follows")
    aliases: Aliases = Field(description="Other names of this same body that readers search for (never a parent, former or successor body's)")
    search_words: Aliases = Field(default=Aliases(), description="Generic descriptions readers type for the body (not names of it): search only")
    part_of: Parent | None = Field(default=None, description="The national body it is part of")
    former: list[Related] = Field(default=[], description="Bodies whose work it took over before 2021")
    successor_body: Successor | None = Field(default=None, description="The body that took over after 2021 (the note is in successor)")


class AgenciesFile(Strict):
    """data/agencies.yaml"""

    agencies: list[Agency]


class Zone(Strict):
    slug: Slug
    name: Text
    description: Text
    name_origin: NameOrigin = Field(description="Where the English name comes from: official, reported or rendered (this site's)")
    name_confidence: Confidence = Field(description="How sure the English name is")
    name_source: PlainText = Field(description="Who uses the English name, where (page or document, URL) and when; or what it follows")


class ZonesFile(Strict):
    """data/zones.yaml"""

    zones: list[Zone]


class Topic(Strict):
    slug: Slug
    name: Text
    description: Text


class TopicsFile(Strict):
    """data/topics.yaml"""

    topics: list[Topic]


class Term(Strict):
    slug: Slug
    term: Text = Field(description="The term in Chinese and the English the translation uses for it")
    definition: Text
    abbreviation: str | None = Field(default=None, description="A Latin abbreviation explained on hover where it occurs (e.g. AOG)")
    aliases: Aliases = Field(default=Aliases(), description="Abbreviations and short forms readers use; search finds the term by them")
    search_words: Aliases = Field(default=Aliases(), description="Everyday words readers type for the term of art: the literal word for what the Chinese says, plain descriptions (search only)")


class GlossaryFile(Strict):
    """data/glossary.yaml"""

    terms: list[Term]


# A changelog entry's target: an item id, the list, or a registry entry (agencies/<slug> …).
Target = Annotated[str, StringConstraints(pattern=r"^(\d{4}-\d{2,4}|list|(agencies|glossary|zones|topics)/[a-z0-9]+(-[a-z0-9]+)*)$")]
# A field below a target: name.en, intro[1].en, measures[4].en (measure number 4), aliases …
FieldPath = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*$")]


class Change(Strict):
    """One change to published text."""

    target: Target = Field(description="What changed: an item id (2021-05), 'list', or agencies/<slug>, glossary/<slug>, zones/<slug>, topics/<slug>")
    fields: list[FieldPath] = Field(min_length=1, description="The fields that changed, e.g. measures[4].en; a field ending in .zh or .en changed in that language only")
    what: Text = Field(description="What changed")
    why: Text = Field(description="Why")
    superseded: Text | None = Field(default=None, description="Which later change in the same revision replaced this one, when one did")


class Kept(Strict):
    """A review finding answered without changing the text."""

    target: Target
    fields: list[FieldPath] = Field(min_length=1)
    finding: Text
    why: Text


class Revision(Strict):
    """One dated version of the published text."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")] = Field(description="The version number, e.g. 1.1")
    date: date
    title: Text
    summary: Text
    changes: list[Change] = []
    kept: list[Kept] = []
    replaced: dict[Target, dict[FieldPath, PlainText]] = Field(
        default={}, description="The exact text, as published in the version before this one, of every field of an item's text that "
        "this revision changed (an item's name, intro[N], measures[K]; a body's, area's or topic's name), by target and field: "
        "with it, the site rebuilds and shows every published version")
    initial: bool = Field(default=False, description="The first publication (covers every item, lists no changes)")


class ChangelogFile(Strict):
    """data/changelog.yaml"""

    revisions: list[Revision] = Field(min_length=1, description="Newest first; the dataset's version is the first one's")


# File name → model, in the order the files are loaded.
FILES = {
    "reforms.yaml": ReformsFile,
    "agencies.yaml": AgenciesFile,
    "zones.yaml": ZonesFile,
    "topics.yaml": TopicsFile,
    "glossary.yaml": GlossaryFile,
    "changelog.yaml": ChangelogFile,
}
