"""Print benchmark: how many A4 sheets each item page prints on, in Chromium's PDF output.

    .venv/bin/python scripts/bench_print.py [--site site] [--pages /reforms/2021-03/ …]

Prints one line per page (sheets, and whether a sheet is blank), then the totals per language.
Build the site first (`mkdocs build`); version pages can be given with --pages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402
from static_server import serve  # noqa: E402

from ftzsite.data.load import load_dataset  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def sheet_texts(pdf: bytes) -> list[str]:
    """The text of each A4 sheet of a PDF, by poppler's pdftotext (Debian's poppler-utils); a blank sheet has none."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]  # each page ends with a form feed


def print_page(page, url: str) -> tuple[bytes, list[str]]:
    """A page printed by Chromium on A4, as a reader prints it: the PDF and the text of each sheet."""
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    return pdf, sheet_texts(pdf)


def print_pages(site: Path, paths: list[str]) -> dict[str, tuple[int, int]]:
    results = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for path in paths:
            _, texts = print_page(page, base + path)
            results[path] = (len(texts), sum(not text.strip() for text in texts))
        browser.close()
    return results


def item_paths() -> list[str]:
    items = load_dataset().items
    return [f"{root}reforms/{item.id}/" for root in ("/", "/en/") for item in items]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--pages", nargs="*", help="paths to print (default: every item page in both languages)")
    args = parser.parse_args()
    results = print_pages(args.site, args.pages or item_paths())
    for path, (count, blank) in results.items():
        print(f"{path}\t{count} sheet(s)" + (f", {blank} blank" if blank else ""))
    for root, lang in (("/en/", "en"), ("/", "zh")):
        mine = {p: r for p, r in results.items() if p.startswith(root) and (lang == "en" or not p.startswith("/en/"))}
        if mine:
            spread = Counter(count for count, _ in mine.values())
            print(f"{lang}: {len(mine)} pages; " + ", ".join(f"{n} on {k} sheet(s)" for k, n in sorted(spread.items()))
                  + f"; blank sheets: {sum(blank for _, blank in mine.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
