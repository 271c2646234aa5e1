"""Provenance: the Chinese in the YAML is the source text, after the documented normalisations only."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ftzsite.data.load import load_dataset
from ftzsite.data.source import SOURCE_FILE, normalise_body, parse_source

SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "000_3c2d139c1bde6cd2.txt"


@pytest.fixture(scope="module")
def pairs():
    return list(zip(parse_source(), load_dataset().items, strict=True))


def test_source_parses_into_24_items():
    assert [item.number for item in parse_source()] == list(range(1, 25))


@pytest.mark.skipif(not SHARED_SOURCE.exists(), reason="the shared source folder is not beside the project")
def test_committed_source_is_the_published_table():
    assert SOURCE_FILE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_names_match_the_source(pairs):
    for source, item in pairs:
        assert item.name.zh == source.name, item.id


def test_intro_paragraphs_match_the_source(pairs):
    for source, item in pairs:
        assert [p.zh for p in item.intro] == source.intro, item.id


def test_measures_match_the_source_with_their_numbers(pairs):
    for source, item in pairs:
        assert [(m.number, m.text.zh) for m in item.measures] == source.measures, item.id


def test_bodies_map_to_the_registry_in_source_order(pairs):
    registry = {a.name.zh: a.slug for a in load_dataset().agencies.values()}
    for source, item in pairs:
        assert [registry[name] for name in source.bodies] == item.agencies, item.id


def test_both_spellings_of_the_ftz_committee_are_one_body():
    assert normalise_body("自贸试验区管委会(创新发展局)") == normalise_body("自贸试验区管委会（创新发展局）")


def _skeleton(text: str) -> str:
    # What no normalisation may change: the characters themselves, with markup,
    # whitespace, measure numbers and the width of punctuation taken out.
    text = re.sub(r"<[^>]+>", "", text)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?:^|(?<=[\s。；>]))\d+\.(?!\d)", "", text)
    return re.sub(r"\s+", "", text)


def mismatches(data) -> list[str]:
    """Items whose Chinese differs from the source in more than markup, spacing and punctuation width."""
    rows = [line.split("\t") for line in SOURCE_FILE.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if len(row) == 4 and row[0].isdigit()]
    found = []
    for row, item in zip(rows, data.items, strict=True):
        ours = "".join([p.zh for p in item.intro] + [m.text.zh for m in item.measures])
        if _skeleton(ours) != _skeleton(row[2]) or _skeleton(item.name.zh) != _skeleton(row[1]).removesuffix("。"):
            found.append(item.id)
    return found


def test_no_character_of_the_content_changed():
    assert mismatches(load_dataset()) == []


def test_one_changed_character_is_caught(data_copy):
    # The check must fail when a single character of the Chinese differs.
    path = data_copy / "reforms.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("天津口岸300余家", "天津口岸301余家"), encoding="utf-8")
    assert mismatches(load_dataset(data_copy)) == ["2021-02"]
