"""No broken internal link, missing anchor or missing asset, in either language (LinkChecker over the served site)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from static_server import serve

CONFIG = Path(__file__).with_name("linkcheckerrc")


def linkcheck(url: str, *options: str) -> subprocess.CompletedProcess:
    executable = shutil.which("linkchecker") or str(Path(sys.executable).with_name("linkchecker"))
    return subprocess.run([executable, "-f", str(CONFIG), "--no-status", "--no-robots", *options, url],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow  # crawls every page of both languages (about two minutes)
def test_every_link_anchor_and_asset_resolves(base_url):
    result = linkcheck(f"{base_url}/")
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout
    assert result.returncode == 0
    # Both languages were crawled (English through the language switcher), anchors included.
    urls = int(re.search(r"(\d+) links? in \d+ URLs? checked", result.stdout).group(1))
    assert urls > 2 * 24 * 5
    assert f"{base_url}/en/reforms/2021-24/" in linkcheck(f"{base_url}/en/reforms/", "-v", "-r", "1").stdout


def test_the_link_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a> <a href="#nowhere">y</a> <img src="gone.png" alt="">', encoding="utf-8")
    with serve(tmp_path) as url:
        result = linkcheck(f"{url}/")
    assert result.returncode == 1
    assert "1 warning found. 2 errors found." in result.stdout
    for broken in ("missing/", "nowhere", "gone.png"):
        assert broken in result.stdout + result.stderr, broken
