"""Pagefind benchmark: how Pagefind (https://pagefind.app) would search this site, at 24 and 2,400 items.

    npm ci && .venv/bin/python scripts/bench_pagefind.py          # 24 and 2,400 items
    .venv/bin/python scripts/bench_pagefind.py --sizes 24 --variants default phrase chars --misses
    .venv/bin/python scripts/bench_pagefind.py --sizes 24 --show 天津海关 银保监 机场片区

For each size it builds the site in a temporary copy of the project from the
synthetic dataset of scripts/bench.py (at 24 items, the real items), then:

1. marks on the built item pages what Pagefind indexes -- what the templates would
   do if the site used Pagefind; the site itself is not changed: the article is the
   body, the item name weighs 10 and its content 2 (Pagefind's scale is quadratic),
   bodies, areas and topics 1, interface labels, buttons and what the site's own
   search excludes (data-search-exclude) are ignored, the item's id and number
   (2021-05, 第5项, Item 5) are metadata, and each numbered measure is a sub result;
   only item pages are indexed;
2. indexes it with the pinned Pagefind of package.json (one index per <html lang>),
   and once per language on its own for the time per language;
3. serves it on 127.0.0.1 with gzip (level 6, text types; Pagefind's own files are
   already compressed) and, in Chromium, runs every query of tests/search_queries.py
   (no limit on expected items) through Pagefind's JS API on a page of the query's
   language (item 5's page): pagefind.js is imported and initialised when the query is typed, then
   search(), then data() of the first 10 results; all result ids are mapped to their
   URLs (a result's id names its fragment file) for recall over ALL results.

Columns: recall = share of queries whose expected items are all among the results;
best first = the first item is one whose name has the query (queries that have one);
precision = mean share of the items found that the query expects (Pagefind matches
words anywhere on the page, the query set substrings); first search = a sample of
queries (the same texts at every size), each on a fresh page in a fresh browser
context: encoded body bytes of every request from typing to results (Chromium's
responseBodySize; the site's own search files are not loaded) and the time; warm
search = every query one after another in one page.

Variants of the Chinese search (--variants):
  default  the query as typed; Pagefind segments the index (extended build, jieba
           dictionary) and the query (the browser's Intl.Segmenter)
  phrase   the query in double quotes: Pagefind's exact-phrase search
  chars    Chinese indexed one character per word (the indexed copy has a space
           between Han characters, punctuation dropped) and the query's characters
           searched as a phrase: substring search
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

import search_queries  # noqa: E402
from bench import build_synthetic  # noqa: E402
from ftzsite.data.load import load_dataset  # noqa: E402
from ftzsite.pages.labels import labels  # noqa: E402
from static_server import serve  # noqa: E402

PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# Searches run on an item page, whose HTML is the same size at every size (the home page lists
# every item: 0.9 MB at 2,400 items, and its parsing would be timed with the search).
SEARCH_PAGE = {"zh": "/reforms/2021-05/", "en": "/en/reforms/2021-05/"}
ITEM_PAGE = re.compile(r"^(?:en/)?reforms/\d{4}-\d+/index\.html$")
ITEM_URL = re.compile(r"^/(?:en/)?reforms/(\d{4}-\d+)/$")
HAN = "\u3400-\u9fff\uf900-\ufaff"
PUNCTUATION = re.compile(r"[^\w\s]")
VARIANTS = ("default", "phrase", "chars")
TOP = 10  # results whose data() a results list loads
# The item's id and number (metadata `keywords`) weigh as much as its name (title), so "Item 9" puts item 9 first.
OPTIONS = '{"ranking": {"metaWeights": {"keywords": 5.0}}}'


# ---------------------------------------------------------------- build and mark
def build(count: int, work: Path) -> tuple[Path, Path]:
    """The site of `count` items, built from a copy of the project; returns (site, data dir)."""
    project = work / "project"
    return build_synthetic(count, project), project / "data"


def item_keywords(route: str, lang: str) -> list[str]:
    """How an item is cited: its id (2021-05), its number in words (第5项, Item 5) and the bare number."""
    item_id = route.strip("/").rsplit("/", 1)[-1]
    number = int(item_id.split("-")[1])
    return [item_id, labels()["item_number"][lang].format(n=number), str(number)]


def mark_item_page(html: str, route: str, lang: str) -> str:
    """Pagefind's attributes on a built item page (what the item template would carry)."""
    # Pagefind splits metadata on whitespace only (no segmentation): 第5项 is written 第 5 项.
    keywords = " ".join(spaced(keyword) for keyword in item_keywords(route, lang))
    measure = "第{}条" if lang == "zh" else "Measure {}"
    html = html.replace('<article class="md-content__inner md-typeset">',
                        f'<article class="md-content__inner md-typeset" data-pagefind-body data-pagefind-meta="keywords:{keywords}">', 1)
    html = re.sub(r"<h1 ", '<h1 data-pagefind-weight="10" ', html, count=1)
    html = html.replace('<div class="ftz-content">', '<div class="ftz-content" data-pagefind-weight="2">', 1)
    html = re.sub(r'<li id="measure-(\d+)"', lambda m: f'<li id="measure-{m[1]}" data-pagefind-title="{measure.format(m[1])}"', html)
    html = re.sub(r"\bdata-search-exclude\b", "data-search-exclude data-pagefind-ignore", html)
    html = re.sub(r'<h2 id="(content|agencies|areas|topics)"', r'<h2 data-pagefind-ignore id="\1"', html)
    html = html.replace('<span class="ftz-lead">', '<span class="ftz-lead" data-pagefind-ignore>')
    return html.replace("<button ", "<button data-pagefind-ignore ")


def spaced(text: str, strip: bool = False) -> str:
    """Every Han character a word of its own; with `strip`, punctuation dropped (it would break a phrase)."""
    if strip:
        text = re.sub(PUNCTUATION, " ", text)
    return re.sub(r"\s+", " ", re.sub(f"([{HAN}])", r" \1 ", text)).strip()


def space_han(html: str) -> str:
    """A page's text as `spaced` words (tags and attributes untouched), for the `chars` variant."""
    parts = re.split(r"(<[^>]*>)", html)
    return "".join(part if part.startswith("<") else f" {spaced(part, strip=True)} " for part in parts)


def mark_site(site: Path, copy: Path | None) -> None:
    """Mark every item page; with `copy`, also write them there to index, Chinese ones with spaced Han characters."""
    for page in site.rglob("index.html"):
        route = page.parent.relative_to(site).as_posix() + "/"
        if not ITEM_PAGE.match(route + "index.html"):
            continue
        lang = "en" if route.startswith("en/") else "zh"
        html = mark_item_page(page.read_text(encoding="utf-8"), route.removeprefix("en/"), lang)
        page.write_text(html, encoding="utf-8")
        if copy is not None:
            target = copy / route / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(space_han(html) if lang == "zh" else html, encoding="utf-8")


# ---------------------------------------------------------------- index
def pagefind(source: Path, output: Path, glob: str | None = None) -> float:
    """Run the Pagefind CLI; returns the seconds it took."""
    command = [str(PAGEFIND), "--site", str(source), "--output-path", str(output), "--silent"]
    if glob:
        command += ["--glob", glob]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def bundle_sizes(bundle: Path) -> dict[str, dict[str, int]]:
    """On-disk bytes of each language's index files (index chunks, fragments, metadata) and its wasm."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    sizes = {}
    for lang, info in entry["languages"].items():
        files = [f for f in bundle.rglob("*") if f.is_file() and f.name.startswith((f"{lang}_", f"pagefind.{lang}_"))]
        wasm = bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind"
        sizes[lang] = {"index": sum(f.stat().st_size for f in files), "files": len(files),
                       "pages": info["page_count"], "wasm": wasm.stat().st_size}
    return sizes


def fragments(bundle: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Result id -> page URL (a result's data() is the fragment file of that name), and URL -> indexed text
    (words as Pagefind cut them, joined by U+200B in Chinese)."""
    urls, texts = {}, {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        urls[fragment.stem] = data["url"]
        texts[data["url"]] = data["content"]
    return urls, texts


def index_site(site: Path, source: Path) -> dict:
    """Index `source` into site/pagefind (one run, both languages), then each language on its own."""
    bundle = site / "pagefind"
    seconds = pagefind(source, bundle)
    per_lang = {}
    with tempfile.TemporaryDirectory() as scratch:
        for lang, glob in (("zh", "reforms/**/*.html"), ("en", "en/reforms/**/*.html")):
            per_lang[lang] = pagefind(source, Path(scratch) / lang, glob)
    urls, texts = fragments(bundle)
    return {"seconds": seconds, "per_lang": per_lang, "sizes": bundle_sizes(bundle), "urls": urls, "texts": texts}


# ---------------------------------------------------------------- serve
# ---------------------------------------------------------------- search in Chromium
# Imports and initialises Pagefind on the first call (as a search box would when the
# reader types), searches, and loads the data of the first results.
SEARCH_JS = """
async ({query, options, top}) => {
  const start = performance.now();
  if (!window.__pagefind) {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options(options);
    await pagefind.init();
    window.__pagefind = pagefind;
  }
  const search = await window.__pagefind.search(query);
  const shown = await Promise.all(search.results.slice(0, top).map(r => r.data()));
  const words = new Intl.Segmenter(document.documentElement.lang, {granularity: "word"});
  return {
    terms: [...words.segment(query)].filter(s => s.isWordLike).map(s => s.segment),
    ms: performance.now() - start,
    ids: search.results.map(r => r.id),
    shown: shown.map(d => ({url: d.url, title: d.meta.title, subs: d.sub_results.map(s => s.url)})),
  };
}
"""


def query_text(text: str, variant: str) -> str:
    """What the search box would pass to Pagefind for what the reader typed."""
    if variant == "phrase":
        return f'"{text}"'
    if variant == "chars" and re.search(f"[{HAN}]", text):
        return f'"{spaced(text, strip=True)}"'
    return text


@dataclass
class Outcome:
    query: search_queries.Query
    urls: list[str]        # every result's URL, best first
    ms: float
    terms: list[str] = field(default_factory=list)   # the query's words, as the browser cuts them
    bytes: int = 0
    other: list[str] = field(default_factory=list)   # requests outside /pagefind/ or failed (not counted)

    @property
    def items(self) -> list[str]:
        return [m[1] for url in self.urls if (m := ITEM_URL.match(url))]

    @property
    def missing(self) -> list[str]:
        found = set(self.items)
        return [item for item in self.query.items if item not in found]

    @property
    def precision(self) -> float:
        """Share of the items found that the query expects (Chinese: the query is a substring of the item)."""
        return sum(item in self.query.items for item in self.items) / len(self.items) if self.items else 1.0

    @property
    def foreign(self) -> list[str]:
        return [url for url in self.urls if url.startswith("/en/") != (self.query.lang == "en")]

    @property
    def best_first(self) -> bool | None:
        if not self.query.first:
            return None
        return bool(self.items) and self.items[0] in self.query.first


def search(page, query, variant: str, urls: dict[str, str], options: dict) -> Outcome:
    result = page.evaluate(SEARCH_JS, {"query": query_text(query.text, variant), "options": options, "top": TOP})
    return Outcome(query, [urls.get(i, f"?{i}") for i in result["ids"]], result["ms"], result["terms"])


# The site's own search (its worker and index) is what Pagefind would replace, and the sitemap is
# on the public host: neither is loaded, so that only Pagefind's requests fall in the window.
NOT_LOADED = re.compile(r"/search/search_(index|docs)\.json|/search/index/|/search-(worker|engine)\.js|^https://")


def new_page(browser):
    context = browser.new_context()
    context.route(NOT_LOADED, lambda route: route.abort())
    return context, context.new_page()


def first_search(browser, base: str, query, variant: str, urls: dict[str, str], options: dict) -> Outcome:
    """One search on a fresh page in a fresh context: bytes and time from typing to results."""
    context, page = new_page(browser)
    page.goto(base + SEARCH_PAGE[query.lang], wait_until="networkidle")
    requests = []
    context.on("request", lambda request: requests.append(request))
    outcome = search(page, query, variant, urls, options)
    page.wait_for_load_state("networkidle")
    for request in requests:
        if "/pagefind/" not in request.url or request.failure is not None:
            outcome.other.append(f"{request.url} {request.failure or ''}".strip())
            continue
        size = request.sizes()["responseBodySize"]
        if not size and (response := request.response()):
            # Chromium gives no body size for a worker's own script: its Content-Length is the encoded size.
            size = int(response.headers.get("content-length", 0))
        outcome.bytes += size
    context.close()
    return outcome


def run(base: str, queries: list, variant: str, urls: dict[str, str], sample: int, options: dict) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    report = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang in ("zh", "en"):
            mine = [q for q in queries if q.lang == lang]
            if not mine:
                continue
            context, page = new_page(browser)
            page.goto(base + SEARCH_PAGE[lang], wait_until="networkidle")
            warm = [search(page, q, variant, urls, options) for q in mine]
            context.close()
            # The same texts at every size (those of the real data's set), so that the ratio compares like with like.
            same = [q for q in mine if (q.lang, q.text) in REAL_TEXTS] or mine
            step = max(1, len(same) // sample) if sample else len(same) + 1
            cold = [first_search(browser, base, q, variant, urls, options) for q in same[::step][:sample]]
            report[lang] = {"warm": warm, "cold": cold}
        browser.close()
    return report


# ---------------------------------------------------------------- queries
REAL_TEXTS: set[tuple[str, str]] = set()  # (lang, text) of the real data's query set: the first searches' sample


def query_set(data_dir: Path, limit: int | None = None) -> list:
    """The project's query set for this data (tests/search_queries.py): every query, or `limit` of each kind."""
    REAL_TEXTS.update((q.lang, q.text) for q in search_queries.query_set(load_dataset()))
    return search_queries.query_set(load_dataset(data_dir), limit)


# ---------------------------------------------------------------- report
def pick(queries: list, limit: int | None) -> list:
    """All queries, or `limit` of each language spread evenly over the set."""
    if not limit:
        return queries
    chosen = []
    for lang in ("zh", "en"):
        mine = [q for q in queries if q.lang == lang]
        step = max(1, len(mine) // limit)
        chosen += mine[::step][:limit]
    return chosen


def measure(count: int, variant: str, args) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site, data_dir = build(count, work)
        copy = work / "spaced" if variant == "chars" else None
        mark_site(site, copy)
        index = index_site(site, copy or site)
        queries = pick(query_set(data_dir, None if count == 24 else 100), args.queries)
        with serve(site) as base:  # compressed like a real host (tests/static_server.py)
            report = run(base, queries, variant, index["urls"], args.sample, json.loads(args.options))
    rows = []
    for lang, outcomes in report.items():
        warm, cold = outcomes["warm"], outcomes["cold"]
        ranked = [o for o in warm if o.best_first is not None]
        size = index["sizes"].get(lang, {})
        rows.append({
            "items": count, "variant": variant, "lang": lang, "queries": len(warm),
            "recall": sum(not o.missing for o in warm) / len(warm),
            "best_first": sum(o.best_first for o in ranked) / len(ranked) if ranked else float("nan"),
            "foreign": sum(bool(o.foreign) for o in warm), "precision": statistics.mean(o.precision for o in warm),
            "index_s": index["per_lang"][lang], "index_all_s": index["seconds"],
            "index_kb": size.get("index", 0) / 1024, "files": size.get("files", 0), "wasm_kb": size.get("wasm", 0) / 1024,
            "cold_kb": [o.bytes / 1024 for o in cold], "cold_ms": [o.ms for o in cold], "warm_ms": [o.ms for o in warm[1:]] or [warm[0].ms],
            "other": sorted({u for o in cold for u in o.other}), "misses": [o for o in warm if o.missing],
            "worst": [o for o in warm if o.best_first is False], "warm": warm, "texts": index["texts"],
        })
    return rows


def print_row(r: dict) -> None:
    mid = statistics.median
    print(f"| {r['items']:,} | {r['variant']} | {r['lang']} {r['queries']} | {r['recall']:.1%} | {r['best_first']:.1%} | {r['precision']:.1%} | {r['foreign']} "
          f"| {r['index_s']:.2f} ({r['index_all_s']:.2f}) | {r['index_kb']:,.0f} KB / {r['files']:,} files (+{r['wasm_kb']:.0f} KB wasm) "
          f"| {mid(r['cold_kb']):.1f} / {max(r['cold_kb']):.1f} | {mid(r['cold_ms']):.0f} / {max(r['cold_ms']):.0f} "
          f"| {mid(r['warm_ms']):.1f} / {max(r['warm_ms']):.1f} |", flush=True)


def listed(lines: list[str], limit: int = 15) -> None:
    for line in lines[:limit]:
        print(line)
    if len(lines) > limit:
        print(f"  … and {len(lines) - limit} more")


def print_misses(r: dict) -> None:
    lang = r["lang"]
    listed([f"  miss {lang} {o.query.text!r}: {len(o.missing)} of {len(o.query.items)} expected items not found "
            f"({', '.join(o.missing[:6])}{' …' if len(o.missing) > 6 else ''}); {len(o.items)} items found" for o in r["misses"]])
    listed([f"  not best first {lang} {o.query.text!r}: first item {o.items[0] if o.items else None}, "
            f"wanted one of {', '.join(o.query.first[:4])}{' …' if len(o.query.first) > 4 else ''}" for o in r["worst"]])
    loose = sorted((o for o in r["warm"] if o.precision < 1), key=lambda o: o.precision)
    listed([f"  unexpected items {lang} {o.query.text!r}: {len(o.items) - round(o.precision * len(o.items))} of {len(o.items)} "
            f"items found do not contain it" for o in loose])
    if r["other"]:
        print(f"  not counted: requests outside /pagefind/ or failed, during first searches: {r['other'][:10]}")


def indexed_as(text: str, pages: list[str]) -> str:
    """How Pagefind cut `text` where it occurs in these pages (| between words), commonest first."""
    pattern = re.compile("[\u200b ]*".join(re.escape(c) for c in text if not c.isspace()), re.I)
    forms = Counter(re.sub("[\u200b ]+", "|", m[0]) for page in pages for m in pattern.finditer(page))
    return ", ".join(f"{form} ×{count}" for form, count in forms.most_common(3)) or "?"


def print_details(r: dict, texts: list[str]) -> None:
    """What Pagefind made of some queries: the words of the query and of the index, misses, extra items, first item."""
    root = "/en/reforms/" if r["lang"] == "en" else "/reforms/"
    for o in r["warm"]:
        if o.query.text not in texts:
            continue
        pages = [r["texts"].get(f"{root}{item}/", "") for item in o.query.items[:24]]
        print(f"  {r['lang']} {o.query.text!r}: query words {'|'.join(o.terms)}; in the index {indexed_as(o.query.text, pages)}; "
              f"{len(o.query.items)} expected, {len(o.items)} found, {len(o.missing)} missed, "
              f"{len(o.items) - round(o.precision * len(o.items))} not containing it; first {o.items[:1]}, best first {o.best_first}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[24, 2400])
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=["default"])
    parser.add_argument("--queries", type=int, help="run only this many queries per language (spread over the set)")
    parser.add_argument("--sample", type=int, default=20, help="first searches measured per language, each in a fresh context")
    parser.add_argument("--options", default=OPTIONS, help="pagefind.options() as JSON (ranking, etc.); default: %(default)s")
    parser.add_argument("--misses", action="store_true", help="list the queries that miss items or rank another item first")
    parser.add_argument("--show", nargs="+", default=[], metavar="QUERY", help="what Pagefind made of these queries of the set")
    args = parser.parse_args()
    if args.sample < 1:
        parser.error("--sample must be at least 1")
    if not PAGEFIND.exists():
        sys.exit("Pagefind is not installed: run `npm ci` first.")
    version = subprocess.run([str(PAGEFIND), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"{version}; first search: median / max over {args.sample} queries per language, each in a fresh context\n")
    print("| items | variant | queries | recall (all results) | best first | precision | queries with other-language results "
          "| index s, this language (both) | index on disk | first search KB | first search ms | warm search ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = []
    for count in args.sizes:
        for variant in args.variants:
            for row in measure(count, variant, args):
                rows.append(row)
                print_row(row)
    if args.misses or args.show:
        for row in rows:
            print(f"\n{row['items']:,} items, {row['variant']}, {row['lang']}:")
            print_details(row, args.show)
            if args.misses:
                print_misses(row)
    for variant in args.variants:
        for lang in ("zh", "en"):
            mine = [r for r in rows if r["variant"] == variant and r["lang"] == lang]
            if len(mine) > 1:
                a, b = mine[0], mine[-1]
                mid = statistics.median
                print(f"\n{variant} {lang}: first search at {b['items']:,} / at {a['items']:,} items: "
                      f"bytes {mid(b['cold_kb']) / mid(a['cold_kb']):.1f}× (max {max(b['cold_kb']) / max(a['cold_kb']):.1f}×), "
                      f"time {mid(b['cold_ms']) / mid(a['cold_ms']):.1f}× (max {max(b['cold_ms']) / max(a['cold_ms']):.1f}×)")


if __name__ == "__main__":
    main()
