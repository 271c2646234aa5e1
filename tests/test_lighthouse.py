"""Lighthouse: accessibility, best practices and SEO score 100 on the home and an item page, in both languages."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ARGS, CHROMIUM

pytestmark = pytest.mark.browser
LIGHTHOUSE = Path(__file__).resolve().parents[1] / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        if os.environ.get("REQUIRE_LIGHTHOUSE"):
            pytest.fail("Lighthouse is not installed: run `npm ci`")
        pytest.skip("Lighthouse is not installed (npm ci)")
    return LIGHTHOUSE


@pytest.mark.parametrize("path", ["/", "/reforms/2021-05/", "/en/", "/en/reforms/2021-05/"])
def test_lighthouse_scores_100(lighthouse, base_url, path, tmp_path):
    report = tmp_path / "report.json"
    subprocess.run(
        [str(lighthouse), f"{base_url}{path}", "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags=--headless=new {' '.join(ARGS)}"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    failed = [audit["id"] for audit in result["audits"].values()
              if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert {name: result["categories"][name]["score"] for name in CATEGORIES} == dict.fromkeys(CATEGORIES, 1), failed
    # The hreflang audit really looked at the page's alternates.
    assert result["audits"]["hreflang"]["scoreDisplayMode"] == "binary"
