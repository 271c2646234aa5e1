"""The front-end's unit tests (tests/js/, Node's own test runner) run with the rest: `npm test` must pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_npm_test_passes():
    npm = shutil.which("npm")
    assert npm, "npm is needed (Node.js 18+)"
    result = subprocess.run([npm, "test"], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHON": sys.executable})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
