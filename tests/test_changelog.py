"""Versions: the changelog is valid and shown, item pages and citations carry their last revision, and no text changes silently."""

from __future__ import annotations

import re

import pytest
import yaml

from ftzsite import fingerprints
from ftzsite.changelog import anchor, last_revision
from ftzsite.check import main as check_main
from ftzsite.load import DataError, load_dataset
from test_data import edit, problems_of
from test_site import page, text

DATA = load_dataset()


def test_the_committed_fingerprints_match_the_published_text():
    assert fingerprints.problems(DATA, fingerprints.read()) == [], "record the change in data/changelog.yaml, then run `ftz-check --fingerprints`"


def test_a_text_changed_without_a_revision_fails_and_is_not_recorded(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are encouraged to")
    assert check_main(["--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"fingerprints.json: 2021-14.en: the published text changed since revision {DATA.version}; record the change in data/changelog.yaml" in err
    assert "2021-14.zh" not in err and "Traceback" not in err
    before = (data_copy / "fingerprints.json").read_bytes()
    assert check_main(["--data", str(data_copy), "--fingerprints"]) == 1  # refused: nothing names the change
    assert (data_copy / "fingerprints.json").read_bytes() == before


def test_a_revision_naming_the_item_lets_the_new_text_be_recorded(data_copy, capsys):
    edit(data_copy / "reforms.yaml", "Commercial banks are urged to", "Commercial banks are required to")
    changelog = yaml.safe_load((data_copy / "changelog.yaml").read_text(encoding="utf-8"))
    change = {"target": "2021-14", "fields": ["measures[4].en"], "what": {"zh": "措辞。", "en": "Wording."}, "why": {"zh": "测试。", "en": "A test."}}
    major, minor = DATA.version.split(".")
    following = f"{major}.{int(minor) + 1}"
    newest = {"version": following, "date": DATA.revisions[0].date, "title": {"zh": "测试", "en": "Test"}, "summary": {"zh": "测试。", "en": "A test."}, "changes": [change]}
    changelog["revisions"].insert(0, newest)
    (data_copy / "changelog.yaml").write_text(yaml.safe_dump(changelog, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check_main(["--data", str(data_copy)]) == 1  # not yet recorded
    assert "run `ftz-check --fingerprints` to record it" in capsys.readouterr().err
    assert check_main(["--data", str(data_copy), "--fingerprints"]) == 0
    recorded = fingerprints.read(data_copy)
    assert recorded["2021-14"]["en"]["revision"] == following and recorded["2021-14"]["zh"]["revision"] == "1.0"
    assert check_main(["--data", str(data_copy)]) == 0
    assert f"version {following}" in capsys.readouterr().out


def test_a_revision_that_names_an_unchanged_item_fails(data_copy):
    edit(data_copy / "changelog.yaml", 'target: "2021-14"\n        fields: ["measures[4].en"]', 'target: "2021-14"\n        fields: ["measures[4].en", "measures[3].zh"]')
    assert any("2021-14.zh: revision 1.1 of data/changelog.yaml names this item, but its text is that of revision 1.0" in p
               for p in fingerprints.problems(load_dataset(data_copy), fingerprints.read(data_copy)))


BROKEN = {
    "unknown target": ('target: "2021-14"', 'target: "2021-99"', r"changelog\.yaml: 1\.1\.changes\[\d+\]\.target: no such item or entry '2021-99'"),
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
def test_the_changelog_page_shows_every_revision_and_change(site, lang):
    soup = page(site, lang, "changelog")
    for revision in DATA.revisions:
        heading = soup.find(id=anchor(revision))
        assert heading is not None and revision.version in text(heading)
        listed = heading.find_next("ol", class_="ftz-changes") if revision.changes else None
        if revision.changes:
            entries = listed.find_all("li", recursive=False)
            assert [text(li.find("dd")) for li in entries] == [getattr(change.what, lang) for change in revision.changes]
    assert DATA.version in text(soup.select_one(".ftz-version"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_pages_and_citations_carry_their_last_revision(site, lang):
    for item in DATA.items:
        revision = last_revision(DATA.revisions, item.id, lang)
        soup = page(site, lang, f"reforms/{item.id}")
        revised = soup.select_one(".ftz-revised")
        assert revised.a["href"] == f"../../changelog/#{anchor(revision)}"
        assert revised.time["datetime"] == revision.date.isoformat() and revision.version in text(revised)
        citation = text(soup.select_one("#citation"))
        if lang == "zh":
            assert f"[EB/OL]. ({revision.date.isoformat()})[" in citation
        else:
            assert f"(English translation, version {revision.version} of " in citation


def test_an_english_only_revision_leaves_the_chinese_pages_at_the_first_publication():
    changed = {change.target for change in DATA.revisions[0].changes if re.fullmatch(r"\d{4}-\d+", change.target)}
    assert changed and all(last_revision(DATA.revisions, target, "zh").initial for target in changed)
    assert all(last_revision(DATA.revisions, target, "en").version == DATA.revisions[0].version for target in changed)


def test_the_loader_rejects_a_missing_changelog(data_copy):
    (data_copy / "changelog.yaml").unlink()
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert any("changelog.yaml: file is missing" in problem for problem in caught.value.problems)
