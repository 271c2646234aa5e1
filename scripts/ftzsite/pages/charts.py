"""Bar charts of the dataset, laid out at build time for inline SVG (templates/charts.md.j2).

Hand-written rather than a charting library's: the SVG is a fifth of pygal's
size, needs no script or style element (the Content-Security-Policy, release/csp.py,
forbids both), is byte-identical from build to build, and stays legible on a
phone, because only the bars scale with the width (in per cent) while the
text keeps its size: each bar has its label on the line above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..data.load import Dataset

ROW = 42  # px from one bar's label to the next
LABEL_Y, BAR_Y, BAR_HEIGHT, FIGURE_Y = 15, 21, 15, 33  # px within a row: label baseline, bar top and height, figures' baseline
TOP = 4  # px above the first row
LONGEST = 86.0  # per cent of the width the longest bar takes; the rest holds its figure
NARROWEST = 320  # px: the narrowest chart drawn; a segment shows its figure only if it is wide enough there
FIGURE_ROOM = 18  # px a segment's figure needs


@dataclass(frozen=True)
class Segment:
    kind: str  # "all", "lead" or "co"
    value: int
    x: float  # per cent of the chart's width
    width: float
    show_value: bool  # wide enough for its figure inside

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    route: str  # the page of the area, body or topic
    facet: str  # its slug in the list's filter (/reforms/?facet=slug)
    slug: str
    total: int
    segments: tuple[Segment, ...]
    y: int  # px: top of the bar's row

    def part(self, kind: str) -> int:
        return sum(s.value for s in self.segments if s.kind == kind)

    @property
    def end(self) -> float:
        """Per cent of the width where the bar ends (its figure follows)."""
        return round(self.segments[-1].x + self.segments[-1].width, 2) if self.segments else 0.0


@dataclass(frozen=True)
class Chart:
    key: str  # ids and anchors: chart-<key>
    bars: tuple[Bar, ...]
    stacked: bool  # lead and co-responsible parts
    # Where things sit within a row, for the template: the same in every chart.
    label_y: ClassVar[int] = LABEL_Y
    bar_y: ClassVar[int] = BAR_Y
    bar_height: ClassVar[int] = BAR_HEIGHT
    figure_y: ClassVar[int] = FIGURE_Y

    @property
    def height(self) -> int:
        return TOP + ROW * len(self.bars)


def _layout(key: str, rows: list[dict], stacked: bool = False) -> Chart:
    """Bars from rows {label, route, facet, slug, parts: [(kind, value)]}, scaled so the longest takes LONGEST %."""
    most = max(sum(v for _, v in row["parts"]) for row in rows) or 1
    bars = []
    for index, row in enumerate(rows):
        x, segments = 0.0, []
        parts = [(kind, value) for kind, value in row["parts"] if value]
        for kind, value in parts:
            width = round(LONGEST * value / most, 2)
            # A part's own figure only where a bar has two parts and there is room for it.
            fits = len(parts) > 1 and NARROWEST * width / 100 >= FIGURE_ROOM
            segments.append(Segment(kind, value, round(x, 2), width, fits))
            x += width
        total = sum(v for _, v in row["parts"])
        bars.append(Bar(row["label"], row["route"], row["facet"], row["slug"], total, tuple(segments), TOP + ROW * index))
    return Chart(key, tuple(bars), stacked)


def charts(data: Dataset, lang: str, ftz_wide: str) -> dict[str, Chart]:
    """Items per area (FTZ-wide last), per body (lead and co-responsible, most first) and per topic (most first)."""
    tr = lambda pair: getattr(pair, lang)  # noqa: E731
    zones = [{"label": tr(z.name), "route": f"zones/{z.slug}/", "facet": "zone", "slug": z.slug,
              "parts": [("all", len(data.items_of_zone(z.slug)))]} for z in data.zones.values()]
    zones.append({"label": ftz_wide, "route": "zones/ftz-wide/", "facet": "zone", "slug": "ftz-wide",
                  "parts": [("all", len(data.ftz_wide_items()))]})
    agencies = []
    for agency in data.agencies.values():
        items = data.items_of_agency(agency.slug)
        lead = sum(1 for item in items if item.agencies[0] == agency.slug)
        agencies.append({"label": tr(agency.short), "route": f"agencies/{agency.slug}/", "facet": "agency", "slug": agency.slug,
                         "parts": [("lead", lead), ("co", len(items) - lead)]})
    agencies.sort(key=lambda row: (-sum(v for _, v in row["parts"]), -row["parts"][0][1]))
    topics = [{"label": tr(t.name), "route": f"topics/{t.slug}/", "facet": "topic", "slug": t.slug,
               "parts": [("all", len(data.items_of_topic(t.slug)))]} for t in data.topics.values()]
    topics.sort(key=lambda row: -row["parts"][0][1])
    return {"zones": _layout("zones", zones), "agencies": _layout("agencies", agencies, stacked=True), "topics": _layout("topics", topics)}
