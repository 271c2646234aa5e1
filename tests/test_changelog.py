"""The changelog: valid, shown grouped by item, item pages and citations carry their last revision, and no text changes silently."""

from __future__ import annotations

import re

import pytest
import yaml

from ftzsite.data import fingerprints
from ftzsite.data.changelog import anchor
from ftzsite.data.versions import item_versions, last_change
from ftzsite.data.check import main as check_main
from ftzsite.data.load import DataError, load_dataset
from test_data import edit, problems_of
from test_site import page, text

DATA = load_dataset()


def test_the_committed_fingerprints_match_the_published_text():
    assert fingerprints.problems(DATA, fingerprints.read()) == [], "record the change in data/changelog.yaml, then run `ftz-check --fingerprints`"


def test_a_text_changed_without_a_revision_fails_and_is_not_recorded(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are encouraged to")
    assert check_main(["--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert (f"fingerprints.json: 2021-14.en: version {DATA.version}: the text differs from the text published as version {DATA.version}; "
            "a change to published text needs a new revision") in err
    assert "2021-14.zh" not in err and "Traceback" not in err
    before = (data_copy / "fingerprints.json").read_bytes()
    assert check_main(["--data", str(data_copy), "--fingerprints"]) == 1  # refused: nothing names the change
    assert (data_copy / "fingerprints.json").read_bytes() == before


def _new_revision(data_copy, replaced: dict | None, fields=("measures[4].en",)) -> None:
    """Add revision 9.9 changing measure 4 of item 14 in English (the edit itself is the caller's)."""
    changelog = yaml.safe_load((data_copy / "changelog.yaml").read_text(encoding="utf-8"))
    change = {"target": "2021-14", "fields": list(fields), "what": {"zh": "措辞。", "en": "Wording."}, "why": {"zh": "测试。", "en": "A test."}}
    newest = {"version": "9.9", "date": DATA.revisions[0].date, "title": {"zh": "测试", "en": "Test"}, "summary": {"zh": "测试。", "en": "A test."},
              "changes": [change]}
    if replaced is not None:
        newest["replaced"] = replaced
    changelog["revisions"].insert(0, newest)
    (data_copy / "changelog.yaml").write_text(yaml.safe_dump(changelog, allow_unicode=True, sort_keys=False), encoding="utf-8")


MEASURE_4 = next(m.text.en for m in next(i for i in DATA.items if i.id == "2021-14").measures if m.number == 4)


def test_a_revision_with_the_replaced_text_lets_the_new_text_be_recorded_and_keeps_the_old_one(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are required to")
    _new_revision(data_copy, {"2021-14": {"measures[4].en": MEASURE_4}})
    assert check_main(["--data", str(data_copy)]) == 1  # not yet recorded
    assert "version 9.9: no fingerprint recorded; run `ftz-check --fingerprints`" in capsys.readouterr().err
    assert check_main(["--data", str(data_copy), "--fingerprints"]) == 0
    recorded, before = fingerprints.read(data_copy), fingerprints.read()
    assert recorded["2021-14"]["en"]["9.9"] != recorded["2021-14"]["en"][DATA.version] == before["2021-14"]["en"][DATA.version]
    assert recorded["2021-14"]["zh"]["9.9"] == recorded["2021-14"]["zh"][DATA.version]
    assert all(recorded[item][lang][v] == sha for item, langs in before.items() for lang, versions in langs.items() for v, sha in versions.items())
    assert check_main(["--data", str(data_copy)]) == 0
    assert "version 9.9" in capsys.readouterr().out
    # the older version still reads as it was published, and the new one as edited
    data = load_dataset(data_copy)
    texts = {v.version: dict(item_versions(data, "2021-14", "en")[i].data.items[13].measures[3].text)["en"]
             for i, v in enumerate(item_versions(data, "2021-14", "en"))}
    assert texts[DATA.version] == MEASURE_4 and "required to" in texts["9.9"]


def test_a_revision_without_the_replaced_text_is_refused(data_copy):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are required to")
    _new_revision(data_copy, None)
    assert any("changelog.yaml: 9.9.replaced: 2021-14 measures[4].en changed, but its old text is not given" in p for p in problems_of(data_copy))


def test_a_replaced_text_that_is_not_exact_breaks_the_older_versions_fingerprint(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are required to")
    _new_revision(data_copy, {"2021-14": {"measures[4].en": MEASURE_4.replace("urged", "urgd")}})
    assert check_main(["--data", str(data_copy), "--fingerprints"]) == 1
    assert (f"2021-14.en: version {DATA.version}: the text rebuilt from the data differs from the text published as version {DATA.version}"
            in capsys.readouterr().err)


def test_a_replaced_text_of_a_field_no_change_names_is_refused(data_copy):
    unnamed = next(item.id for item in DATA.items if not any(change.target == item.id for change in DATA.revisions[0].changes))
    edit(data_copy / "changelog.yaml", '    replaced:\n', f'    replaced:\n      "{unnamed}":\n        "name.en": "Old name"\n')  # the newest revision's
    assert any(f"{DATA.version}.replaced: {unnamed} name.en is not a changed field of item text named by this revision's changes" in p
               for p in problems_of(data_copy))


BROKEN = {
    "unknown target": ('target: "2021-14"\n        fields: ["measures[4].en"]', 'target: "2021-99"\n        fields: ["measures[4].en"]', r"changelog\.yaml: 1\.1\.changes\[\d+\]\.target: no such item or entry '2021-99'"),
    "unknown field": ('fields: ["measures[4].en"]', 'fields: ["measures[9].en"]', r"changelog\.yaml: 1\.1\.changes\[\d+\]\.fields: 2021-14 has no field 'measures\[9\]\.en'"),
    "bad path": ('fields: ["measures[4].en"]', 'fields: ["measures 4"]', r"changelog\.yaml: 1\.1\.changes\[\d+\]\.fields\[1\]: String should match pattern"),
    "order": ('version: "1.1"', 'version: "0.9"', r"changelog\.yaml: 1\.0\.version: revisions run newest first"),
    "two first publications": ("    initial: true\n", "", r"changelog\.yaml: 1\.0\.initial: the oldest revision is the first publication"),
    "missing why": ("        why:\n          zh: \"“推动”意为", "        whyy:\n          zh: \"“推动”意为", r"changelog\.yaml: 1\.1\.changes\[1\]\.why: required field is missing"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_changelog_is_reported_with_its_revision_and_field(case, data_copy):
    old, new, expected = BROKEN[case]
    edit(data_copy / "changelog.yaml", old, new)
    problems = problems_of(data_copy)
    assert any(re.search(expected, problem) for problem in problems), problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_changelog_page_shows_every_revision_and_change_grouped_by_what_it_changes(site, lang):
    soup = page(site, lang, "changelog")
    for revision in DATA.revisions:
        heading = soup.find(id=anchor(revision))
        assert heading is not None and revision.version in text(heading)
        targets = list(dict.fromkeys(change.target for change in revision.changes))
        for target in targets:
            group = soup.find(id=f"{anchor(revision)}-{target.replace('/', '-')}")
            whats = [text(li.find("dd")) for li in group.select("ol.ftz-changes > li")]
            assert whats == [getattr(change.what, lang) for change in revision.changes if change.target == target]
        jump = [a["href"] for a in heading.find_next("nav").select("a")] if targets else []
        assert sorted(jump) == sorted(f"#{anchor(revision)}-{target.replace('/', '-')}" for target in targets)
        items = [href for href in jump if re.search(r"-\d{4}-\d+$", href)]
        assert items == sorted(items, key=lambda href: int(href.rsplit("-", 1)[1]))  # items first, by number
        assert jump[:len(items)] == items
    assert DATA.version in text(soup.select_one(".ftz-version"))
    assert sum(len(r.changes) for r in DATA.revisions) == len(soup.select("section.ftz-change-group:not([id*='-kept-']) ol.ftz-changes > li"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_pages_and_citations_carry_their_last_revision(site, lang):
    first = DATA.revisions[-1]
    for item in DATA.items:
        revision = last_change(DATA, item.id, lang)
        soup = page(site, lang, f"reforms/{item.id}")
        revised = soup.select_one(".ftz-revised")
        expected = f"../../changelog/#{anchor(revision)}" if revision is first else f"changes/#{anchor(revision)}"
        assert revised.a["href"] == expected
        assert revised.time["datetime"] == revision.date.isoformat() and revision.version in text(revised)
        citation = text(soup.select_one("#citation"))
        assert f"/reforms/{item.id}/v{revision.version}/" in citation
        if lang == "zh":
            assert f"[EB/OL]. 中文原文，第{revision.version}版. ({revision.date.isoformat()})[" in citation
        else:
            assert f"(English translation by Tianjin FTZ 2021 Reform Pilot Experiences, not by the issuing body; version {revision.version} of " in citation


def test_an_english_only_revision_leaves_the_chinese_pages_at_the_first_publication():
    changed = {change.target for change in DATA.revisions[0].changes if re.fullmatch(r"\d{4}-\d+", change.target)}
    assert changed and all(last_change(DATA, target, "zh").initial for target in changed)
    assert all(last_change(DATA, target, "en").version == DATA.revisions[0].version for target in changed)


def test_the_loader_rejects_a_missing_changelog(data_copy):
    (data_copy / "changelog.yaml").unlink()
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert any("changelog.yaml: file is missing" in problem for problem in caught.value.problems)
