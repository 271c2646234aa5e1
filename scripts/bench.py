"""Build benchmark: how the build and the pages scale with the number of items.

    .venv/bin/python scripts/bench.py              # 24, 240 and 2,400 items
    .venv/bin/python scripts/bench.py --sizes 24 240
    .venv/bin/python scripts/bench.py --sizes 24 --runs 9   # more paired runs (default 5)
    .venv/bin/python scripts/bench.py --first-load # only the first load of an item page, in Chromium

For each size it makes a synthetic dataset (the real items repeated, with their
real text lengths, bodies, areas and topics), builds the site in a temporary
copy of the project, and builds the same pages again as a plain Material site
(the generated Markdown as hand-written pages, without this project's hook), so
the overhead of generation is a ratio measured in the same run.  Build times are
medians of --runs paired builds (ours and plain, alternating which goes first),
and the ratio is the median of each pair's ratio: one build of a shared 2-core
machine varies by a fifth, a pair's ratio much less.  It prints:
build times, time per page, site size, one item page's HTML size (raw and
gzip), the search index size, and the first load of an item page: Chromium
opens it and waits until the network is idle, without typing anything; every
response body it received is counted in gzip (level 6, as the test server sends it).
"""

from __future__ import annotations

import argparse
import statistics
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from ftzsite.pages.build import QUIET_BUILD_ENV, generate  # noqa: E402
from ftzsite.data.load import load_dataset  # noqa: E402
from search_runner import search_for  # noqa: E402
from static_server import serve  # noqa: E402

PROJECT_FILES = ["mkdocs.yml", "overrides", "scripts", "docs"]


class _NoAliases(yaml.SafeDumper):
    # The data files may not use anchors and aliases (ftzsite/data/strict_yaml.py): write shared values out.
    def ignore_aliases(self, data):
        return True


def yaml_text(data, **options) -> str:
    return yaml.dump(data, Dumper=_NoAliases, **options)


def synthetic_data(target: Path, count: int, versions: int = 3) -> None:
    """The real data with `count` items: item k repeats real item (k-1) mod 24 under its own number.

    With `versions` above the real data's, synthetic revisions follow the real ones, each changing the English
    name of every tenth item (with its old text in `replaced`), so that items have that many versions."""
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("source"))
    real = load_dataset()
    reforms = yaml.safe_load((ROOT / "data" / "reforms.yaml").read_text(encoding="utf-8"))
    items = []
    for number in range(1, count + 1):
        item = real.items[(number - 1) % len(real.items)].model_dump(mode="json", exclude_defaults=True)
        item.update(id=f"{real.reforms.list.id}-{number:02d}", number=number)
        if number > len(real.items):
            item["name"] = {"zh": f"{item['name']['zh']}（样例{number}）", "en": f"{item['name']['en']} (sample {number})"}
        items.append(item)
    reforms["items"] = items
    (target / "reforms.yaml").write_text(yaml_text(reforms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _synthetic_revisions(target, items, versions - len(real.revisions))


def _synthetic_revisions(target: Path, items: list[dict], count: int) -> None:
    """`count` revisions on top of the changelog, each renaming every tenth item in English."""
    if count <= 0:
        return
    changelog = yaml.safe_load((target / "changelog.yaml").read_text(encoding="utf-8"))
    for n in range(1, count + 1):
        newest = changelog["revisions"][0]
        version = f"{newest['version'].split('.')[0]}.{int(newest['version'].split('.')[1]) + 1}"
        changed = items[9::10]
        replaced = {item["id"]: {"name.en": item["name"]["en"]} for item in changed}
        for item in changed:
            item["name"]["en"] += f" (revision {version})"
        text = {"zh": "样例修订。", "en": "A sample revision."}
        changelog["revisions"].insert(0, {
            "version": version, "date": newest["date"], "title": text, "summary": text, "replaced": replaced,
            "changes": [{"target": item["id"], "fields": ["name.en"], "what": text, "why": text} for item in changed],
        })
    (target / "changelog.yaml").write_text(yaml_text(changelog, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reforms = yaml.safe_load((target / "reforms.yaml").read_text(encoding="utf-8"))
    reforms["items"] = items
    (target / "reforms.yaml").write_text(yaml_text(reforms, allow_unicode=True, sort_keys=False), encoding="utf-8")


def copy_project(target: Path) -> None:
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)


def timed_build(project: Path, site: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=project, check=True,
                   env={**os.environ, **QUIET_BUILD_ENV, **env}, capture_output=True)
    return time.perf_counter() - start


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def first_load(site: Path, route: str = "reforms/2021-05/", query: str | None = None, browser=None) -> dict:
    """Open an item page of `site` in Chromium (`browser`, or one launched here), wait until the network is idle,
    and sum the gzip size of every response; with `query`, type it into the search box afterwards and list what
    that fetches."""
    with serve(site) as base:
        if browser:
            return _first_load(browser, base, route, query)
        from playwright.sync_api import sync_playwright
        chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            try:
                return _first_load(browser, base, route, query)
            finally:
                browser.close()


def _first_load(browser, base: str, route: str, query: str | None) -> dict:
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{base}/{route}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the search worker's set-up message and answer
    loaded = [(urlsplit(r.url).path, gz(r.body())) for r in responses if r.status == 200 and r.url.startswith(base)]
    typed = []
    if query:
        before = len(responses)
        search_for(page, query)
        typed = [urlsplit(r.url).path for r in responses[before:]]
    context.close()
    return {"requests": [path for path, _ in loaded], "gzip_bytes": sum(size for _, size in loaded), "after_typing": typed}


def build_synthetic(count: int, project: Path) -> Path:
    """A copy of the project with `count` synthetic items, built; returns its site folder."""
    project.mkdir(parents=True, exist_ok=True)
    copy_project(project)
    synthetic_data(project / "data", count)
    timed_build(project, project / "site", {})
    return project / "site"


def measure(count: int, workdir: Path, runs: int = 5) -> dict:
    ours, plain = workdir / "ours", workdir / "plain"
    for project in (ours, plain):
        project.mkdir()
        copy_project(project)
    synthetic_data(ours / "data", count)
    # The plain build: the same Markdown pages, written out as hand-written ones (our build keeps them in
    # memory), with the theme as it comes and without the hook (nor the folders `mkdocs serve` watches for it:
    # data/ is not part of it).  The site address is the one our build reads from mkdocs.yml (SITE_URL, or its placeholder).
    site_url = load_config(str(ours / "mkdocs.yml")).site_url
    for path, content in generate(site_url, load_dataset(ours / "data")).items():
        (plain / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (plain / "docs" / path).write_bytes(content.encode("utf-8"))
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(hooks|watch):\n(  - .*\n)+", "", config).replace("  custom_dir: overrides\n", "")  # the theme as it comes
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    times = {"ours": [], "plain": []}
    for run in range(runs):  # paired runs; which build goes first alternates, so neither always finds a warmer cache
        order = (("ours", ours), ("plain", plain)) if run % 2 == 0 else (("plain", plain), ("ours", ours))
        for name, project in order:
            shutil.rmtree(project / "site", ignore_errors=True)
            times[name].append(timed_build(project, project / "site", {}))
    ratios = [a / b for a, b in zip(times["ours"], times["plain"])]
    build_ours, build_plain = statistics.median(times["ours"]), statistics.median(times["plain"])
    site = ours / "site"
    pages = list(site.rglob("*.html"))
    item = site / "reforms/2021-05/index.html"
    index = [f for folder in ("search/index", "en/search/index") for f in (site / folder).rglob("*.json")]
    return {
        "items": count, "pages": len(pages), "build": build_ours, "plain": build_plain, "runs": runs,
        "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "per_page_ms": 1000 * build_ours / len(pages),
        "site_mb": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20,
        "item_html": item.stat().st_size, "item_html_gz": gz(item.read_bytes()),
        "index_kb": sum(f.stat().st_size for f in index) / 1024, "index_gz_kb": sum(gz(f.read_bytes()) for f in index) / 1024,
        "first_load_kb": first_load(site)["gzip_bytes"] / 1024,
    }


def report_first_load(sizes: list[int]) -> None:
    """The first load of an item page in each language, and what searching fetches afterwards."""
    print("| items | page | requests before typing | first load (gzip) | from search/ before typing | fetched when typing |")
    print("| --- | --- | --- | --- | --- | --- |")
    for count in sizes:
        with tempfile.TemporaryDirectory() as workdir:
            site = build_synthetic(count, Path(workdir) / "ours")
            for route, query in (("reforms/2021-05/", "海关"), ("en/reforms/2021-05/", "customs")):
                r = first_load(site, route, query)
                search = [p for p in r["requests"] if "/search/" in p]
                print(f"| {count} | /{route} | {len(r['requests'])} | {r['gzip_bytes'] / 1024:.1f} KB | {', '.join(search)} "
                      f"| {', '.join(p for p in r['after_typing'] if '/search/' in p)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[24, 240, 2400])
    parser.add_argument("--runs", type=int, default=5, help="paired builds (ours, plain) per size; medians are reported (default 5)")
    parser.add_argument("--first-load", action="store_true", help="measure only the first load of an item page")
    args = parser.parse_args()
    if args.first_load:
        report_first_load(args.sizes)
        return
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    print("| items | HTML pages | build s | plain Material s | ratio | ratio min–max | ms/page | site MB | item page HTML (gzip) | search index zh+en on disk (gzip) | item first load gzip |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as workdir:
            r = measure(count, Path(workdir), args.runs)
        rows.append(r)
        print(f"| {r['items']} | {r['pages']} | {r['build']:.1f} | {r['plain']:.1f} | {r['ratio']:.2f} | {r['ratio_min']:.2f}–{r['ratio_max']:.2f} | {r['per_page_ms']:.1f} "
              f"| {r['site_mb']:.1f} | {r['item_html'] / 1024:.1f} KB ({r['item_html_gz'] / 1024:.1f} KB) "
              f"| {r['index_kb']:.0f} KB ({r['index_gz_kb']:.0f} KB) | {r['first_load_kb']:.0f} KB |", flush=True)
    print(f"\nbuild times: medians of {args.runs} paired run{'s' * (args.runs != 1)} (ours, plain, alternating); ratio: the median of the pairs' ratios")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\nitem page HTML: {100 * (last['item_html'] / first['item_html'] - 1):+.1f}% from {first['items']} to {last['items']} items; "
              f"build time per item: {first['build'] / first['items'] * 1000:.0f} ms at {first['items']}, {last['build'] / last['items'] * 1000:.0f} ms at {last['items']}")


if __name__ == "__main__":
    main()
