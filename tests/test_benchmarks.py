"""The benchmark scripts keep working: each runs at its smallest size and prints its table.

A change that breaks a benchmark fails here, not for the next person who needs the numbers.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(SCRIPTS / script), *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.mark.slow  # builds the synthetic site and the plain one, and opens Chromium
def test_the_build_benchmark_prints_its_table():
    out = run("bench.py", "--sizes", "24", "--runs", "1")
    assert out.splitlines()[0].startswith("| items | HTML pages | build s | plain Material s | ratio | ratio min–max |")
    row = next(line for line in out.splitlines() if line.startswith("| 24 | "))
    low, high = map(float, row.split(" | ")[5].split("–"))
    assert low <= float(row.split(" | ")[4]) <= high  # the median ratio lies within the pairs' ratios
    assert "medians of 1 paired run " in out


def test_the_build_benchmark_refuses_no_runs():
    result = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--runs", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--runs must be 1 or more" in result.stderr


@pytest.mark.browser
def test_the_search_benchmark_prints_its_table():
    out = run("bench_search.py", "--sizes", "24", "--sample", "1", "--queries", "3")
    lines = out.splitlines()
    assert lines[0].startswith("| items | lang | queries | recall (all results) |")
    rows = [line for line in lines if line.startswith("| 24 | ")]
    assert [row.split(" | ")[1] for row in rows] == ["zh", "en"]
    assert all("100.0%" in row for row in rows)  # the sampled queries find everything, best first
