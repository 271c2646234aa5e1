"""Lighthouse on the home and an item page, in both languages, of the release served by nginx (ftz-serve):
accessibility, best practices and SEO score 100; performance (mobile) at least 95."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ARGS, CHROMIUM, node_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CATEGORIES = ["accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def lighthouse() -> Path:
    return node_tool("lighthouse", "Lighthouse")


PATHS = ["/", "/reforms/2021-05/", "/en/", "/en/reforms/2021-05/"]
PERFORMANCE = 0.95


def audit(lighthouse: Path, url: str, categories: list[str], report: Path) -> dict:
    for attempt in (1, 2):  # on a busy machine Lighthouse sometimes loses the trace (NO_NAVSTART) and asks to run again
        run = subprocess.run(
            [str(lighthouse), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(categories)}", f"--chrome-flags=--headless=new {' '.join(ARGS)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180, capture_output=True, text=True,
        )
        if run.returncode == 0 or attempt == 2 or "run Lighthouse again" not in run.stderr:
            break
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(lighthouse, nginx_url, tmp_path_factory) -> dict[str, list[dict]]:
    """Lighthouse's runs of each page of the release served by nginx, every category at once.

    Performance takes the best of up to five runs: on a shared 2-core machine another process only
    ever slows a run down (the total blocking time then swings from 100 to 600 ms), so the best run
    is the page's own figure; a quiet machine reaches the mark at the first run.  The other categories
    do not depend on timing, and every run must score 100 in them.
    """
    folder = tmp_path_factory.mktemp("lighthouse")
    runs = {}
    for n, path in enumerate(PATHS):
        runs[path] = []
        while len(runs[path]) < 5 and not any(run["categories"]["performance"]["score"] >= PERFORMANCE for run in runs[path]):
            runs[path].append(audit(lighthouse, f"{nginx_url}{path}", CATEGORIES + ["performance"], folder / f"{n}-{len(runs[path])}.json"))
    return runs


@pytest.mark.parametrize("path", PATHS)
def test_lighthouse_scores_100(reports, path):
    for result in reports[path]:
        failed = [audit["id"] for audit in result["audits"].values()
                  if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
        assert {name: result["categories"][name]["score"] for name in CATEGORIES} == dict.fromkeys(CATEGORIES, 1), failed
        # The hreflang audit really looked at the page's alternates.
        assert result["audits"]["hreflang"]["scoreDisplayMode"] == "binary"


@pytest.mark.parametrize("path", PATHS)
def test_lighthouse_mobile_performance_over_nginx(reports, path):
    result = max(reports[path], key=lambda run: run["categories"]["performance"]["score"])
    audits = result["audits"]
    metrics = {name: audits[name]["displayValue"] for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    assert result["configSettings"]["formFactor"] == "mobile"
    assert result["categories"]["performance"]["score"] >= PERFORMANCE, (metrics, [run["categories"]["performance"]["score"] for run in reports[path]])
    assert audits["uses-text-compression"]["score"] == 1  # served precompressed
