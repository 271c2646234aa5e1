"""`ftz-check`: validate the data files and report every problem at once.

It also compares each item's text with its committed fingerprint, so that no
published text changes without a revision in data/changelog.yaml;
`ftz-check --fingerprints` records the fingerprints once the changelog names
every change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import fingerprints
from .load import DATA_DIR, DataError, load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ftz-check", description="Check the data files of the reform list site.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder holding reforms.yaml and its companion files")
    parser.add_argument("--fingerprints", action="store_true", help=f"record the items' fingerprints in {fingerprints.FILE} (after a changelog revision)")
    args = parser.parse_args(argv)
    try:
        data = load_dataset(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    problems = fingerprints.update(data, args.data) if args.fingerprints else fingerprints.problems(data, fingerprints.read(args.data))
    if problems:
        print("\n".join(problems + [f"{len(problems)} item text(s) differ from their fingerprints."]), file=sys.stderr)
        return 1
    measures = sum(len(item.measures) for item in data.items)
    print(f"OK: {len(data.items)} items, {measures} numbered measures, {len(data.agencies)} agencies, "
          f"{len(data.zones)} zones, {len(data.topics)} topics, {len(data.glossary)} glossary terms; version {data.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
