"""Render the dataset into Markdown pages, one set per language (a pure function).

Pages are Markdown files with front matter and HTML bodies rendered by Jinja
(autoescaped, StrictUndefined).  Links inside them are relative URLs, the same
for every language because each language has the same folder layout under its
own root (/ for Chinese, /en/ for English).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import segno
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..data.changelog import anchor as revision_anchor
from ..data.changelog import field_label, version_anchor
from .charts import charts
from .exports import downloads, language_root
from .filters import filter_json
from .labels import labels
from ..data.load import Dataset
from ..languages import LANGUAGES, folder
from .metadata import feed_head, feed_link, item_head, list_head, noindex_head, version_head
from .diffs import item_changes
from ..data.versions import changed_in, item_text, item_versions
from ..data.versions import item as item_of

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
TEMPLATES = Path(__file__).parent / "templates"


def route(kind: str, slug: str | None = None) -> str:
    """A page's URL path below its language root, e.g. 'reforms/2021-05/'."""
    return f"{kind}/{slug}/" if slug else (f"{kind}/" if kind else "")


def relative(from_route: str, to_route: str) -> str:
    """Relative link between two routes (directory URLs such as 'reforms/2021-05/')."""
    source, target = from_route.split("/")[:-1], to_route.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    link = "../" * (len(source) - common) + "/".join(target[common:])
    return link or "./"


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once and shared by the languages' environments (compiling is a third of rendering)."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:  # an edited template (mkdocs serve) is compiled again
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


def _environment(lang: str, site_url: str, data: Dataset, accessed: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_COMPILED,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    ui = labels()
    field_names = {key: names[lang] for key, names in ui["field_names"].items()}
    env.filters["t"] = lambda pair: getattr(pair, lang) if hasattr(pair, lang) else pair[lang]
    env.filters["md"] = _markdown_escape
    # Front matter values: a JSON string is a valid YAML scalar, whatever it holds.
    env.filters["yaml"] = lambda text: Markup(json.dumps(str(text), ensure_ascii=False))
    env.filters["json"] = lambda value: Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    env.filters["explain"] = explainer(data, lang)
    env.filters["long_date"] = lambda iso: f"{int(iso[8:])} {MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    # A path from a page (its route below the language root) to a file under the site root: the downloads
    # exist once, for all languages.
    shared = lambda here, path: relative(folder(lang) + here, path)  # noqa: E731
    feed_href = lambda here: relative(here, route("changelog")) + "feed.atom"  # noqa: E731
    env.globals.update(
        lang=lang,
        L={key: (value[lang] if "zh" in value else {k: v[lang] for k, v in value.items()}) for key, value in ui.items()},
        route=route,
        relative=relative,
        root_url=language_root(site_url, lang),
        accessed=accessed,
        qr_svg=qr_svg,
        item_head=lambda item, here: item_head(data, item, lang, site_url, shared(here, "")),
        list_head=lambda: list_head(data, lang, site_url),
        item_versions=lambda item_id: item_versions(data, item_id, lang),
        version_route=version_route,
        changes_route=changes_route,
        version_anchor=version_anchor,
        first_version=data.revisions[-1].version,
        changes_link=lambda here, item, current: changes_link(here, item, current, data),
        changelog_anchor=lambda item_id, version: changelog_anchor(data, item_id, version),
        changed_versions=lambda versions: changed_versions(versions, lang),
        version_head=lambda item, version, here: version_head(data, item, version, lang, site_url, shared(here, "")),
        noindex_head=noindex_head,
        text_changed=lambda revision: text_changed(data, revision, lang),
        feed_content=lambda revision, items: feed_content(revision, items, lang, site_url, ui),
        home_head=lambda here: _with_feed(list_head(data, lang, site_url), feed_link(feed_href(here), ui["feed"][lang])),
        target_short=lambda target: target_short(data, target, lang, ui),
        targets_by_kind=targets_by_kind,
        feed_head=lambda here: feed_head(feed_href(here), ui["feed"][lang]),
        revision_anchor=revision_anchor,
        field_label=lambda path: field_label(path, lang, field_names, ui["language_names"][lang]),
        filter_json=filter_json,
        shared=shared,
    )
    return env


def _markdown_escape(text: str) -> Markup:
    """Escape text for a Markdown heading: HTML first, then Markdown syntax."""
    escaped = str(escape(text))
    for char in "\\`*_[]#!|{}":
        escaped = escaped.replace(char, "\\" + char)
    return Markup(escaped)


def render_pages(data: Dataset, site_url: str, accessed: str) -> dict[str, str]:
    """Every generated file: path below docs/ (e.g. 'en/reforms/2021-05.md') → content.

    `accessed` (YYYY-MM-DD) is the date a printed citation shows until the
    browser puts in the reader's own date; a fixed input keeps builds reproducible.
    """
    pages: dict[str, str] = downloads(data, site_url, labels()["chinese_prevails"])
    for lang in LANGUAGES:
        env = _environment(lang, site_url, data, accessed)
        ctx = {"data": data}

        def add(path: str, template: str, page_route: str, **extra) -> None:
            pages[f"{lang}/{path}"] = env.get_template(template).render(here=page_route, **(ctx | extra))

        figures = charts(data, lang, labels()["ftz_wide"][lang])
        add("index.md", "home.md.j2", route(""), charts=figures)
        add("reforms/index.md", "reforms.md.j2", route("reforms"))
        items = data.items
        for index, item in enumerate(items):
            neighbours = {"previous": items[index - 1] if index else None, "next": items[index + 1] if index + 1 < len(items) else None}
            add(f"reforms/{item.id}.md", "item.md.j2", route("reforms", item.id), item=item, **neighbours)
            versions = item_versions(data, item.id, lang)
            for version in versions:
                at = version.data
                add(f"reforms/{item.id}/v{version.version}.md", "item_version.md.j2", version_route(item, version.version),
                    item=item_of(at, item.id), version=version, data=at)
            add(f"reforms/{item.id}/changes.md", "item_changes.md.j2", changes_route(item), item=item, versions=versions)
        add("agencies/index.md", "agencies.md.j2", route("agencies"))
        for agency in data.agencies.values():
            add(f"agencies/{agency.slug}.md", "agency.md.j2", route("agencies", agency.slug), agency=agency)
        add("zones/index.md", "zones.md.j2", route("zones"))
        for zone in data.zones.values():
            add(f"zones/{zone.slug}.md", "zone.md.j2", route("zones", zone.slug), zone=zone)
        add("zones/ftz-wide.md", "ftz_wide.md.j2", route("zones", "ftz-wide"))
        add("topics/index.md", "topics.md.j2", route("topics"))
        for topic in data.topics.values():
            add(f"topics/{topic.slug}.md", "topic.md.j2", route("topics", topic.slug), topic=topic)
        add("glossary/index.md", "glossary.md.j2", route("glossary"))
        add("bilingual/index.md", "bilingual.md.j2", route("bilingual"))
        add("data/index.md", "data.md.j2", route("data"))
        add("matrix/index.md", "matrix.md.j2", route("matrix"), charts=figures)
        add("changelog/index.md", "changelog.md.j2", route("changelog"))
        add("changelog/feed.atom", "feed.atom.j2", route("changelog"))
    return pages


def _with_feed(head: dict, link: dict) -> dict:
    return head | {"links": head["links"] + [link]}


def feed_content(revision, items: list, lang: str, site_url: str, ui: dict) -> str:
    """An Atom entry's HTML: the revision's summary and the items whose text changed, linked to their marked-up changes."""
    root = language_root(site_url, lang)
    links = "".join(f'<li><a href="{escape(root)}reforms/{item.id}/changes/#{version_anchor(revision.version)}">'
                    f'{escape(ui["item_number"][lang].format(n=item.number))} {escape(getattr(item.name, lang))}</a></li>' for item in items)
    summary = f"<p>{escape(getattr(revision.summary, lang))}</p>"
    return summary + (f"<p>{escape(ui['changed_items'][lang])}</p><ul>{links}</ul>" if items else "")


def version_route(item, version: str) -> str:
    """The permanent page of one version of an item: 'reforms/2021-05/v1.0/'."""
    return route("reforms", f"{item.id}/v{version}")


def changes_route(item) -> str:
    """The marked-up changes of an item between its versions: 'reforms/2021-05/changes/'."""
    return route("reforms", f"{item.id}/changes")


def changes_link(here: str, item, current, data: Dataset) -> str:
    """Where "last revised" leads: the marked-up changes of the last revision, or the first publication in the changelog."""
    if current.since == data.revisions[-1].version:
        return relative(here, route("changelog")) + "#" + version_anchor(current.since)
    return relative(here, changes_route(item)) + "#" + version_anchor(current.since)


def changelog_anchor(data: Dataset, item_id: str, version: str) -> str:
    """The changelog's entries on an item in a revision (#v1-1-2021-05), or the revision when it changed the item through a body's name."""
    revision = next(r for r in data.revisions if r.version == version)
    named = any(change.target == item_id for change in revision.changes)
    return version_anchor(version) + (f"-{item_id}" if named else "")


def text_changed(data: Dataset, revision, lang: str) -> set[str]:
    """The items whose text in `lang` this revision changed (an item's own fields, or the name of one of its bodies, areas or topics)."""
    return set() if revision.initial else changed_in(data, revision.version, lang)  # the first publication changed nothing


TARGET_KINDS = ("items", "list", "agencies", "zones", "topics", "glossary")  # the order of a revision's groups on the changelog


def targets_by_kind(records: list) -> list[tuple[str, list[str]]]:
    """The distinct targets of changelog entries, by kind in TARGET_KINDS order, items by number: [(kind, [target…])…]."""
    def kind(target: str) -> str:
        return "items" if target[:1].isdigit() else target.partition("/")[0]
    targets = sorted(dict.fromkeys(r.target for r in records), key=lambda t: (TARGET_KINDS.index(kind(t)), t))
    return [(k, [t for t in targets if kind(t) == k]) for k in TARGET_KINDS if any(kind(t) == k for t in targets)]


def target_short(data: Dataset, target: str, lang: str, labels_: dict) -> str:
    """A changelog target as a short link text: 'Item 14', a body's short name, a term."""
    kind, _, slug = target.partition("/")
    if target == "list":
        return labels_["the_list_itself"][lang]
    if not slug:
        return labels_["item_number"][lang].format(n=int(target.rsplit("-", 1)[1]))
    if kind == "glossary":
        return getattr(next(t for t in data.glossary if t.slug == slug).term, lang)
    record = {"agencies": data.agencies, "zones": data.zones, "topics": data.topics}[kind][slug]
    return getattr(getattr(record, "short", None) or record.name, lang)


def changed_versions(versions: list, lang: str) -> list[tuple]:
    """(older, newer, changed parts) for each version that changed the text, newest first."""
    pairs = [(old, new, item_changes(item_text(old.data, new.item_id, lang), item_text(new.data, new.item_id, lang), lang))
             for old, new in zip(versions, versions[1:]) if new.changed]
    return pairs[::-1]


def qr_svg(url: str, label: str) -> Markup:
    """The QR code of a URL as inline SVG, made at build time."""
    # A fixed mask pattern: any mask is valid, and choosing the best of eight makes
    # the code 4× slower to build; tests decode every printed code.
    code = segno.make(url, error="m", mask=0)
    svg = code.svg_inline(scale=3, border=2, dark="#000", light="#fff", svgclass="ftz-qr-code", omitsize=True)  # a viewBox: CSS sizes it (6rem on screen, 22 mm in print) without clipping
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def explainer(data: Dataset, lang: str):
    """A filter that wraps glossary terms and abbreviations in <abbr title="meaning">, for tooltips."""
    meanings: dict[str, str] = {}
    for entry in data.glossary:
        term = getattr(entry.term, lang)
        if lang == "en":
            term = re.sub(r"\s*\(.*\)$", "", term)  # 'aircraft on ground (AOG)' is found as its words
        meanings[term] = f"{entry.term.zh}：{entry.definition.zh}" if lang == "zh" else entry.definition.en
        if entry.abbreviation:
            meanings[entry.abbreviation] = f"{entry.term.zh}：{entry.definition.zh}" if lang == "zh" else f"{entry.term.en}: {entry.definition.en}"
    words = sorted(meanings, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(str(escape(w)))}(?![A-Za-z])" for w in words))

    def explain(text: str) -> Markup:
        escaped = str(escape(text))
        return Markup(pattern.sub(lambda m: f'<abbr title="{escape(meanings[html.unescape(m.group(0))])}">{m.group(0)}</abbr>', escaped))

    return explain
