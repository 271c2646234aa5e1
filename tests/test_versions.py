"""Every published version stays readable: rebuilt from the data, at its own page, its changes marked up, announced in a feed."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from ftzsite.data import fingerprints
from ftzsite.data.changelog import version_anchor
from ftzsite.pages.diffs import marked_up
from ftzsite.data.load import load_dataset
from ftzsite.data.versions import history, item_text, item_versions
from ftzsite.pages.labels import labels
from test_site import SITE_URL, page, text

DATA = load_dataset()
VERSIONS = [revision.version for revision in reversed(DATA.revisions)]  # oldest first
# Version 1.0 as published: the repository before revision 1.1 was applied (main before the registry and translation merges).
PUBLISHED_1_0 = "46469dc"


def test_every_version_of_every_item_is_rebuilt_to_its_recorded_fingerprint():
    recorded = fingerprints.read()
    for item in DATA.items:
        for lang in ("zh", "en"):
            assert list(recorded[item.id][lang]) == VERSIONS
            for version, at in history(DATA).items():
                assert fingerprints.fingerprint(item_text(at, item.id, lang)) == recorded[item.id][lang][version], (item.id, lang, version)


def _git_yaml(commit: str, name: str) -> dict:
    shown = subprocess.run(["git", "show", f"{commit}:data/{name}"], capture_output=True, text=True, cwd=fingerprints.DATA_DIR)
    assert shown.returncode == 0, f"version 1.0 is read from the repository's history (commit {commit}); clone with full history: {shown.stderr}"
    return yaml.safe_load(shown.stdout)


def test_version_1_0_comes_out_exactly_as_published_in_the_repository_history():
    old = {name: _git_yaml(PUBLISHED_1_0, f"{name}.yaml") for name in ("reforms", "agencies", "zones", "topics")}
    names = {kind: {entry["slug"]: entry["name"] for entry in old[kind][kind]} for kind in ("agencies", "zones", "topics")}
    rebuilt = history(DATA)["1.0"]
    assert [item["id"] for item in old["reforms"]["items"]] == [item.id for item in rebuilt.items]
    for item in old["reforms"]["items"]:
        for lang in ("zh", "en"):
            published = {
                "name": item["name"][lang], "intro": [p[lang] for p in item.get("intro", [])],
                "measures": [[m["number"], m["text"][lang]] for m in item.get("measures", [])],
                "agencies": [[s, names["agencies"][s][lang]] for s in item["agencies"]],
                "zones": [[s, names["zones"][s][lang]] for s in item.get("zones", [])], "ftz_wide": item["ftz_wide"],
                "topics": [[s, names["topics"][s][lang]] for s in item["topics"]],
            }
            assert item_text(rebuilt, item["id"], lang) == published, (item["id"], lang)


def test_the_english_of_revised_items_differs_between_versions_and_the_chinese_does_not():
    # A control: a history that ignored `replaced` would give the same text for every version and still pass the checks above only by accident.
    changed = [item.id for item in DATA.items if item_versions(DATA, item.id, "en")[1].changed]
    assert len(changed) >= 17
    assert not any(item_versions(DATA, item.id, "zh")[1].changed for item in DATA.items)


def test_word_level_markup():
    assert marked_up("banks are encouraged to launch", "banks are urged to launch", "en") == "banks are <del>encouraged</del><ins>urged</ins> to launch"
    assert marked_up("天津海关牵头", "天津海关负责", "zh") == "天津海关<del>牵头</del><ins>负责</ins>"
    assert marked_up("a <b>", "a <i>", "en") == "a &lt;<del>b</del><ins>i</ins>&gt;"  # text is escaped


# ---------------------------------------------------------------- pages
def _version_page(site, lang: str, item_id: str, version: str):
    return page(site, lang, f"reforms/{item_id}/v{version}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_has_a_page_for_every_version_with_its_text(site, lang):
    for item in DATA.items:
        for version in item_versions(DATA, item.id, lang):
            soup = _version_page(site, lang, item.id, version.version)
            shown = next(i for i in version.data.items if i.id == item.id)
            assert text(soup.select_one("h1")) == getattr(shown.name, lang)
            for measure in shown.measures:
                assert getattr(measure.text, lang)[:30] in text(soup.find(id=f"measure-{measure.number}"))
            banner = text(soup.select_one(".ftz-version-banner"))
            assert version.version in banner and (("即现行文本" in banner or "), the current text" in banner) == version.current)
            if not version.current:
                assert soup.select_one(".ftz-version-banner").find("a", href="../")  # the current text
                assert "不是现行文本" in banner or "It is not the current text" in banner
            if not version.changed:
                assert f"{version.since}" in banner and ("起未变" in banner or "unchanged since" in banner)
            robots = soup.find("meta", attrs={"name": "robots"})
            assert robots["content"] == "noindex, follow"
            assert soup.find("link", rel="canonical")["href"] == f"{SITE_URL}{'en/' if lang == 'en' else ''}reforms/{item.id}/v{version.version}/"


def test_an_old_version_shows_its_old_words(site):
    old = text(_version_page(site, "en", "2021-14", "1.0").find(id="measure-4"))
    new = text(_version_page(site, "en", "2021-14", "1.1").find(id="measure-4"))
    assert "Commercial banks are encouraged to" in old and "Commercial banks are urged to" in new


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_version_page_describes_itself_for_machines(site, lang):
    root = f"{SITE_URL}{'en/' if lang == 'en' else ''}"
    for version in item_versions(DATA, "2021-14", lang):
        soup = _version_page(site, lang, "2021-14", version.version)
        node = json.loads(soup.find("script", type="application/ld+json").string)
        assert node["@type"] == "Legislation" and node["version"] == version.version and node["legislationDateVersion"] == version.date
        assert node["url"] == f"{root}reforms/2021-14/v{version.version}/"
        assert node["exampleOf"]["url"] == f"{root}reforms/2021-14/" and node["exampleOf"]["version"] == item_versions(DATA, "2021-14", lang)[-1].since
    item = json.loads(page(site, lang, "reforms/2021-14").find("script", type="application/ld+json").string)
    assert [example["url"] for example in item["workExample"]] == [f"{root}reforms/2021-14/v{v}/" for v in VERSIONS]
    assert ("translator" in item) == (lang == "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_item_page_lists_its_versions_and_links_its_data(site, lang):
    for item in DATA.items:
        soup = page(site, lang, f"reforms/{item.id}")
        rows = soup.select(".ftz-versions tbody tr")
        versions = item_versions(DATA, item.id, lang)[::-1]
        assert [text(row.find("td")).split()[0] for row in rows] == [v.version for v in versions]
        for row, version in zip(rows, versions):
            assert row.find("a", href=f"v{version.version}/")
            assert bool(row.find("a", href=f"changes/#{version_anchor(version.version)}")) == (version.changed and version.version != VERSIONS[0])
        assert soup.select_one(".ftz-item-data a")["href"] == f"{'../' * (2 if lang == 'zh' else 3)}data/reforms/{item.id}.json"


def test_the_change_view_marks_up_item_14s_english_between_1_0_and_1_1(site):
    soup = page(site, "en", "reforms/2021-14/changes")
    section = soup.find(id="v1-1")
    measure_4 = next(dt for dt in section.select("dt") if text(dt) == "Measure 4").find_next("dd")
    assert [text(d) for d in measure_4.find_all("del")] == ["encouraged"]
    assert [text(i) for i in measure_4.find_all("ins")] == ["urged"]
    assert section.find("a", href="../../../changelog/#v1-1-2021-14")


def test_a_language_that_never_changed_says_so_on_its_change_view(site):
    soup = page(site, "zh", "reforms/2021-14/changes")
    assert not soup.select("section.ftz-diff") and "首次发布（第1.0版）以来未作改动" in text(soup.select_one("article"))


def test_each_changelog_entry_on_an_item_links_its_marked_up_changes(site):
    soup = page(site, "en", "changelog")
    for revision in DATA.revisions:
        for item_id in {c.target for c in revision.changes if c.target[:1].isdigit()}:
            group = soup.find(id=f"{version_anchor(revision.version)}-{item_id}")
            assert group.find("a", href=f"../reforms/{item_id}/changes/#{version_anchor(revision.version)}"), item_id


# ---------------------------------------------------------------- feed, downloads, search
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_feed_parses_with_an_entry_per_revision(site, lang):
    root = site / ("en" if lang == "en" else "")
    feed = feedparser.parse((root / "changelog/feed.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and len(feed.entries) == len(DATA.revisions)
    for entry, revision in zip(feed.entries, DATA.revisions):
        assert entry.updated.startswith(revision.date.isoformat()) and revision.version in entry.title
        assert getattr(revision.summary, lang) in entry.summary
        changed = [item.id for item in DATA.items if any(v.version == revision.version and v.changed and not revision.initial
                                                         for v in item_versions(DATA, item.id, lang))]
        related = [link.href for link in entry.links if link.rel == "related"]
        assert related == [f"{SITE_URL}{'en/' if lang == 'en' else ''}reforms/{i}/changes/#{version_anchor(revision.version)}" for i in changed]
    for name in ("", "changelog/"):
        link = page(site, lang, name).find("link", type="application/atom+xml")
        assert urljoin(f"/{name}", link["href"]) == "/changelog/feed.atom"
        assert link["title"] == labels()["feed"][lang]  # the same link on the home page and the changelog


def test_the_dataset_of_each_version_can_be_downloaded(site):
    for version, at in history(DATA).items():
        published = json.loads((site / f"data/reforms-v{version}.json").read_text(encoding="utf-8"))
        assert published["version"] == version
        assert [item["name"]["en"] for item in published["items"]] == [item.name.en for item in at.items]
    assert json.loads((site / f"data/reforms-v{DATA.version}.json").read_text(encoding="utf-8")) == json.loads((site / "data/reforms.json").read_text(encoding="utf-8"))


def test_search_indexes_the_current_text_only(site):
    from conftest import page_table
    for root in ("", "en/"):
        locations = [location for location, _ in page_table(site / root / "search/index")]
        assert locations and not [loc for loc in locations if "/v1." in loc or "/changes/" in loc]
        fields = " ".join(p.read_text(encoding="utf-8") for p in (site / root / "search/index/f").glob("*.json"))
        assert "Commercial banks are urged" in fields or root == ""
        assert "Commercial banks are encouraged" not in fields  # version 1.0's wording
