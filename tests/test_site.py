"""The built site: every page of the URL contract, in both languages, with the right content and links.

Expectations about agencies and areas are derived from the source table here,
independently of the data files and the generator.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import page_table
from ftzsite.data.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")).get("site_url")[1]
DATA = load_dataset()
LANG_ROOT = {"zh": "", "en": "en/"}


def page(site: Path, lang: str, route: str) -> BeautifulSoup:
    path = site / LANG_ROOT[lang] / route / "index.html"
    assert path.is_file(), f"missing page /{LANG_ROOT[lang]}{route}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def source_rows() -> list[tuple[int, list[str]]]:
    """(number, responsible bodies) of each item, read straight from the source table."""
    rows = []
    for line in (ROOT / "data/source/2021-tianjin-ftz.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0].isdigit():
            bodies = re.sub(r"<[^>]+>", "", cells[3]).replace("(", "（").replace(")", "）").split("、")
            rows.append((int(cells[0]), [b.strip() for b in bodies]))
    return rows


def linked_items(soup: BeautifulSoup) -> list[int]:
    """Item numbers linked from a page's item table, in order."""
    return [int(a["href"].rstrip("/").split("-")[-1]) for a in soup.select(".ftz-items table td:nth-child(2) a")]


def text(node) -> str:
    """What a reader sees of an element: its text, buttons left out, white space folded."""
    node = BeautifulSoup(str(node), "html.parser")
    for button in node.find_all("button"):
        button.decompose()
    return re.sub(r"\s+", " ", node.get_text("")).strip()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_page_has_its_full_content(site, lang):
    for item in DATA.items:
        soup = page(site, lang, f"reforms/{item.id}")
        assert soup.html["lang"] == lang
        assert text(soup.find("h1")) == getattr(item.name, lang)
        content = soup.select_one(".ftz-content")
        assert [text(p) for p in content.find_all("p")] == [getattr(p, lang) for p in item.intro]
        measures = content.select("ol.ftz-measures > li")
        assert [li["id"] for li in measures] == [f"measure-{m.number}" for m in item.measures]
        for li, measure in zip(measures, item.measures):
            assert text(li) == f"{measure.number}. {getattr(measure.text, lang)}"
            assert li.a["href"] == f"#measure-{measure.number}"
        permalink = soup.select_one(".ftz-permalink a")["href"]
        assert permalink == f"{SITE_URL}{LANG_ROOT[lang]}reforms/{item.id}/"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_pages_link_bodies_areas_topics_and_neighbours(site, lang):
    for index, item in enumerate(DATA.items):
        soup = page(site, lang, f"reforms/{item.id}")
        bodies = soup.select("ul.ftz-agencies > li")
        assert [li.a["href"] for li in bodies] == [f"../../agencies/{slug}/" for slug in item.agencies]
        assert [bool(li.select_one(".ftz-lead")) for li in bodies] == [True] + [False] * (len(item.agencies) - 1)
        if lang == "en":  # the Chinese name stands beside the official English one
            assert [li.select_one("[lang=zh]").get_text() for li in bodies] == [DATA.agencies[s].name.zh for s in item.agencies]
        zone_hrefs = [a["href"] for a in soup.find(id="areas").find_next("p").find_all("a")]
        assert zone_hrefs == ([f"../../zones/{z}/" for z in item.zones] or ["../../zones/ftz-wide/"])
        assert [a["href"] for a in soup.select("ul.ftz-tags a")] == [f"../../topics/{t}/" for t in item.topics]
        prev, nxt = soup.select_one("a.ftz-pager-prev"), soup.select_one("a.ftz-pager-next")
        assert (prev["href"] if prev else None) == (f"../{DATA.items[index - 1].id}/" if index else None)
        assert (nxt["href"] if nxt else None) == (f"../{DATA.items[index + 1].id}/" if index < len(DATA.items) - 1 else None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_agency_page_lists_exactly_its_items(site, lang):
    registry = {a.name.zh: a.slug for a in DATA.agencies.values()}
    expected: dict[str, list[int]] = {}
    lead: dict[str, list[int]] = {}
    for number, bodies in source_rows():
        for position, body in enumerate(bodies):
            expected.setdefault(registry[body], []).append(number)
            if position == 0:
                lead.setdefault(registry[body], []).append(number)
    assert len(expected) == len(DATA.agencies)  # every body of the registry is in the source
    index = page(site, lang, "agencies")
    assert sorted(a["href"].strip("/").split("/")[-1] for a in index.select("table a")) == sorted(expected)
    for slug, numbers in expected.items():
        soup = page(site, lang, f"agencies/{slug}")
        assert linked_items(soup) == numbers, slug
        roles = [text(row.find_all("td")[-1]) for row in soup.select(".ftz-items table tbody tr")]
        lead_label = "牵头" if lang == "zh" else "lead"
        assert [n for n, role in zip(numbers, roles) if role == lead_label] == lead.get(slug, [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_area_page_lists_exactly_its_items(site, lang):
    bureaus = {"东疆片区管理局": "dongjiang", "机场片区管理局": "airport", "中心商务片区管理局": "cbd"}
    expected = {"dongjiang": [], "airport": [], "cbd": [], "ftz-wide": []}
    for number, bodies in source_rows():
        zones = [bureaus[b] for b in bodies if b in bureaus]
        for zone in zones or ["ftz-wide"]:
            expected[zone].append(number)
    assert all(expected.values()) and sum(map(len, expected.values())) >= len(DATA.items)  # the source names each area
    for zone, numbers in expected.items():
        assert linked_items(page(site, lang, f"zones/{zone}")) == numbers, zone


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_topic_pages_and_lists(site, lang):
    for topic in DATA.topics.values():
        soup = page(site, lang, f"topics/{topic.slug}")
        assert text(soup.find("h1")) == getattr(topic.name, lang)
        assert linked_items(soup) == [i.number for i in DATA.items if topic.slug in i.topics]
    assert linked_items(page(site, lang, "reforms")) == [i.number for i in DATA.items]
    assert linked_items(page(site, lang, "")) == [i.number for i in DATA.items]


def test_hreflang_pairs_and_canonical_urls(site):
    routes = [""] + ["reforms", "agencies", "zones", "topics", "about"] + [f"reforms/{i.id}" for i in DATA.items] \
        + [f"agencies/{slug}" for slug in DATA.agencies] + [f"zones/{slug}" for slug in DATA.zones]
    for route in routes:
        suffix = f"{route}/" if route else ""
        for lang in ("zh", "en"):
            soup = page(site, lang, route)
            alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
            assert alternates == {"zh": f"{SITE_URL}{suffix}", "en": f"{SITE_URL}en/{suffix}", "x-default": f"{SITE_URL}{suffix}"}, route
            assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE_URL}{LANG_ROOT[lang]}{suffix}"
            switch = {a["hreflang"]: a["href"] for a in soup.select(".md-select__link[hreflang]")}
            assert set(switch) == {"zh", "en"}


def test_english_pages_say_the_chinese_prevails(site):
    for route in ["", "reforms", f"reforms/{DATA.items[0].id}"]:
        assert "the Chinese text prevails" in text(page(site, "en", route).select_one(".ftz-prevails"))
    assert "以中文文本为准" in text(page(site, "zh", "").select_one(".md-copyright"))


def test_interface_is_translated(site):
    en = page(site, "en", "reforms/2021-05")
    headings = [text(h) for h in en.select("h2")]
    assert headings[:7] == ["Main content", "Responsible bodies", "Areas", "Topics", "Versions", "Cite this item", "Permanent link"]
    assert [text(a) for a in en.select(".md-tabs__link")] == [
        "Home", "All reform items", "Areas", "Responsible bodies", "Topics",
        "Responsibility matrix", "Bilingual text", "Glossary", "Open data", "Changelog", "About this site"]
    zh = page(site, "zh", "reforms/2021-05")
    assert [text(a) for a in zh.select(".md-tabs__link")] == [
        "首页", "全部改革事项", "片区", "负责单位", "主题", "职责矩阵", "中英对照", "术语表", "开放数据", "修订记录", "关于本站"]


# URLs in Material's script bundle on code paths this site never takes; each
# entry says why.  An entry that no longer occurs fails, so the list stays true.
DORMANT_THEME_URLS = {
    "https://${e}/api/v4/projects/${encodeURIComponent(t": "repository facts, only with repo_url (not set)",
    "https://api.github.com/repos/${e}/${t}": "repository facts, only with repo_url (not set)",
    "https://api.github.com/users/${e}": "repository facts, only with repo_url (not set)",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for mermaid diagrams (none on the site)",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
}


def test_no_page_requests_anything_from_another_site(site):
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe", "source", "a"]):
            url = tag.get("src") or tag.get("href") or ""
            if url.startswith(("http:", "https:", "//")):
                assert url.startswith(SITE_URL), f"{path.relative_to(site)}: {url}"
    theme_urls: set[str] = set()
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        # Comments (licence notices, also inside inline SVG icons) are not requests.
        code = re.sub(r"/\*.*?\*/|<!--.*?-->|\\3c !--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", code), path
        urls = {u for u in re.findall(r"https?://[^\s\"'`)]+", code) if not u.startswith("http://www.w3.org/")}
        theme_urls |= urls & set(DORMANT_THEME_URLS)
        assert not urls - set(DORMANT_THEME_URLS), f"{path.relative_to(site)}: {sorted(urls)[:5]}"
    assert theme_urls == set(DORMANT_THEME_URLS), "an exception is no longer needed: remove it"


def test_item_page_size_does_not_depend_on_the_number_of_items(site):
    # Items are not in the global navigation, so an item page holds no list of all items.
    soup = page(site, "zh", "reforms/2021-05")
    links = {a["href"] for a in soup.find_all("a", href=True) if "2021-" in a["href"]}
    assert links == {"../2021-04/", "../2021-06/", f"{SITE_URL}reforms/2021-05/", "../../en/reforms/2021-05/", "../../data/reforms/2021-05.json"}


def test_one_search_index_per_language(site):
    for lang, folder in (("zh", "search/"), ("en", "en/search/")):
        loaded = json.loads((site / folder / "search_index.json").read_text(encoding="utf-8"))
        assert loaded["docs"] == [] and loaded["config"]["index"] == f"{folder}index/"  # the index is fetched when searching
        index = site / folder / "index"
        meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
        titles = page_table(index)
        assert len(titles) == meta["pages"] and meta["items"] == len(DATA.items)
        assert titles[:len(DATA.items)] == [[f"reforms/{i.id}/", getattr(i.name, lang)] for i in DATA.items]  # items first, by number
        assert not [location for location, _ in titles if location.startswith("en/")]  # this language's pages only
        item = DATA.items[13]
        fields = json.loads((index / "f/13.json").read_text(encoding="utf-8"))
        measures = [(anchor, text) for _, anchor, _, text in fields if anchor.startswith("#measure-")]
        assert measures == [(f"#measure-{m.number}", getattr(m.text, lang)) for m in item.measures]
        assert "\u200b" not in (index / "f/13.json").read_text(encoding="utf-8")
    assert not (site / "assets/javascripts/workers").exists() and (site / "assets/javascripts/search-worker.js").exists() \
        and (site / "assets/javascripts/search-engine.js").exists()


@pytest.mark.parametrize("lang, heading", [("zh", "页面不存在"), ("en", "Page not found")])
def test_one_404_page_per_language(site, lang, heading):
    soup = BeautifulSoup((site / LANG_ROOT[lang] / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == lang and text(soup.find("h1")) == heading
    home = "/" + LANG_ROOT[lang]  # site-absolute: the page is served at any depth
    links = {a["href"] for a in soup.select("article a")}
    assert {home, f"{home}reforms/"} <= links
    # The Chinese one is what a static host serves for every missing URL: it says it in English too.
    assert (links - {home, f"{home}reforms/"}) == ({"/en/", "/en/reforms/"} if lang == "zh" else set())
    assert {a["hreflang"]: a["href"] for a in soup.select(".md-select__link")} == {"zh": "/", "en": "/en/"}
    assert not soup.select("link[rel=canonical], link[hreflang]")


def test_one_sitemap_lists_every_page_with_its_translation(site):
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == ["sitemap.xml"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if '<meta name="robots" content="noindex, follow">' not in p.read_text(encoding="utf-8"))
    assert len(entries) == len(pages) > 130  # every page but those kept out of indexes (an item's versions and changes)
    assert not any(re.search(r"reforms/[^/<]+/(v[\d.]+|changes)/</loc>", entry) for entry in entries)
    for entry in entries:
        loc = re.search(r"<loc>([^<]+)</loc>", entry).group(1)
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert loc in alternates.values() and set(alternates) == {"zh", "en"}
        assert alternates["en"] == alternates["zh"].replace(SITE_URL, f"{SITE_URL}en/", 1)


def test_pages_load_the_theme_bundle_without_its_sitemap_fetcher(site):
    from ftzsite.theme.bundle import FETCHER
    names = {name for page in site.rglob("*.html") for name in re.findall(r'/(bundle\.[0-9a-f]{8}\.min\.js)"', page.read_text(encoding="utf-8"))}
    bundles = sorted(path.name for path in (site / "assets/javascripts").glob("bundle.*.min.js"))
    assert len(names) == 1 and bundles == sorted(names)  # the theme's original is gone
    code = (site / "assets/javascripts" / bundles[0]).read_text(encoding="utf-8")
    name = FETCHER.search(code).group(1)  # still defined, never called
    assert code.count(f"{name}({{document$:") == 1  # its definition only
    assert re.search(rf"\bfunction {name}\(\{{document\$:", code)


def test_no_inline_style_anywhere(site):
    """No style attribute or element: the Content-Security-Policy needs no 'unsafe-inline' for styles."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<style[\s>]|\sstyle=", html), page.relative_to(site)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_body_page_says_what_else_the_body_is_called(site, lang):
    other = "en" if lang == "zh" else "zh"
    for agency in DATA.agencies.values():
        shown = page(site, lang, f"agencies/{agency.slug}").select(".ftz-aliases span")
        assert [span.get_text() for span in shown] == getattr(agency.aliases, lang) + getattr(agency.aliases, other), agency.slug
        assert {span.get("lang") for span in shown[len(getattr(agency.aliases, lang)):]} <= {other}
