"""The dataset: complete, valid, and each kind of broken file rejected clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ftzsite.data.check import main as check_main
from ftzsite.data.load import DataError, load_dataset

LANGS = ("zh", "en")


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value.problems


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_real_data_is_complete():
    data = load_dataset()
    assert [item.id for item in data.items] == [f"2021-{n:02d}" for n in range(1, 25)]
    assert len(data.agencies) == 20
    assert sorted(data.zones) == ["airport", "cbd", "dongjiang"]
    assert sum(len(item.measures) for item in data.items) == 38
    # Items without an area bureau are explicitly FTZ-wide.
    assert [item.number for item in data.ftz_wide_items()] == [7, 8, 11, 13, 15, 16, 21]


def test_every_text_has_both_languages():
    data = load_dataset()
    texts = [item.name for item in data.items] + [p for item in data.items for p in item.intro] \
        + [m.text for item in data.items for m in item.measures]
    for text in texts:
        assert text.zh.strip() and text.en.strip()
        assert not re.search(r"[\u4e00-\u9fff]", text.en), f"Chinese left in English: {text.en}"


def test_check_command_passes_on_real_data(capsys):
    assert check_main([]) == 0
    assert capsys.readouterr().out.startswith("OK: 24 items, 38 numbered measures, 20 agencies")


def test_check_command_reports_every_problem_without_traceback(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "agencies: [tianjin-customs, ftz-administration]", "agencies: [tianjin-customs, ftz-admin]")
    edit(data_copy / "reforms.yaml", "topics: [credit-supervision]", "topics: [credit-supervision, credit]")
    assert check_main(["--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "2021-07.agencies: unknown agency 'ftz-admin'" in err
    assert "2021-16.topics: unknown topic 'credit'" in err
    assert err.rstrip().endswith("2 errors in the data: nothing was built.")
    assert "Traceback" not in err


FIRST_NAME = load_dataset().items[0].name  # item 1's name, as the data file writes it

BROKEN = {
    "yaml syntax": (lambda d: edit(d / "reforms.yaml", "  - id: \"2021-03\"", "  - id: [\"2021-03\""),
                    r"reforms\.yaml:\d+: YAML syntax error"),
    "duplicate id": (lambda d: edit(d / "reforms.yaml", 'id: "2021-04"', 'id: "2021-03"'),
                     r"reforms\.yaml: 2021-03\.id: id is used by more than one item"),
    "duplicate number": (lambda d: edit(d / "reforms.yaml", "\n    number: 4\n", "\n    number: 3\n"),
                         r"reforms\.yaml: 3\.number: number 3 is used by more than one item"),
    "missing english": (lambda d: edit(d / "reforms.yaml", f'\n      en: "{FIRST_NAME.en}"', ""),
                        r"reforms\.yaml: 2021-01\.name\.en: required field is missing"),
    "unknown body": (lambda d: edit(d / "reforms.yaml", "agencies: [tianjin-ip-office", "agencies: [tianjin-ip-office, tianjin-ipo"),
                     r"reforms\.yaml: 2021-11\.agencies: unknown agency 'tianjin-ipo'; add it to .*agencies\.yaml"),
    "unknown zone": (lambda d: edit(d / "reforms.yaml", "zones: [dongjiang]", "zones: [dongjang]"),
                     r"reforms\.yaml: 2021-04\.zones: unknown zone 'dongjang'"),
    "unknown topic": (lambda d: edit(d / "reforms.yaml", "topics: [credit-supervision]", "topics: [credit-supervision, credit]"),
                      r"reforms\.yaml: 2021-16\.topics: unknown topic 'credit'"),
    "wrong type": (lambda d: edit(d / "reforms.yaml", "number: 5\n", "number: five\n"),
                   r"reforms\.yaml: 2021-05\.number: input should be a valid integer, found str 'five'"),
    "html in a field": (lambda d: edit(d / "reforms.yaml", 'zh: "跨境电商货物按状态分类监管"', 'zh: "跨境电商<b>货物</b>按状态分类监管"'),
                        r"reforms\.yaml: 2021-04\.name\.zh: must be plain text, found markup '<b>'"),
    "script in english": (lambda d: edit(d / "reforms.yaml", f'en: "{FIRST_NAME.en}', f'en: "<script>alert(1)</script>{FIRST_NAME.en}'),
                          r"reforms\.yaml: 2021-01\.name\.en: must be plain text, found markup '<script>'"),
    "control character": (lambda d: edit(d / "reforms.yaml", "跨境电商货物按状态分类监管\"", "跨境电商货物按状态分类监管\\u0007\""),
                          r"reforms\.yaml: 2021-04\.name\.zh: must not contain control character U\+0007"),
    "unexpected field": (lambda d: edit(d / "reforms.yaml", "    ftz_wide: false\n", "    ftz_wide: false\n    topcis: [finance]\n"),
                         r"reforms\.yaml: 2021-01\.topcis: unknown field \(check the spelling of the key\)"),
    "measure gap": (lambda d: edit(d / "reforms.yaml", "      - number: 2\n", "      - number: 3\n"),
                    r"reforms\.yaml: 2021-01\.measures\[2\]\.number: is 3, expected 2"),
    "zone not from bureau": (lambda d: edit(d / "reforms.yaml", "zones: [dongjiang]", "zones: [airport]"),
                             r"reforms\.yaml: 2021-04\.zones: is \['airport'\], but its area bureaus give \['dongjiang'\]"),
    "not utf-8": (lambda d: (d / "agencies.yaml").write_bytes((d / "agencies.yaml").read_text(encoding="utf-8").encode("gb18030")),
                  r"agencies\.yaml:\d+: not valid UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\); save the file as UTF-8"),
    "empty file": (lambda d: (d / "zones.yaml").write_text("\n", encoding="utf-8"),
                   r"zones\.yaml: file is empty"),
    "byte-order mark": (lambda d: (d / "topics.yaml").write_bytes(b"\xef\xbb\xbf" + (d / "topics.yaml").read_bytes()),
                        r"topics\.yaml: starts with a byte-order mark \(BOM\)"),
    "alias of two bodies": (lambda d: edit(d / "agencies.yaml", "zh: [天津机场片区管理局,", "zh: [天津市银保监局, 天津机场片区管理局,"),
                            r"agencies\.yaml: airport-area-bureau\.aliases: '天津市银保监局' also leads to cbirc-tianjin; a name must lead to one entry"),
    "alias names a parent body": (lambda d: edit(d / "agencies.yaml", "zh: [人民银行天津分行,", "zh: [人行, 人民银行天津分行,"),
                                  r"agencies\.yaml: pbc-tianjin\.aliases: '人行' names another body \(its part_of\), not this one; list it only there"),
    "alias names a successor": (lambda d: edit(d / "agencies.yaml", "zh: [人民银行天津分行,", "zh: [中国人民银行天津市分行, 人民银行天津分行,"),
                                r"agencies\.yaml: pbc-tianjin\.aliases: '中国人民银行天津市分行' names another body \(its successor_body\)"),
    "search word of another body": (lambda d: edit(d / "agencies.yaml", "en: [Tianjin patent office]", "en: [Tianjin patent office, Tianjin customs office]"),
                                    r"agencies\.yaml: tianjin-ip-office\.search_words: 'Tianjin customs office' also leads to tianjin-customs"),
    "official name of medium confidence": (lambda d: edit(d / "agencies.yaml", "name_origin: official\n    name_confidence: high", "name_origin: official\n    name_confidence: medium"),
                                           r"agencies\.yaml: tianjin-development-reform\.name_origin: 'official' needs name_confidence 'high'"),
    "confidence in free text": (lambda d: edit(d / "zones.yaml", "which a review found to read badly.", "which a review found to read badly. Confidence: medium."),
                                r"zones\.yaml: cbd\.name_source: the confidence belongs in name_confidence"),
    "unknown confidence": (lambda d: edit(d / "zones.yaml", "name_confidence: high", "name_confidence: certain"),
                           r"zones\.yaml: airport\.name_confidence: .*'high', 'medium-high', 'medium', 'low-medium' or 'low'"),
    "alias is another name": (lambda d: edit(d / "agencies.yaml", "zh: [天津机场片区管理局,", "zh: [天津海关, 天津机场片区管理局,"),
                              r"agencies\.yaml: airport-area-bureau\.aliases: '天津海关' is the name of tianjin-customs"),
    "registry duplicate": (lambda d: edit(d / "agencies.yaml", "slug: tianjin-transport", "slug: tianjin-commerce"),
                           r"agencies\.yaml: tianjin-commerce\.slug: slug is used by more than one entry"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_is_rejected_with_file_item_and_field(case, data_copy):
    breaks, expected = BROKEN[case]
    breaks(data_copy)
    problems = problems_of(data_copy)
    assert any(re.search(expected, problem) for problem in problems), problems


@pytest.mark.parametrize("cases", [("html in a field", "wrong type", "empty file"), ("unknown body", "unknown topic", "measure gap")])
def test_all_problems_are_reported_at_once(cases, data_copy):
    # Shape problems of all files come together; rules across files run once
    # every file has a valid shape, and then all their problems come together.
    for case in cases:
        BROKEN[case][0](data_copy)
    problems = problems_of(data_copy)
    # Each reported once; a measure renumbered also leaves a changelog entry pointing at its old number.
    consequences = [p for p in problems if "changelog.yaml" in p and "has no field 'measures[2]" in p]
    assert len(problems) == len(set(problems)) == 3 + len(consequences), problems
    for case in cases:
        assert any(re.search(BROKEN[case][1], problem) for problem in problems), case
