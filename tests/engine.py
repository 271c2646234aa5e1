"""The browser's search engine (docs/assets/javascripts/search-engine.js), run in Node from pytest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "js" / "run-engine.cjs"


def run(mode: str, lang: str, queries: list[str], site: Path | None = None) -> dict[str, list[str]]:
    """query → ids of the items found: by the list filter ('filter') or by the site search over a built site ('search')."""
    stdin = json.dumps({"lang": lang, "queries": list(dict.fromkeys(queries)), "site": str(site) if site else None}, ensure_ascii=False)
    result = subprocess.run(["node", str(RUNNER), mode], input=stdin, capture_output=True, text=True,
                            env={**os.environ, "PYTHON": sys.executable}, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
