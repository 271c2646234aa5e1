"""`ftz-check`: validate the data files and report every problem at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import DATA_DIR, DataError, load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ftz-check", description="Check the data files of the reform list site.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder holding reforms.yaml and its companion files")
    args = parser.parse_args(argv)
    try:
        data = load_dataset(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    measures = sum(len(item.measures) for item in data.items)
    print(f"OK: {len(data.items)} items, {measures} numbered measures, {len(data.agencies)} agencies, "
          f"{len(data.zones)} zones, {len(data.topics)} topics, {len(data.glossary)} glossary terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
