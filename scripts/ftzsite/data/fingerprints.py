"""Nothing changes silently: a committed fingerprint of every published version of each item's text.

data/fingerprints.json records, for each item and language, a hash of the text
its page showed in every published version (versions.item_text: name,
paragraphs, measures, and the names of its bodies, areas and topics):
{"2021-05": {"zh": {"1.0": sha256, "1.1": sha256, …}, "en": {…}}}.

Each version's text is rebuilt from the data (versions.py), so the check proves
two things at once: the current text is the newest version's (no edit without
a revision), and every older version still comes out exactly as it was
published (each revision's `replaced` texts are exact).  A recorded fingerprint
never changes: `ftz-check --fingerprints` only adds the versions not yet recorded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .load import DATA_DIR, Dataset
from .versions import LANGUAGES, history, item_text

FILE = "fingerprints.json"


def fingerprint(text: dict) -> str:
    """A hash of an item's text in one language (versions.item_text)."""
    return hashlib.sha256(json.dumps(text, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def read(data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def computed(data: Dataset) -> dict:
    """The fingerprint of every version of every item's text, as rebuilt from the data."""
    versions = history(data)
    return {item.id: {lang: {version: fingerprint(item_text(at, item.id, lang)) for version, at in reversed(versions.items())}
                      for lang in LANGUAGES} for item in data.items}


def problems(data: Dataset, recorded: dict, label: str = f"data/{FILE}") -> list[str]:
    """Why the recorded fingerprints and the data disagree (empty when they agree)."""
    found = []
    newest = data.version
    for item_id, languages in computed(data).items():
        for lang, versions in languages.items():
            for version, sha in versions.items():
                entry = recorded.get(item_id, {}).get(lang, {}).get(version)
                where = f"{label}: {item_id}.{lang}: version {version}"
                if entry is None:
                    found.append(f"{where}: no fingerprint recorded; run `ftz-check --fingerprints`")
                elif entry != sha and version == newest:
                    found.append(f"{where}: the text differs from the text published as version {version}; a change to published text "
                                 "needs a new revision at the top of data/changelog.yaml naming the changed fields, with their old text "
                                 "in `replaced`; then run `ftz-check --fingerprints`")
                elif entry != sha:
                    found.append(f"{where}: the text rebuilt from the data differs from the text published as version {version}; "
                                 "a newer revision's `replaced` in data/changelog.yaml must give the exact old text of every field it changed "
                                 "(see it with `git show`)")
    return found


def update(data: Dataset, data_dir: Path = DATA_DIR) -> list[str]:
    """Record the fingerprints of versions not yet recorded; refuses (returns the problems) where a recorded one disagrees."""
    recorded = read(data_dir)
    refused = [p for p in problems(data, recorded) if "no fingerprint recorded" not in p]
    if refused:
        return refused
    fresh = computed(data)
    for item_id, languages in fresh.items():
        for lang, versions in languages.items():
            versions.update(recorded.get(item_id, {}).get(lang, {}))  # a recorded fingerprint is never rewritten
    (data_dir / FILE).write_text(json.dumps(fresh, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return []
