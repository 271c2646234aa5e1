"""Parse the published source table into plain Chinese records.

The source (data/source/2021-tianjin-ftz.txt) is a tab-separated table whose
content column carries HTML fragments and inline "1. … 2. …" numbering.  This
module turns it into paragraphs and numbered measures, applying only the
typographic normalisations listed in NORMALISATIONS, so that tests can prove
that the Chinese in data/reforms.yaml is the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_FILE = Path(__file__).resolve().parents[3] / "data" / "source" / "2021-tianjin-ftz.txt"
HEADER = ["序号", "改革事项", "主要内容", "负责单位"]

# Every change made to the source text, in the order applied; the README and
# the "About the data" page list them.  Nothing else is changed.
NORMALISATIONS = [
    ("markup", "HTML tags (<ol>, <p>) are removed; <p> and list items become paragraphs and measures."),
    ("whitespace", "Leading and trailing whitespace is removed and runs of whitespace become one space."),
    ("cjk-spacing", "A space between a Chinese character and a digit or a Latin letter is removed (天津口岸 300 余家 → 天津口岸300余家)."),
    ("full-width-punctuation", "Half-width , ; : ( ) next to Chinese text become full-width ，；：（）, the form used in the rest of the table, and a space beside full-width punctuation is removed (AOG (地面紧急支援)航材 → AOG（地面紧急支援）航材)."),
    ("numbering", "A measure's leading number \"K. \" becomes its number field, not part of its text."),
    ("name-full-stop", "The full stop that ends item 20's name in the source is removed (no other name ends with one)."),
]

_TAG = re.compile(r"<[^>]+>")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”《》]"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


@dataclass
class SourceItem:
    number: int
    name: str
    intro: list[str] = field(default_factory=list)
    measures: list[tuple[int, str]] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Apply the whitespace, spacing and punctuation normalisations to plain text."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf"(?<={_CJK}) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?={_CJK})", "", text)
    text = re.sub(rf"(?<={_CJK}) (?=[(])|(?<=[)]) (?={_CJK})", "", text)
    text = _full_width_punctuation(text)
    # Full-width punctuation carries its own spacing: no space beside it.
    return re.sub(r" ?([（）“”，；：。、《》]) ?", r"\1", text)


def _full_width_punctuation(text: str) -> str:
    # A half-width mark is Chinese punctuation when Chinese text stands on either side of it.
    def swap(match: re.Match) -> str:
        return _HALF_TO_FULL[match.group(0)]

    text = re.sub(rf"(?<={_CJK})[,;:]|[,;:](?={_CJK})", swap, text)
    # Brackets: a pair whose content or surroundings are Chinese.
    return re.sub(rf"\(([^()]*{_CJK}[^()]*)\)", lambda m: f"（{m.group(1)}）", text)


def normalise_body(name: str) -> str:
    """A body's name as the registry spells it (full-width brackets, no markup)."""
    return _full_width_punctuation(normalise_text(_TAG.sub("", name)))


def split_content(html: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Split a content cell into introductory paragraphs and numbered measures."""
    blocks = re.split(r"</?p>|</?ol[^>]*>", html)
    text = "\n".join(b.strip() for b in blocks if b.strip())
    starts = _measure_starts(text)
    head = text[: starts[0][1]] if starts else text
    intro = [normalise_text(p) for p in head.split("\n") if p.strip()]
    measures = []
    for i, (number, begin, body_begin) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        measures.append((number, normalise_text(text[body_begin:end])))
    return intro, measures


def _measure_starts(text: str) -> list[tuple[int, int, int]]:
    # Numbers must run 1, 2, 3 … ; searching for the next expected number
    # keeps figures such as "300 余家" or "2018年12月" from being taken for measures.
    starts, position, expected = [], 0, 1
    while True:
        match = re.compile(rf"(?:^|(?<=[\s。；>]))({expected})\.\s*").search(text, position)
        if not match:
            return starts
        starts.append((expected, match.start(), match.end()))
        position, expected = match.end(), expected + 1


def parse_source(path: Path = SOURCE_FILE) -> list[SourceItem]:
    """All items of the source table, in order."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) != 4 or cells == HEADER:
            continue
        number, name, content, bodies = cells
        intro, measures = split_content(content)
        items.append(
            SourceItem(
                number=int(number),
                name=normalise_text(name).removesuffix("。"),
                intro=intro,
                measures=measures,
                bodies=[normalise_body(b) for b in re.split("、", _TAG.sub("", bodies))],
            )
        )
    return items
