"""The interface's words in both languages (labels.yaml): read once, shared by every page and the search."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).parent / "labels.yaml"


@cache
def labels() -> dict:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
