"""A broken data file stops `mkdocs build` with a clear message, before anything is written."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs
from test_data import BROKEN


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_site(site, tmp_path_factory) -> Path:
    """A copy of a good build, to show that a failed build leaves it untouched."""
    copy = tmp_path_factory.mktemp("previous") / "site"
    shutil.copytree(site, copy)
    return copy


# Each case is a failing `mkdocs build` (3–5 s); test_data.py checks every message in-process, fast.
# What only a build shows (it stops before writing, without a traceback) is proven in the fast tier
# by a shape error, a cross-record error and a file that does not parse; the others run in the full suite.
FAST = {"missing english", "unknown body", "yaml syntax"}
assert FAST <= set(BROKEN)
CASES = [pytest.param(case, marks=() if case in FAST else pytest.mark.slow) for case in sorted(BROKEN)]


@pytest.mark.parametrize("case", CASES)
def test_broken_data_stops_the_build_and_leaves_the_site_untouched(case, data_copy, previous_site):
    breaks, expected = BROKEN[case]
    breaks(data_copy)
    site_before = fingerprint(previous_site)
    docs_before = fingerprint(ROOT / "docs")
    result = mkdocs("build", "--site-dir", str(previous_site), env={"FTZ_DATA_DIR": str(data_copy)})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(expected, output), output
    assert "error in the data: nothing was built" in output or "errors in the data: nothing was built" in output
    assert "Traceback" not in output
    assert fingerprint(previous_site) == site_before
    assert fingerprint(ROOT / "docs") == docs_before
