"""Render the dataset into Markdown pages, one set per language (a pure function).

Pages are Markdown files with front matter and HTML bodies rendered by Jinja
(autoescaped, StrictUndefined).  Links inside them are relative URLs, the same
for every language because each language has the same folder layout under its
own root (/ for Chinese, /en/ for English).
"""

from __future__ import annotations

import json
import posixpath
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .load import Dataset
from .model import Item

LANGUAGES = ("zh", "en")
TEMPLATES = Path(__file__).parent / "templates"
LABELS_FILE = Path(__file__).parent / "labels.yaml"
# Folders of docs/<lang>/ that belong to the generator: it owns and prunes them.
GENERATED_DIRS = ("reforms", "agencies", "zones", "topics")
GENERATED_FILES = ("index.md",)


@cache
def labels() -> dict:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


def route(kind: str, slug: str | None = None) -> str:
    """A page's URL path below its language root, e.g. 'reforms/2021-05/'."""
    return f"{kind}/{slug}/" if slug else (f"{kind}/" if kind else "")


def relative(from_route: str, to_route: str) -> str:
    """Relative link between two routes (directory URLs)."""
    link = posixpath.relpath("/" + to_route, "/" + from_route)
    return "./" if link == "." else link + ("/" if to_route.endswith("/") and link != "." else "")


def _environment(lang: str, site_url: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    ui = labels()
    env.filters["t"] = lambda pair: getattr(pair, lang) if hasattr(pair, lang) else pair[lang]
    env.filters["md"] = _markdown_escape
    # Front matter values: a JSON string is a valid YAML scalar, whatever it holds.
    env.filters["yaml"] = lambda text: Markup(json.dumps(str(text), ensure_ascii=False))
    env.globals.update(
        lang=lang,
        other=[x for x in LANGUAGES if x != lang][0],
        L={key: (value[lang] if "zh" in value else {k: v[lang] for k, v in value.items()}) for key, value in ui.items()},
        route=route,
        relative=relative,
        root_url=site_url.rstrip("/") + ("/" if lang == "zh" else "/en/"),
    )
    return env


def _markdown_escape(text: str) -> Markup:
    """Escape text for a Markdown heading or front matter-free line: HTML first, then Markdown syntax."""
    escaped = str(escape(text))
    for char in "\\`*_[]#!|{}":
        escaped = escaped.replace(char, "\\" + char)
    return Markup(escaped)


def render_pages(data: Dataset, site_url: str) -> dict[str, str]:
    """Every generated page: path below docs/ (e.g. 'en/reforms/2021-05.md') → Markdown."""
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        env = _environment(lang, site_url)
        ctx = {"data": data}

        def add(path: str, template: str, page_route: str, **extra) -> None:
            pages[f"{lang}/{path}"] = env.get_template(template).render(here=page_route, **ctx, **extra)

        add("index.md", "home.md.j2", route(""))
        add("reforms/index.md", "reforms.md.j2", route("reforms"))
        items = data.items
        for index, item in enumerate(items):
            neighbours = {"previous": items[index - 1] if index else None, "next": items[index + 1] if index + 1 < len(items) else None}
            add(f"reforms/{item.id}.md", "item.md.j2", route("reforms", item.id), item=item, **neighbours)
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
    return pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Write pages whose content changed and delete generated pages no longer produced.

    Writing only what changed keeps `mkdocs serve` from rebuilding in a loop.
    Returns the paths written or deleted.
    """
    touched = []
    for path, content in pages.items():
        target = docs_dir / path
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        touched.append(path)
    for stale in _generated_files(docs_dir) - set(pages):
        (docs_dir / stale).unlink()
        touched.append(stale)
    return touched


def _generated_files(docs_dir: Path) -> set[str]:
    found = set()
    for lang in LANGUAGES:
        for name in GENERATED_FILES:
            if (docs_dir / lang / name).is_file():
                found.add(f"{lang}/{name}")
        for folder in GENERATED_DIRS:
            for file in (docs_dir / lang / folder).rglob("*.md"):
                found.add(file.relative_to(docs_dir).as_posix())
    return found


def item_label(item: Item, lang: str) -> str:
    return labels()["item_number"][lang].format(n=item.number)
