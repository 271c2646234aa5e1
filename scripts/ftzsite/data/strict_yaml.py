"""Parse a data file's YAML, refusing what a hand-written dataset never needs.

The data is typed by people and reviewed as text, so YAML's shortcuts only hide
things: an alias makes one value count many times (a 47 KB "billion laughs"
file expands to gigabytes once anything walks it), a duplicate key silently
drops the first value, and deep nesting crashes the parser's C stack. So a file
is refused, with `file:LINE: why`, when it

- is larger than MAX_FILE_BYTES,
- uses an anchor (`&a`) or an alias (`*a`),
- nests mappings and lists deeper than MAX_DEPTH,
- holds one value longer than MAX_VALUE_CHARS,
- repeats a key within one mapping.

The checks run on libyaml's event stream before any Python object is built, so
a hostile file costs one linear scan, never its expansion.
"""

from __future__ import annotations

import reprlib

import yaml

# libyaml's parser when PyYAML has it (10× faster on large lists), else the pure-Python one.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The real files are 3–91 KB and the benchmark's 2,400-item list about 5 MB.
MAX_FILE_BYTES = 8 * 1024 * 1024
# The real data nests 6 levels (file → items → item → measures → measure → text).
MAX_DEPTH = 20
# The longest real text is about 1,500 characters (a changelog note).
MAX_VALUE_CHARS = 20_000


class Refused(Exception):
    """The file is refused; `line` is 1-based (0: the file as a whole)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4


def shorten(value) -> str:
    """repr() of a value, cut to a few dozen characters at most: error messages quote
    values, and a value may be huge or deeply nested."""
    return _SHORT.repr(value)


class _NoDuplicateKeys(_BASE):
    """The safe loader, refusing a key that a mapping already has."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:
                    continue  # an unhashable key: PyYAML reports it itself
                if first != key_node.start_mark.line + 1:
                    raise Refused(key_node.start_mark.line + 1, f"duplicate key {shorten(key)} (first at line {first}); keep one")
        return super().construct_mapping(node, deep)


def _scan(text: str) -> None:
    """Refuse anchors, aliases, deep nesting and long values, from the event stream."""
    parser = _BASE(text)
    try:
        depth = 0
        while parser.check_event():
            event = parser.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent):
                raise Refused(line, f"alias *{shorten(event.anchor)[1:-1]}: anchors and aliases are not allowed in the data; write the value out")
            if getattr(event, "anchor", None) is not None:
                raise Refused(line, f"anchor &{shorten(event.anchor)[1:-1]}: anchors and aliases are not allowed in the data; write the value out")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Refused(line, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_VALUE_CHARS:
                raise Refused(line, f"a value of {len(event.value):,} characters (at most {MAX_VALUE_CHARS:,}): {shorten(event.value)}")
    finally:
        parser.dispose()


def check_size(size: int) -> None:
    """Refuse a file by its size, before it is read."""
    if size > MAX_FILE_BYTES:
        raise Refused(0, f"file is {size:,} bytes, larger than the limit of {MAX_FILE_BYTES:,}")


def parse(text: str):
    """The YAML document in `text` as Python data (call check_size first).

    Raises Refused for what this module refuses, yaml.YAMLError for invalid YAML."""
    _scan(text)
    return yaml.load(text, Loader=_NoDuplicateKeys)
