"""Read and validate the data files; the site build and the tests share this.

Problems are collected, never raised one by one: a run reports every problem
of every file as `data/FILE: ITEM.FIELD: what is wrong`, then stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import model, strict_yaml
from .rules import check_rules
from .strict_yaml import shorten

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
# Output stays bounded whatever the data: at most this many shape problems per file, and
# no message longer than MAX_MESSAGE characters (values are quoted shortened anyway).
MAX_PROBLEMS_PER_FILE = 50
MAX_MESSAGE = 500


class DataError(Exception):
    """The data files are not valid; `problems` lists every message."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} data problem(s)")
        self.problems = problems

    def report(self) -> str:
        count = len(self.problems)
        lines = [p if len(p) <= MAX_MESSAGE else p[: MAX_MESSAGE - 1] + "…" for p in self.problems]
        return "\n".join(lines + [f"{count} error{'s' if count != 1 else ''} in the data: nothing was built."])


@dataclass(frozen=True)
class Dataset:
    """All data files, validated, with look-ups by slug."""

    reforms: model.ReformsFile
    agencies: dict[str, model.Agency]
    zones: dict[str, model.Zone]
    topics: dict[str, model.Topic]
    glossary: list[model.Term]
    revisions: list[model.Revision]  # newest first

    @property
    def items(self) -> list[model.Item]:
        return self.reforms.items

    def items_of_agency(self, slug: str) -> list[model.Item]:
        return [item for item in self.items if slug in item.agencies]

    def items_of_zone(self, slug: str) -> list[model.Item]:
        return [item for item in self.items if slug in item.zones]

    def items_of_topic(self, slug: str) -> list[model.Item]:
        return [item for item in self.items if slug in item.topics]

    def ftz_wide_items(self) -> list[model.Item]:
        return [item for item in self.items if item.ftz_wide]

    @property
    def version(self) -> str:
        """The dataset's version: the newest revision's."""
        return self.revisions[0].version


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Load every data file, validate shape and cross-file rules, or raise DataError."""
    problems: list[str] = []
    parsed = {}
    for name, schema in model.FILES.items():
        path = data_dir / name
        label = _label(path)
        raw = _read_yaml(path, label, problems)
        if raw is None:
            continue
        try:
            parsed[name] = schema.model_validate(raw)
        except ValidationError as error:
            found = _describe(error, raw, label)
            if len(found) > MAX_PROBLEMS_PER_FILE:
                found[MAX_PROBLEMS_PER_FILE:] = [f"{label}: … and {len(found) - MAX_PROBLEMS_PER_FILE} more problems in this file"]
            problems.extend(found)
    if not problems:
        problems.extend(check_rules(parsed, {name: _label(data_dir / name) for name in model.FILES}))
    if problems:
        raise DataError(problems)
    return Dataset(
        reforms=parsed["reforms.yaml"],
        agencies={a.slug: a for a in parsed["agencies.yaml"].agencies},
        zones={z.slug: z for z in parsed["zones.yaml"].zones},
        topics={t.slug: t for t in parsed["topics.yaml"].topics},
        glossary=parsed["glossary.yaml"].terms,
        revisions=parsed["changelog.yaml"].revisions,
    )


def _label(path: Path) -> str:
    # Paths in messages are relative to the project when they can be.
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, label: str, problems: list[str]):
    """The file's YAML as Python data, or None after recording why it cannot be read."""
    if not path.is_file():
        problems.append(f"{label}: file is missing")
        return None
    try:
        strict_yaml.check_size(path.stat().st_size)
    except strict_yaml.Refused as refused:
        problems.append(f"{label}: {refused.message}")
        return None
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{label}: starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(f"{label}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save the file as UTF-8")
        return None
    if not text.strip():
        problems.append(f"{label}: file is empty")
        return None
    try:
        raw = strict_yaml.parse(text)
    except strict_yaml.Refused as refused:
        problems.append(f"{label}:{refused.line}: {refused.message}")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}" if mark else ""
        problems.append(f"{label}{where}: YAML syntax error: {error.problem or error.context}")
        return None
    except yaml.YAMLError as error:
        problems.append(f"{label}: YAML error: {shorten(str(error))[1:-1]}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{label}: must be a mapping of keys to values, found {type(raw).__name__}")
        return None
    return raw


def _describe(error: ValidationError, raw: dict, label: str) -> list[str]:
    """Turn pydantic's errors into `file: record.field: message` lines."""
    lines = []
    for detail in error.errors():
        where = _location(detail["loc"], raw)
        lines.append(f"{label}: {where}: {_message(detail)}")
    return lines


def _location(loc: tuple, raw: dict) -> str:
    # ('items', 3, 'name', 'en') → '2021-04.name.en': a record is named by its
    # id or slug, a measure by its number, anything else by its 1-based position.
    parts: list[str] = []
    node = raw
    for depth, key in enumerate(loc):
        child = _child(node, key)
        if isinstance(key, int):
            name = _record_name(child)
            if depth == 1 and name:
                parts = [name]
            else:
                parts.append(f"[{name or key + 1}]")
        else:
            parts.append(str(key))
        node = child
    return ".".join(parts).replace(".[", "[")


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    return None


def _record_name(record) -> str | None:
    if not isinstance(record, dict):
        return None
    name = record.get("id") or record.get("slug") or record.get("number") or record.get("version")
    return (name if isinstance(name, str) and len(name) <= 40 else shorten(name)) if name is not None else None


def _message(detail: dict) -> str:
    kind, message = detail["type"], detail["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling of the key)"
    if kind.endswith("_type"):
        # shortened: the value may be huge, or deeply nested (a repr of it once took gigabytes)
        return f"{message.lower()}, found {type(detail['input']).__name__} {shorten(detail['input'])}"
    return message.removeprefix("Value error, ")
