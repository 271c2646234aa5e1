"""Smoke test of scripts/bench_pagefind.py: at 24 items, on a sample of queries, it prints its table."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, node_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# One table row: | items | variant | lang queries | recall | best first | precision | mixed | index s | on disk | KB | ms | warm ms |
ROW = re.compile(r"^\| 24 \| default \| (zh|en) (\d+) \| ([\d.]+)% \| ([\d.]+|nan)% \| ([\d.]+)% \| (\d+) \| [\d.]+ \([\d.]+\) "
                 r"\| [\d,]+ KB / [\d,]+ files \(\+\d+ KB wasm\) \| ([\d.]+) / [\d.]+ \| (\d+) / \d+ \| [\d.]+ / [\d.]+ \|$", re.M)


def test_bench_pagefind_prints_its_table():
    node_tool("pagefind", "Pagefind")  # bench_pagefind.py runs it
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_pagefind.py"), "--sizes", "24", "--queries", "4", "--sample", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pagefind 1."), result.stdout
    rows = {match[1]: match for match in ROW.finditer(result.stdout)}
    assert set(rows) == {"zh", "en"}, result.stdout
    for lang, row in rows.items():
        assert int(row[2]) == 4, row[0]                     # the sample asked for
        assert int(row[6]) == 0, row[0]                     # Pagefind's index of the page's <html lang> only
        assert float(row[7]) > 0 and int(row[8]) > 0, row[0]  # the first search moved bytes and took time
