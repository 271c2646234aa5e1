"""Charts drawn at build time: accessible inline SVG whose bars, description and table agree with the data (built HTML)."""

from __future__ import annotations

import re

import pytest

from ftzsite.pages.charts import LONGEST
from ftzsite.data.load import load_dataset
from test_site import page, text

DATA = load_dataset()
FTZ_WIDE = {"zh": "未列明片区", "en": "No area named"}  # labels.yaml ftz_wide: what the source says of these items (issue 17)


def expected_rows(lang: str) -> dict[str, list[tuple]]:
    """(label, slug, lead, co) per chart, in the order the charts show them, straight from the data."""
    tr = lambda pair: getattr(pair, lang)  # noqa: E731
    zones = [(tr(z.name), z.slug, len(DATA.items_of_zone(z.slug)), 0) for z in DATA.zones.values()]
    zones.append((FTZ_WIDE[lang], "ftz-wide", len(DATA.ftz_wide_items()), 0))
    agencies = []
    for a in DATA.agencies.values():
        items = DATA.items_of_agency(a.slug)
        lead = sum(1 for i in items if i.agencies[0] == a.slug)
        agencies.append((tr(a.short), a.slug, lead, len(items) - lead))
    agencies.sort(key=lambda row: (-(row[2] + row[3]), -row[2]))
    topics = sorted([(tr(t.name), t.slug, len(DATA.items_of_topic(t.slug)), 0) for t in DATA.topics.values()], key=lambda row: -row[2])
    return {"zones": zones, "agencies": agencies, "topics": topics}


def bars(svg) -> list[tuple[str, float, float, int]]:
    """(label, lead or single bar width %, co-responsible width %, figure) of each bar of a chart."""
    found = []
    for group in svg.find_all("g"):
        widths = {rect["class"][0]: float(rect["width"].rstrip("%")) for rect in group.find_all("rect")}
        single = widths.get("ftz-bar-all", widths.get("ftz-bar-lead", 0.0))
        found.append((text(group.select_one(".ftz-chart-label")), single, widths.get("ftz-bar-co", 0.0), int(text(group.select_one(".ftz-chart-value")))))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_matrix_page_charts_show_the_data(site, lang):
    check_charts(page(site, lang, "matrix"), lang)


def check_charts(soup, lang: str) -> None:
    """Every chart of a matrix page against the data: name, description, bars, figures, table and links."""
    facet = {"zones": "zone", "agencies": "agency", "topics": "topic"}
    for key, rows in expected_rows(lang).items():
        figure = soup.select_one(f"figure#chart-{key}")
        svg = figure.find("svg")
        # An image with a name and a description, titled like its section heading.
        assert svg["role"] == "img"
        title, desc = (svg.find(id=part) for part in svg["aria-labelledby"].split())
        assert title.name == "title" and desc.name == "desc"
        assert text(title) == text(figure.find_previous("h2"))
        # Bars: one per row, in order, as long as their figures, the longest taking LONGEST per cent.
        most = max(lead + co for _, _, lead, co in rows)
        assert [(label, figure_) for label, _, _, figure_ in bars(svg)] == [(label, lead + co) for label, _, lead, co in rows]
        for (_, single, co_width, _), (_, _, lead, co) in zip(bars(svg), rows):
            assert single == pytest.approx(LONGEST * lead / most, abs=0.01)
            assert co_width == pytest.approx(LONGEST * co / most, abs=0.01)
        # The description and the table beside the chart hold every figure.
        for label, _, lead, co in rows:
            assert label in text(desc)
        table = [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in figure.select("table tbody tr")]
        split = [[str(lead), str(co)] if key == "agencies" else [] for _, _, lead, co in rows]
        assert table == [[label, str(lead + co), *more] for (label, _, lead, co), more in zip(rows, split)]
        # Each count opens the list filtered to that area, body or topic.
        links = [tr.select("td a")[0]["href"] for tr in figure.select("table tbody tr")]
        assert links == [f"../reforms/?{facet[key]}={slug}" for _, slug, _, _ in rows]


def test_chart_descriptions_give_lead_and_co_responsible_figures(site):
    desc = text(page(site, "zh", "matrix").select_one("#chart-agencies-desc"))
    customs = next(row for row in expected_rows("zh")["agencies"] if row[1] == "tianjin-customs")
    assert f"天津海关，{customs[2] + customs[3]}项（牵头{customs[2]}项，配合{customs[3]}项）" in desc
    desc = text(page(site, "en", "matrix").select_one("#chart-agencies-desc"))
    assert f"Tianjin Customs, {customs[2] + customs[3]} items ({customs[2]} as lead body, {customs[3]} as co-responsible body)" in desc


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_shows_the_topic_chart(site, lang):
    soup = page(site, lang, "")
    svg = soup.select_one("#overview ~ figure.ftz-chart svg[role=img]")
    assert [label for label, *_ in bars(svg)] == [row[0] for row in expected_rows(lang)["topics"]]


@pytest.mark.parametrize("route", ["", "matrix", "reforms"])
def test_no_style_attribute_script_or_style_element_in_the_content(site, route):
    # The Content-Security-Policy (release/csp.py) allows neither; SVG presentation attributes are fine.
    for lang in ("zh", "en"):
        article = page(site, lang, route).find("article")
        assert article.select("[style]") == [], route
        assert article.find("style") is None
        assert [s for s in article.find_all("script") if s.get("type") != "application/json" and not (s.get("src") and not s.string)] == []
        assert not [tag for tag in article.find_all(True) if any(re.match(r"on[a-z]+$", name) for name in tag.attrs)]


@pytest.mark.parametrize("change", ["a bar one item too long", "a figure off by one", "a link to another facet"])
def test_the_checks_catch_a_wrong_chart(site, change):
    # The checks of test_matrix_page_charts_show_the_data, run on a page broken in one place, must fail.
    soup = page(site, "zh", "matrix")
    check_charts(soup, "zh")  # the page as built passes
    if change == "a bar one item too long":
        rect = soup.select_one("#chart-zones rect")
        rect["width"] = f"{float(rect['width'].rstrip('%')) + LONGEST / 8:.2f}%"
    elif change == "a figure off by one":
        value = soup.select_one("#chart-topics .ftz-chart-value")
        value.string = str(int(text(value)) + 1)
    else:
        link = soup.select_one("#chart-agencies table tbody td a")
        link["href"] = link["href"].replace("agency=", "topic=")
    with pytest.raises(AssertionError):
        check_charts(soup, "zh")
