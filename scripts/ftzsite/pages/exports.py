"""The open data downloads: the dataset as JSON, as CSV, and the JSON Schema of the JSON.

All three come from the validated dataset and the pydantic models, so the
downloads and their schema cannot drift from data/.
"""

from __future__ import annotations

import csv
import io
import json

from pydantic import Field

from ..data import model
from ..data.load import Dataset
from ..languages import LANGUAGES, folder
from ..data.versions import history, last_change

CSV_COLUMNS = [
    "id", "number", "name_zh", "name_en", "content_zh", "content_en", "measure_count",
    "lead_agency", "agencies", "agencies_zh", "agencies_en", "zones", "ftz_wide", "topics",
    "revised_zh", "revised_en", "dataset_version", "source_zh", "source_en",
]
JOIN = "; "


class RevisionRef(model.Strict):
    version: str = Field(description="The revision of data/changelog.yaml (see /changelog/)")
    date: str = Field(description="Its date, YYYY-MM-DD")


class Revised(model.Strict):
    """The last revision of an item's text in each language."""

    zh: RevisionRef
    en: RevisionRef


class PublishedItem(model.Item):
    """An item as published: the data, its permanent URLs and the last revision of each language."""

    url: model.Text = Field(description="The item's permanent URL in each language")
    revised: Revised


class OpenData(model.Strict):
    """The dataset published at /data/reforms.json."""

    version: str = Field(description="The dataset's version: the newest revision of the changelog")
    list: model.ReformList
    items: list[PublishedItem]
    agencies: list[model.Agency]
    zones: list[model.Zone]
    topics: list[model.Topic]
    glossary: list[model.Term]
    changelog: list[model.Revision] = Field(description="Every change to the published text, newest first")
    chinese_prevails: model.Text = Field(description="Which language prevails")


def language_root(site_url: str, lang: str) -> str:
    """The home page of a language (languages.py): the site root, or /en/."""
    return site_url.rstrip("/") + "/" + folder(lang)


def item_url(site_url: str, item: model.Item, lang: str) -> str:
    """An item's permanent URL."""
    return f"{language_root(site_url, lang)}reforms/{item.id}/"


def published_item(data: Dataset, item: model.Item, site_url: str) -> PublishedItem:
    revised = {lang: last_change(data, item.id, lang) for lang in LANGUAGES}
    return PublishedItem(
        **dict(item), url=model.Text(**{lang: item_url(site_url, item, lang) for lang in LANGUAGES}),
        revised=Revised(**{lang: RevisionRef(version=r.version, date=r.date.isoformat()) for lang, r in revised.items()}),
    )


def open_data(data: Dataset, prevails: dict, site_url: str) -> OpenData:
    return OpenData(
        version=data.version, list=data.reforms.list, items=[published_item(data, item, site_url) for item in data.items],
        agencies=list(data.agencies.values()), zones=list(data.zones.values()), topics=list(data.topics.values()),
        glossary=data.glossary, changelog=data.revisions, chinese_prevails=model.Text(**prevails),
    )


def _dump(value: model.BaseModel) -> str:
    return json.dumps(value.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


def json_schema(site_url: str) -> str:
    schema = OpenData.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{site_url.rstrip('/')}/data/reforms.schema.json", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _content(item: model.Item, lang: str) -> str:
    paragraphs = [getattr(p, lang) for p in item.intro]
    paragraphs += [f"{m.number}. {getattr(m.text, lang)}" for m in item.measures]
    return "\n".join(paragraphs)


def to_csv(data: Dataset) -> str:
    """One row per item, bodies joined by '; '; UTF-8 with a byte-order mark so Excel and WPS read Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in data.items:
        agencies = [data.agencies[slug] for slug in item.agencies]
        writer.writerow([
            item.id, item.number, item.name.zh, item.name.en, _content(item, "zh"), _content(item, "en"), len(item.measures),
            item.agencies[0], JOIN.join(item.agencies), JOIN.join(a.name.zh for a in agencies), JOIN.join(a.name.en for a in agencies),
            JOIN.join(item.zones), "true" if item.ftz_wide else "false", JOIN.join(item.topics),
            *(last_change(data, item.id, lang).version for lang in LANGUAGES), data.version,
            *(getattr(data.reforms.list.publication.known, lang) for lang in LANGUAGES),
        ])
    return "\ufeff" + out.getvalue()


def downloads(data: Dataset, site_url: str, prevails: dict) -> dict[str, str]:
    """Path below docs/ → content of each download: the list, and each item on its own (the same shape as in the list)."""
    published = open_data(data, prevails, site_url)
    files = {
        "data/reforms.json": _dump(published),
        "data/reforms.csv": to_csv(data),
        "data/reforms.schema.json": json_schema(site_url),
    }
    files.update({f"data/reforms/{item.id}.json": _dump(item) for item in published.items})
    for version, at in history(data).items():  # the dataset as it stood in each published version, the current one included
        files[version_download(version)] = _dump(open_data(at, prevails, site_url))
    return files


def version_download(version: str) -> str:
    """The dataset as published in one version: data/reforms-v1.0.json."""
    return f"data/reforms-v{version}.json"
