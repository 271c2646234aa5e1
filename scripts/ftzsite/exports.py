"""The open data downloads: the dataset as JSON, as CSV, and the JSON Schema of the JSON.

All three come from the validated dataset and the pydantic models, so the
downloads and their schema cannot drift from data/.
"""

from __future__ import annotations

import csv
import io
import json

from pydantic import Field

from . import model
from .load import Dataset

CSV_COLUMNS = [
    "id", "number", "name_zh", "name_en", "content_zh", "content_en", "measure_count",
    "lead_agency", "agencies", "agencies_zh", "agencies_en", "zones", "ftz_wide", "topics",
]
JOIN = "; "


class OpenData(model.Strict):
    """The dataset published at /data/reforms.json."""

    list: model.ReformList
    items: list[model.Item]
    agencies: list[model.Agency]
    zones: list[model.Zone]
    topics: list[model.Topic]
    glossary: list[model.Term]
    chinese_prevails: model.Text = Field(description="Which language prevails")


def open_data(data: Dataset, prevails: dict) -> OpenData:
    return OpenData(
        list=data.reforms.list, items=data.items, agencies=list(data.agencies.values()),
        zones=list(data.zones.values()), topics=list(data.topics.values()), glossary=data.glossary,
        chinese_prevails=model.Text(**prevails),
    )


def to_json(data: Dataset, prevails: dict) -> str:
    return json.dumps(open_data(data, prevails).model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


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
        ])
    return "\ufeff" + out.getvalue()


def downloads(data: Dataset, site_url: str, prevails: dict) -> dict[str, str]:
    """Path below docs/ → content of each download."""
    return {
        "data/reforms.json": to_json(data, prevails),
        "data/reforms.csv": to_csv(data),
        "data/reforms.schema.json": json_schema(site_url),
    }
