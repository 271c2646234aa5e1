"""Citable and reusable: measure links, citations, QR codes, open data, matrix, glossary, bilingual page (built HTML)."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from ftzsite.data.versions import last_change
from ftzsite.data.load import load_dataset
from test_site import LANG_ROOT, SITE_URL, page, text

DATA = load_dataset()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_measure_has_a_copyable_permanent_link(site, lang):
    for item in DATA.items:
        soup = page(site, lang, f"reforms/{item.id}")
        permalink = f"{SITE_URL}{LANG_ROOT[lang]}reforms/{item.id}/"
        copies = [li.select_one("button.ftz-copy")["data-copy"] for li in soup.select("ol.ftz-measures > li")]
        assert copies == [f"{permalink}#measure-{m.number}" for m in item.measures]
        assert soup.select_one(".ftz-permalink button.ftz-copy")["data-copy"] == permalink


def test_citations_name_title_issuer_year_item_url_and_date(site):
    item = DATA.items[4]
    zh = text(page(site, "zh", "reforms/2021-05").select_one("#citation"))
    zh_revision = last_change(DATA, item.id, "zh")  # GB/T 7714: edition statement, (date of update)[date cited]
    assert zh == (f"中国（天津）自由贸易试验区. 2021年天津自贸试验区复制推广改革试点经验：第5项 {item.name.zh}[EB/OL]. "
                  f"中文原文，第{zh_revision.version}版. ({zh_revision.date.isoformat()})[{_accessed(site, 'zh')}]. "
                  f"{SITE_URL}reforms/2021-05/v{zh_revision.version}/.")
    en = text(page(site, "en", "reforms/2021-05").select_one("#citation"))
    assert en.startswith("China (Tianjin) Pilot Free Trade Zone, ‘2021 Reform Pilot Experiences of the China (Tianjin) Pilot Free Trade Zone for Replication and Promotion’ (2021) item 5, ")
    revision = last_change(DATA, item.id, "en")
    version = f"version {revision.version} of {revision.date.day} {revision.date.strftime('%B %Y')}"
    assert (f"‘{item.name.en}’ (English translation by Tianjin FTZ 2021 Reform Pilot Experiences, not by the issuing body; {version}) "
            f"<{SITE_URL}en/reforms/2021-05/v{revision.version}/> accessed ") in en


def _accessed(site, lang: str) -> str:
    return page(site, lang, "reforms/2021-05").select_one("time.ftz-accessed")["datetime"]


def test_every_item_page_carries_a_qr_code_with_a_text_alternative(site):
    for lang in ("zh", "en"):
        for item in DATA.items:
            svg = page(site, lang, f"reforms/{item.id}").select_one("figure.ftz-qr svg")
            assert svg["role"] == "img" and svg["aria-label"] in ("本事项永久链接的二维码", "QR code of this item's permanent link")
            assert svg.find("path")


def test_json_download_is_the_dataset(site):
    published = json.loads((site / "data/reforms.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in published["items"]] == [item.id for item in DATA.items]
    # Each item as in the data, with its URLs and last revisions (tests/test_metadata.py checks those).
    assert [{key: entry[key] for key in item.model_dump(exclude_none=True)} for entry, item in zip(published["items"], DATA.items)] \
        == [item.model_dump(mode="json", exclude_none=True) for item in DATA.items]
    assert published["version"] == DATA.version and published["changelog"][0]["version"] == DATA.version
    assert published["agencies"] == [a.model_dump(mode="json", exclude_none=True) for a in DATA.agencies.values()]
    assert published["list"]["title"]["zh"] == "2021年天津自贸试验区复制推广改革试点经验"
    assert "Chinese text prevails" in published["chinese_prevails"]["en"]


def test_json_download_matches_its_schema(site):
    schema = json.loads((site / "data/reforms.schema.json").read_text(encoding="utf-8"))
    published = json.loads((site / "data/reforms.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(published)
    published["items"][0]["agencies"] = "tianjin-commerce"  # and the schema does reject a wrong shape
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(published)


def test_csv_download_opens_in_excel_and_holds_every_item(site):
    raw = (site / "data/reforms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [item.id for item in DATA.items]
    for row, item in zip(rows, DATA.items):
        assert (row["name_zh"], row["name_en"]) == (item.name.zh, item.name.en)
        assert row["agencies"].split("; ") == item.agencies and row["lead_agency"] == item.agencies[0]
        assert row["agencies_zh"].split("; ") == [DATA.agencies[s].name.zh for s in item.agencies]
        assert row["zones"] == "; ".join(item.zones) and row["ftz_wide"] == str(item.ftz_wide).lower()
        assert int(row["measure_count"]) == len(item.measures)
        assert all(m.text.zh in row["content_zh"] and m.text.en in row["content_en"] for m in item.measures)
        assert (row["revised_zh"], row["revised_en"], row["dataset_version"]) == (
            last_change(DATA, item.id, "zh").version, last_change(DATA, item.id, "en").version, DATA.version)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_links_every_download(site, lang):
    soup = page(site, lang, "data")
    prefix = "" if lang == "zh" else "../../data/"
    assert [a["href"] for a in soup.select(".ftz-downloads a")] == [f"{prefix}reforms.json", f"{prefix}reforms.csv", f"{prefix}reforms.schema.json"]
    home = page(site, lang, "")
    assert len(home.select("a[href$='reforms.csv'][download]")) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_matrix_marks_lead_and_co_responsible_bodies(site, lang):
    soup = page(site, lang, "matrix")
    rows = soup.select(".ftz-matrix-table tbody tr")
    assert len(rows) == len(DATA.agencies)
    for row, agency in zip(rows, DATA.agencies.values()):
        cells = row.find_all("td")
        assert len(cells) == len(DATA.items)
        marks = {item.number: cell.get_text("").strip()[:1] for item, cell in zip(DATA.items, cells) if cell.get_text().strip()}
        expected = {i.number: "●" if i.agencies[0] == agency.slug else "○" for i in DATA.items if agency.slug in i.agencies}
        assert marks == expected, agency.slug
        # Told apart without colour: the mark's shape, and words for screen readers.
        words = {item.number: text(cell.select_one(".ftz-sr-only")) for item, cell in zip(DATA.items, cells) if cell.get_text().strip()}
        lead, co = ("牵头", "配合") if lang == "zh" else ("lead", "co-responsible")
        assert words == {n: lead if mark == "●" else co for n, mark in expected.items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_page_and_tooltips(site, lang):
    rows = page(site, lang, "glossary").select(".ftz-glossary tbody tr")
    assert [row["id"] for row in rows] == [term.slug for term in DATA.glossary]
    other = "en" if lang == "zh" else "zh"
    for row, term in zip(rows, DATA.glossary):  # the other names readers use, in both languages
        assert [span.get_text() for span in row.select(".ftz-aliases span")] == getattr(term.aliases, lang) + getattr(term.aliases, other)
    item = page(site, lang, "reforms/2021-05")
    titles = {abbr.get_text(): abbr["title"] for abbr in item.select(".ftz-content abbr")}
    aog = next(t for t in DATA.glossary if t.abbreviation == "AOG")
    assert titles["AOG"] == (f"{aog.term.zh}：{aog.definition.zh}" if lang == "zh" else f"{aog.term.en}: {aog.definition.en}")


def test_bilingual_page_pairs_every_measure(site):
    for lang in ("zh", "en"):
        soup = page(site, lang, "bilingual")
        for item in DATA.items:
            for measure in item.measures:
                zh, en = soup.select(f"#item-{item.id}-measure-{measure.number} td")
                assert text(zh) == f"{measure.number}. {measure.text.zh}" and text(en) == f"{measure.number}. {measure.text.en}"
