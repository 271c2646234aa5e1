"""Search benchmark: recall@10, best match first, index size and time to results, per language.

    .venv/bin/python scripts/bench_search.py            # the working tree
    .venv/bin/python scripts/bench_search.py --ref REV  # another commit (e.g. before a change)

It builds the site (for --ref, in a temporary git worktree), serves it on
127.0.0.1, types every query of tests/search_queries.py into the search box in
Chromium and prints a table.  The query set is always the current one.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from ftzsite.build import QUIET_BUILD_ENV  # noqa: E402
from search_queries import query_set  # noqa: E402
from search_runner import run_queries  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(source: Path, out: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, **QUIET_BUILD_ENV}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)], cwd=source, env=env, check=True)


def index_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzip bytes of each language's search entries (one shared index counts for both)."""
    sizes = {}
    for lang, folder in (("zh", site / "search"), ("en", site / "en/search")):
        files = [path for path in (folder / "search_index.json", folder / "search_docs.json") if path.exists()]
        if files:
            data = b"".join(path.read_bytes() for path in files)
            sizes[lang] = (len(data), len(gzip.compress(data, 9, mtime=0)))
    return sizes


def measure(source: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as out:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=out))
        url = f"http://127.0.0.1:{server.server_address[1]}"
        build(source, Path(out), url + "/")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        queries = query_set()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            outcomes = run_queries(browser.new_page(), url, queries)
            browser.close()
        sizes = index_sizes(Path(out))
        server.shutdown()
        server.server_close()
    print(f"{'':4} {'queries':>7} {'recall@10':>9} {'best first':>10} {'mixed':>5} {'index raw':>9} {'gzip':>7} {'median ms':>9} {'max ms':>7}")
    for lang in ("zh", "en"):
        mine = [o for o in outcomes if o.query.lang == lang]
        ranked = [o for o in mine if o.best_first is not None]
        raw, packed = sizes.get(lang, (0, 0))
        times = [o.milliseconds for o in mine]
        print(f"{lang:4} {len(mine):7} {sum(not o.missing for o in mine) / len(mine):9.1%} "
              f"{sum(o.best_first for o in ranked) / len(ranked):10.1%} {sum(bool(o.foreign) for o in mine):5} "
              f"{raw / 1024:8.1f}K {packed / 1024:6.1f}K {statistics.median(times):9.1f} {max(times):7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ref", help="git revision to measure instead of the working tree")
    args = parser.parse_args()
    if not args.ref:
        measure(ROOT)
        return
    with tempfile.TemporaryDirectory() as tree:
        subprocess.run(["git", "worktree", "add", "--detach", "-q", tree, args.ref], cwd=ROOT, check=True)
        try:
            measure(Path(tree))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
