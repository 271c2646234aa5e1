"""ftz-publish: a release needs an address; its offline copy works opened from disk (file://) in Chromium."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, ftz
from search_runner import search_for

NAME = "tjftz-reforms-2021"


@pytest.mark.parametrize("args, message", [
    ([], "no address"),
    (["--site-url", "https://example.org/"], "reserved example address"),
    (["--site-url", "owner.github.io/repo"], "not an http(s) address"),
])
def test_publishing_needs_a_real_address(tmp_path, args, message):
    result = ftz("ftz-publish", *args, "--out", str(tmp_path / "out"), env={"SITE_URL": ""})
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "site").exists()


def test_the_release_holds_the_site_its_nginx_includes_and_the_offline_copy(release):
    out, port = release
    assert (out / "site" / "index.html").is_file() and (out / "site" / "index.html.gz").is_file()
    assert "Content-Security-Policy" in (out / "nginx" / "csp.conf").read_text(encoding="utf-8")
    assert (out / "nginx" / "redirects.conf").is_file()
    with zipfile.ZipFile(out / f"{NAME}-offline.zip") as archive:
        names = archive.namelist()
    assert f"{NAME}/index.html" in names and f"{NAME}/en/reforms/2021-05/index.html" in names
    assert not [n for n in names if n.endswith((".gz", ".br"))]
    # The permanent links are the published ones, also in the offline copy.
    assert f"http://127.0.0.1:{port}/reforms/2021-05/" in (out / "site" / "reforms/2021-05/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def offline(release, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(release[0] / f"{NAME}-offline.zip") as archive:
        archive.extractall(folder)
    return folder / NAME


def test_the_offline_copy_links_to_files_not_folders(offline):
    for page in offline.rglob("*.html"):
        for href in re.findall(r'\shref="([^"]*)"', page.read_text(encoding="utf-8")):
            if not re.match(r"^([a-z]+:|#|/)", href):  # relative links (the 404 page's are site-absolute, for servers)
                path = href.split("#")[0].split("?")[0]
                assert path.endswith(".html") or "." in path.rsplit("/", 1)[-1], f"{page.relative_to(offline)}: {href}"
    shim = offline / "assets/javascripts/iframe-worker/shim.js"
    assert shim.read_bytes() == (ROOT / "node_modules/iframe-worker/shim/index.js").read_bytes()
    assert "Permission is hereby granted" in shim.with_name("LICENSE").read_text(encoding="utf-8")


@pytest.fixture
def file_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("request", lambda r: not r.url.startswith(("file:", "data:")) and page.problems.append(f"request: {r.url}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    search_for(page, query)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a.md-search-result__link").all()]


@pytest.mark.browser
def test_offline_copy_navigates_switches_language_and_searches_from_disk(file_page, offline):
    page = file_page
    home = offline.as_uri()
    page.goto(f"{home}/index.html")
    page.locator(".ftz-items a[href='reforms/2021-05/index.html']").first.click()
    page.wait_for_url(f"{home}/reforms/2021-05/index.html")
    page.click(".md-header__option .md-select")
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{home}/en/reforms/2021-05/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    # Search in English on an English page: results are English pages, and they open.
    hits = search(page, "customs")
    assert hits and all(h.startswith(f"{home}/en/") and ".html" in h for h in hits)
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(f"{home}/en/**.html?h=customs")
    assert page.locator("article mark").first.inner_text().lower() == "customs"
    # And in Chinese on a Chinese page.
    page.goto(f"{home}/reforms/2021-05/index.html")
    hits = search(page, "海关")
    assert hits and all(h.startswith(f"{home}/") and not h.startswith(f"{home}/en/") for h in hits)
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(f"{home}/**.html?h=*")
    page.locator("article mark").first.wait_for()
    assert page.problems == []
