"""The public URL contract: every URL the site publishes, which must never break.

tests/url_contract.txt is the committed list.  The tests check that every URL in
it resolves in the built site (or is redirected, see `redirects` in mkdocs.yml),
and that every URL the data publishes is in it.  After adding data, run

    python -m ftzsite.urls --add

which appends the new URLs and never removes one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .exports import version_download
from ..data.load import Dataset, load_dataset
from ..languages import LANGUAGES, root_path

CONTRACT = Path(__file__).resolve().parents[3] / "tests" / "url_contract.txt"
LIST_PAGES = ("", "reforms/", "agencies/", "zones/", "zones/ftz-wide/", "topics/", "matrix/", "bilingual/", "glossary/", "data/", "changelog/", "about/")
DOWNLOADS = ("/data/reforms.json", "/data/reforms.csv", "/data/reforms.schema.json")


def public_urls(data: Dataset) -> list[str]:
    """Every public URL (path and anchor, without host) that the data gives the site."""
    routes = list(LIST_PAGES) + ["changelog/feed.atom"]
    versions = [revision.version for revision in reversed(data.revisions)]
    for item in data.items:
        routes.append(f"reforms/{item.id}/")
        routes += [f"reforms/{item.id}/#measure-{m.number}" for m in item.measures]
        for version in versions:  # each published version of the item, and its measures, at their own addresses
            routes.append(f"reforms/{item.id}/v{version}/")
            routes += [f"reforms/{item.id}/v{version}/#measure-{m.number}" for m in item.measures]
        routes.append(f"reforms/{item.id}/changes/")
    routes += [f"agencies/{slug}/" for slug in data.agencies]
    routes += [f"zones/{slug}/" for slug in data.zones]
    routes += [f"topics/{slug}/" for slug in data.topics]
    return ([root + route for root in map(root_path, LANGUAGES) for route in routes] + list(DOWNLOADS) + [f"/data/reforms/{item.id}.json" for item in data.items]
            + ["/" + version_download(version) for version in versions])


def read_contract(path: Path = CONTRACT) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ftzsite.urls", description="Check or extend the public URL contract.")
    parser.add_argument("--add", action="store_true", help="append the URLs the data publishes that the contract lacks")
    args = parser.parse_args(argv)
    missing = [url for url in public_urls(load_dataset()) if url not in set(read_contract())]
    if args.add and missing:
        with CONTRACT.open("a", encoding="utf-8") as contract:
            contract.writelines(url + "\n" for url in missing)
        print(f"added {len(missing)} URL(s) to {CONTRACT.name}")
    elif missing:
        print(f"{len(missing)} published URL(s) missing from {CONTRACT.name}; run: python -m ftzsite.urls --add", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
