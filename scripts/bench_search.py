"""Search benchmark: recall, best first, mixed languages, and the first search's bytes and time, per language and size.

    .venv/bin/python scripts/bench_search.py                  # 24 and 2,400 items
    .venv/bin/python scripts/bench_search.py --sizes 24 --sample 4

For each size it builds the site (24: the real data; more: the synthetic data of
scripts/bench.py, the real items repeated), serves it compressed (gzip, as a
real host does) and drives the real search box in Chromium:

- quality: the queries of tests/search_queries.py (derived from that size's
  data: all of them at 24 items, an even sample of each kind at larger sizes,
  whose sets run to thousands of queries); recall counts ALL results (the whole list the theme renders as the
  reader scrolls, read from the worker's answer), best first, results in the
  other language;
- the first search: for a sample of queries common to every size, each in a
  fresh browser: the compressed bytes of every request made from typing the
  query until the results show (what the browser reports), and the time to
  results.  Then the ratio of the largest size to the smallest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from bench import build_synthetic  # noqa: E402
from ftzsite.data.load import load_dataset  # noqa: E402
from search_queries import Query, query_set  # noqa: E402
from search_runner import TYPE_QUERY, open_search, run_queries  # noqa: E402
from static_server import serve  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

# The worker's answer is the whole result list the theme renders while the reader scrolls.
CAPTURE_RESULTS = """
(() => {
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3) window.__results = event.data.data.items.map((group) => group.map((doc) => doc.location));
    });
    return worker;
  };
})();
"""


def build(count: int, workdir: Path) -> tuple[Path, Path]:
    """The site of `count` items (a copy of the project: at 24, the real items), and its data folder."""
    project = workdir / "project"
    return build_synthetic(count, project), project / "data"


def worker_results(page) -> list[list[str]]:
    """The links of every result, from the worker's answer that the list renders as the reader scrolls."""
    return page.evaluate("""() => {
      const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
      return (window.__results || []).map((group) => group.map((location) => new URL(location, base).href));
    }""")


def quality(browser, url: str, queries: list[Query]) -> dict[str, dict]:
    context = browser.new_context()
    context.add_init_script(CAPTURE_RESULTS)
    page = context.new_page()
    outcomes = run_queries(page, url, queries, read=worker_results)
    context.close()
    report = {}
    for lang in ("zh", "en"):
        mine = [o for o in outcomes if o.query.lang == lang]
        ranked = [o for o in mine if o.best_first is not None]
        report[lang] = {
            "queries": len(mine), "recall": sum(not o.missing for o in mine) / len(mine),
            "best_first": sum(o.best_first for o in ranked) / len(ranked), "mixed": sum(bool(o.foreign) for o in mine),
            "median_ms": statistics.median(o.milliseconds for o in mine),
        }
    return report


def first_search(browser, url: str, lang: str, text: str) -> tuple[int, float]:
    """Compressed bytes moved and milliseconds to results of a first search, in a fresh browser."""
    context = browser.new_context()
    page = context.new_page()
    open_search(page, url, lang)
    page.wait_for_load_state("networkidle")
    responses = []
    page.on("response", lambda response: responses.append(response))
    elapsed = page.evaluate(TYPE_QUERY, text)
    page.wait_for_load_state("networkidle")
    moved = sum(response.request.sizes()["responseBodySize"] for response in responses)
    context.close()
    return moved, elapsed


def sample(queries: list[Query], size: int) -> list[Query]:
    """Queries spread over the set, of every kind."""
    chosen = []
    for lang in ("zh", "en"):
        for kind in ("text", "alias", "reference"):
            mine = [q for q in queries if q.lang == lang and q.kind == kind]
            step = max(1, len(mine) // size)
            chosen += mine[::step][:size]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[24, 2400])
    parser.add_argument("--sample", type=int, default=8, help="first searches measured per language and kind of query")
    parser.add_argument("--queries", type=int, help="measure quality on this many queries per language and kind "
                        "(default: all of them at 24 items; 100 at larger sizes, whose sets run to thousands)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    firsts = sample(query_set(), args.sample)  # the same texts at every size
    rows, moved = [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for count in args.sizes:
            with tempfile.TemporaryDirectory() as workdir:
                site, data_dir = build(count, Path(workdir))
                queries = query_set(load_dataset(data_dir), args.queries or (None if count == 24 else 100))
                with serve(site) as url:
                    report = quality(browser, url, queries)
                    for query in firsts:
                        moved[(count, query.lang, query.text)] = first_search(browser, url, query.lang, query.text)
            for lang in ("zh", "en"):
                bytes_, times = zip(*(moved[(count, q.lang, q.text)] for q in firsts if q.lang == lang))
                rows.append((count, lang, report[lang], bytes_, times))
        browser.close()
    print("| items | lang | queries | recall (all results) | best first | mixed-language | first search KB gzip, median / max | first search ms, median / max | later searches median ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for count, lang, r, bytes_, times in rows:
        print(f"| {count:,} | {lang} | {r['queries']} | {r['recall']:.1%} | {r['best_first']:.1%} | {r['mixed']} "
              f"| {statistics.median(bytes_) / 1024:.1f} / {max(bytes_) / 1024:.1f} | {statistics.median(times):.0f} / {max(times):.0f} | {r['median_ms']:.1f} |")
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        for lang in ("zh", "en"):
            mine = [q for q in firsts if q.lang == lang]
            byte_ratios = [moved[(large, lang, q.text)][0] / moved[(small, lang, q.text)][0] for q in mine]
            small_ms = statistics.median(moved[(small, lang, q.text)][1] for q in mine)
            large_ms = statistics.median(moved[(large, lang, q.text)][1] for q in mine)
            print(f"\n{lang}: first search at {large:,} / {small:,} items: bytes ×{statistics.median(byte_ratios):.1f} median "
                  f"(×{max(byte_ratios):.1f} max, {len(mine)} queries); time ×{large_ms / small_ms:.1f} (median {small_ms:.0f} → {large_ms:.0f} ms)")


if __name__ == "__main__":
    main()
