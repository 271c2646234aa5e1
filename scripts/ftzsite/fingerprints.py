"""Nothing changes silently: a committed fingerprint of each item's text, per language.

data/fingerprints.json records, for each item and language, a hash of what the
item publishes in that language (name, intro, measures, and its bodies, areas
and topics) and the revision of data/changelog.yaml it belongs to.  A change to
an item's text shows as a new hash; it is accepted only when a newer revision
of the changelog names that item in that language, and `ftz-check
--fingerprints` then records the new hash with that revision.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import model
from .changelog import LANGUAGES, last_revision
from .load import DATA_DIR, Dataset

FILE = "fingerprints.json"


def fingerprint(item: model.Item, lang: str) -> str:
    """A hash of the item's published text in one language (and of its references, shared by both)."""
    text = {
        "name": getattr(item.name, lang),
        "intro": [getattr(p, lang) for p in item.intro],
        "measures": [[m.number, getattr(m.text, lang)] for m in item.measures],
        "references": [item.agencies, item.zones, item.ftz_wide, item.topics],
    }
    return hashlib.sha256(json.dumps(text, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def read(data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def problems(data: Dataset, recorded: dict, label: str = f"data/{FILE}") -> list[str]:
    """Why the recorded fingerprints and the data disagree (empty when they agree)."""
    found = []
    for item in data.items:
        for lang in LANGUAGES:
            revision = last_revision(data.revisions, item.id, lang).version
            entry = recorded.get(item.id, {}).get(lang)
            if entry is None:
                found.append(f"{label}: {item.id}.{lang}: no fingerprint recorded; run `ftz-check --fingerprints`")
            elif entry["sha256"] != fingerprint(item, lang):
                found.append(f"{label}: {item.id}.{lang}: the published text changed since revision {entry['revision']}"
                             + ("; record the change in data/changelog.yaml (a new revision naming this item), then run `ftz-check --fingerprints`"
                                if revision == entry["revision"] else "; run `ftz-check --fingerprints` to record it"))
            elif entry["revision"] != revision:
                found.append(f"{label}: {item.id}.{lang}: revision {revision} of data/changelog.yaml names this item, but its text is that of revision {entry['revision']}")
    return found


def update(data: Dataset, data_dir: Path = DATA_DIR) -> list[str]:
    """Record the current fingerprints; refuses (returns the problems) where a change is not in the changelog."""
    recorded = read(data_dir)
    refused = [p for p in problems(data, recorded) if "record the change in data/changelog.yaml" in p or "but its text is that of" in p]
    if refused:
        return refused
    fresh = {item.id: {lang: {"sha256": fingerprint(item, lang), "revision": last_revision(data.revisions, item.id, lang).version}
                       for lang in LANGUAGES} for item in data.items}
    (data_dir / FILE).write_text(json.dumps(fresh, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return []
