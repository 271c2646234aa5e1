"""Generate the pages from the data: the one entry point the MkDocs hook calls."""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from ..data.load import DATA_DIR, Dataset
from .labels import LABELS_FILE
from .render import TEMPLATES, render_pages

# The documented opt-outs of two third-party banners printed before every build (Material's
# end-of-life notice, and a notice about MkDocs 2 started by mkdocs-redirects): our pins make
# both moot (README, "Stack and its future"), so the project's own commands set them.
QUIET_BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def inputs_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of everything the pages are made from, to skip work already done."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.yaml")) + sorted(TEMPLATES.glob("*")) + [LABELS_FILE]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def source_date() -> str:
    """The date of the sources (YYYY-MM-DD): SOURCE_DATE_EPOCH, else the last commit's date, else today.

    Pages show it as the access date of a citation until the browser puts in the reader's own;
    taking it from the sources keeps two builds of one commit identical.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), timezone.utc).date().isoformat()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=DATA_DIR, capture_output=True, text=True, check=True)
        return out.stdout.strip() or date.today().isoformat()
    except (OSError, subprocess.CalledProcessError):
        return date.today().isoformat()


def generate(site_url: str, data: Dataset) -> dict[str, str]:
    """Every generated file from the dataset (from load_dataset, which validates it): path below docs/ → content.

    The MkDocs hook hands them to the build in memory (theme/generated.py); nothing is written into docs/.
    """
    return render_pages(data, site_url, source_date())
