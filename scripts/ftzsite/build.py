"""Generate the pages from the data: the one entry point the MkDocs hook calls."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .load import DATA_DIR, load_dataset
from .pages import LABELS_FILE, TEMPLATES, render_pages, write_pages


def inputs_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of everything the pages are made from, to skip work already done."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.yaml")) + sorted(TEMPLATES.glob("*")) + [LABELS_FILE]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def generate(docs_dir: Path, site_url: str, data_dir: Path = DATA_DIR) -> list[str]:
    """Validate the data (raises DataError) and bring docs/ up to date; returns what changed."""
    data = load_dataset(data_dir)
    return write_pages(render_pages(data, site_url), docs_dir)
