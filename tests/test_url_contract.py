"""The public URL contract: every committed URL resolves in the built site, and every published URL is committed."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from ftzsite.data.load import load_dataset
from ftzsite.pages.urls import CONTRACT, public_urls, read_contract

_REFRESH = re.compile(r"url=([^\"'>]+)", re.I)


def resolve(site: Path, url: str, hops: int = 3) -> str | None:
    """Why `url` does not resolve in the built site, or None when it does (following redirect pages)."""
    path, _, anchor = url.partition("#")
    file = site / path.lstrip("/") / ("index.html" if path.endswith("/") else "")
    if not file.is_file():
        return f"{url}: no such page"
    if file.suffix != ".html":
        return None  # a download or a feed: it exists
    html = file.read_text(encoding="utf-8", errors="replace")
    soup = BeautifulSoup(html, "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    if refresh and hops:
        target = urljoin(path, _REFRESH.search(refresh["content"]).group(1))
        return resolve(site, target + (f"#{anchor}" if anchor else ""), hops - 1)
    if anchor and not soup.find(id=anchor):
        return f"{url}: no element with id {anchor!r}"
    return None


def test_every_contracted_url_resolves(site):
    contract = read_contract()
    assert len(contract) >= len(public_urls(load_dataset()))  # never fewer than the data publishes
    assert [problem for url in contract if (problem := resolve(site, url))] == []


def test_every_published_url_is_in_the_contract():
    missing = sorted(set(public_urls(load_dataset())) - set(read_contract()))
    assert missing == [], f"run `python -m ftzsite.pages.urls --add` to add them to {CONTRACT.name}"


def test_a_removed_page_or_anchor_fails_and_a_redirect_keeps_it(tmp_path):
    (tmp_path / "reforms/2021-05").mkdir(parents=True)
    (tmp_path / "reforms/2021-05/index.html").write_text('<li id="measure-1">x</li>', encoding="utf-8")
    assert resolve(tmp_path, "/reforms/2021-06/") == "/reforms/2021-06/: no such page"
    assert resolve(tmp_path, "/reforms/2021-05/#measure-2") == "/reforms/2021-05/#measure-2: no element with id 'measure-2'"
    (tmp_path / "old").mkdir()
    (tmp_path / "old/index.html").write_text('<meta http-equiv="refresh" content="0; url=../reforms/2021-05/">', encoding="utf-8")
    assert resolve(tmp_path, "/old/#measure-1") is None
