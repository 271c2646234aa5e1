"""The copy opened from disk (file://): the same pages, links that open files, search without a server.

ftz-publish builds it with FTZ_OFFLINE=1 in the environment; the MkDocs hook then
has the pages load the iframe-worker shim (theme/worker_shim.py), and calls `finish`, which:

- copies the shim into the site;
- write search/search_index.js for each language: on file: the theme loads it
  with a script tag and reads `__index`; the worker cannot fetch files there,
  so it holds the whole index (search.offline_index), whose locations open files;
- rewrite relative links to folders (`../2021-05/`, `../..`) to their
  index.html, since a browser shows a folder listing for a folder on disk;
  MkDocs cannot do it, as our pages' links are raw HTML from the templates.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..languages import LANGUAGES, folder
from ..theme import worker_shim
from .search_index import offline_index

ENV = "FTZ_OFFLINE"
_HREF = re.compile(r'\shref="([^"]*)"')
_ABSOLUTE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def building() -> bool:
    return os.environ.get(ENV) == "1"


def file_link(url: str) -> str:
    """A relative link as it must be on disk: a folder becomes its index.html, anything else is kept."""
    if not url or _ABSOLUTE.match(url):
        return url
    cut = min([i for i in (url.find("?"), url.find("#")) if i >= 0] or [len(url)])
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    return path + rest


def file_location(location: str) -> str:
    """A search entry's location (relative to the language root) on disk: '' and '#x' are the home page."""
    return file_link(location) if location and not location.startswith(("#", "?")) else "index.html" + location


def finish(site_dir: Path) -> None:
    worker_shim.copy_into(site_dir)
    for lang in LANGUAGES:
        index = offline_index(site_dir, folder(lang), file_location)
        script = "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"
        (site_dir / folder(lang) / "search" / "search_index.js").write_text(script, encoding="utf-8")
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(_HREF.sub(lambda m: f' href="{file_link(m.group(1))}"', html), encoding="utf-8")


# ---------------------------------------------------------------- the download (ftz-publish)
def zip_name(name: str, version: str) -> str:
    """The offline copy's file name, with the dataset's version: a reader can tell which text a copy holds."""
    return f"{name}-offline-v{version}.zip"


def readme(name: str, version: str) -> str:
    """README.txt at the top of the zip, in both languages."""
    return f"""{name}: offline copy / 离线版 (version 版本 {version})

中文
这是《2021年天津自贸试验区复制推广改革试点经验》双语参考网站的离线版，数据版本 {version}。
无需服务器或网络：解压后用浏览器打开 {name}/index.html（英文版：{name}/en/index.html）。
链接、语言切换和搜索均可在本地使用。英文为参考译文，以中文文本为准。

English
This is the offline copy of the bilingual reference site of the 2021 list of reform pilot
experiences of the China (Tianjin) Pilot Free Trade Zone, dataset version {version}.
It needs no server and no network: unzip it and open {name}/index.html in a browser
(English: {name}/en/index.html). Links, the language switch and search work from disk.
The English is a translation for reference; the Chinese text prevails.
"""


# The data page's template leaves this marker where the download goes; ftz-publish replaces it
# in the released pages only, so a plain build (and the offline copy itself) has no link to a zip
# that is not there.
MARKER = "<!-- ftz:offline-copy -->"
_LINK = {
    "zh": '<p class="ftz-offline-copy"><a href="{href}" download><code>{file}</code></a>（ZIP，{size}）：网站的离线版，'
          '数据版本 {version}。解压后打开 <code>{name}/index.html</code>，无需网络；链接、语言切换和搜索均可使用。</p>',
    "en": '<p class="ftz-offline-copy"><a href="{href}" download><code>{file}</code></a> (ZIP, {size}): the site to read '
          'offline, dataset version {version}. Unzip it and open <code>{name}/index.html</code>; links, the language switch '
          'and search work without a network.</p>',
}
DATA_PAGES = {lang: folder(lang) + "data/index.html" for lang in LANGUAGES}


class MissingMarker(RuntimeError):
    pass


def link_download(site_dir: Path, zipped: Path, name: str, version: str) -> None:
    """Put the link to the offline copy (already in site_dir) on the Open data page of each language."""
    size = f"{zipped.stat().st_size / 1e6:.1f} MB"
    for lang, route in DATA_PAGES.items():
        page = site_dir / route
        html = page.read_text(encoding="utf-8")
        if html.count(MARKER) != 1:
            raise MissingMarker(f"{route}: the data page must hold {MARKER} once (templates/data.md.j2)")
        href = os.path.relpath(zipped, page.parent).replace(os.sep, "/")
        link = _LINK[lang].format(href=href, file=zipped.name, size=size, version=version, name=name)
        page.write_text(html.replace(MARKER, link), encoding="utf-8")
