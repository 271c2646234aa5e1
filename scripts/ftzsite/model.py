"""The shape of the data: the single definition, also published as the JSON Schema.

Every translatable field is a Text pair {zh, en}; both halves are required.
Models forbid unknown keys, so a typo in a key name is an error, not ignored.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

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
    ftz_wide: bool = Field(description="True when the item names no area bureau and applies across the whole FTZ")
    topics: list[Slug] = Field(min_length=1, description="Topic slugs")


class ReformList(Strict):
    """Metadata of one published list."""

    id: Slug = Field(description="The list's id, also the prefix of its item ids (e.g. 2021)")
    year: int
    title: Text
    issuer: Text
    source_note: Text = Field(description="Where the text comes from")


class ReformsFile(Strict):
    """data/reforms.yaml"""

    list: ReformList
    items: list[Item]


class Agency(Strict):
    """A responsible body."""

    slug: Slug
    name: Text = Field(description="Chinese name as in the source, and official English name")
    short: Text = Field(description="Short form used in tables")
    kind: Literal["municipal-government", "central-government-local-office", "ftz-administration", "area-administration", "district-government", "state-owned-enterprise", "trade-promotion-body", "financial-regulator"]
    zone: Slug | None = Field(default=None, description="For an area administration bureau, the area it administers")
    successor: Text | None = Field(default=None, description="What the body became after 2021, if it was renamed or reorganised")
    note: Text | None = None


class AgenciesFile(Strict):
    """data/agencies.yaml"""

    agencies: list[Agency]


class Zone(Strict):
    slug: Slug
    name: Text
    description: Text


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


class Aliases(Strict):
    """Other names readers use for a term (abbreviations, short forms), per language; may be empty."""

    zh: list[str]
    en: list[str]

    @field_validator("zh", "en")
    @classmethod
    def _plain(cls, names: list[str]) -> list[str]:
        return [plain_text(name) for name in names]


class Term(Strict):
    slug: Slug
    term: Text = Field(description="The term in Chinese and the English the translation uses for it")
    definition: Text
    abbreviation: str | None = Field(default=None, description="A Latin abbreviation explained on hover where it occurs (e.g. AOG)")
    aliases: Aliases = Field(default=Aliases(zh=[], en=[]), description="Other names readers search for: abbreviations and common short forms")


class GlossaryFile(Strict):
    """data/glossary.yaml"""

    terms: list[Term]


# File name → model, in the order the files are loaded.
FILES = {
    "reforms.yaml": ReformsFile,
    "agencies.yaml": AgenciesFile,
    "zones.yaml": ZonesFile,
    "topics.yaml": TopicsFile,
    "glossary.yaml": GlossaryFile,
}
