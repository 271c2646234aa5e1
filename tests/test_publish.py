"""ftz-publish: a release needs an address; its offline copy works opened from disk (file://) in Chromium."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, ftz, mkdocs
from search_runner import search_for

from ftzsite.release.address import checked
from ftzsite.release.csp import meta_policy, script_hashes
from ftzsite.data.load import load_dataset

NAME = "tjftz-reforms-2021"


ZIP = f"{NAME}-offline-v{load_dataset().version}.zip"

BAD_ADDRESSES = {
    # address: what the message says
    "": "no address",
    "https://example.org/": "reserved example address",
    "https://reforms.example.com/": "reserved example address",
    "https://site.test/": "reserved example address",
    "https://example.org./": "without its trailing dot",
    "https://ftz-reforms.net./": "without its trailing dot",
    "owner.github.io/repo": "not an https:// address",
    "http://ftz-reforms.net/": "not an https:// address",
    "ftp://ftz-reforms.net/": "not an https:// address",
    "javascript://ftz-reforms.net/": "not an https:// address",
    "//ftz-reforms.net/": "not an https:// address",
    "https:///path/": "not an https:// address",
    "https://ftz-reforms.net/?": "cannot have a query or a fragment",
    "https://ftz-reforms.net/#": "cannot have a query or a fragment",
    "https://ftz-reforms.net/?x=1": "cannot have a query or a fragment",
    "https://user:pass@ftz-reforms.net/": "user name or password",
    "https://ftz-reforms.net:8443/": "cannot name a port",
    "https://localhost/": "names this machine or a local network",
    "https://foo.localhost/": "names this machine or a local network",
    "https://intranet.local/": "names this machine or a local network",
    "https://intranet/": "not a public DNS name",
    "https://127.0.0.1/": "loopback, private or reserved",
    "https://10.0.0.5/": "loopback, private or reserved",
    "https://192.168.1.2/": "loopback, private or reserved",
    "https://[::1]/": "loopback, private or reserved",
    "https://[fe80::1]/": "loopback, private or reserved",
    " https://ftz-reforms.net/": "plain URL characters",
    "https://ftz-reforms.net/a b/": "plain URL characters",
    "https://ftz-reforms.net/\n": "plain URL characters",
    'https://ftz-reforms.net/x"onmouseover="alert(1)/': "plain URL characters",
    "https://ftz-reforms.net/<b>/": "plain URL characters",
    "https://ftz-reforms.net/a%zz/": "the path must be",
    "https://" + "a" * 5000 + ".net/": "not a public DNS name",
}


@pytest.mark.parametrize("url", sorted(BAD_ADDRESSES))
def test_publishing_needs_a_public_https_address(tmp_path, url):
    result = ftz("ftz-publish", "--out", str(tmp_path / "out"), env={"SITE_URL": url})
    assert result.returncode != 0 and BAD_ADDRESSES[url] in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr) < 1000
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", ["https://ftz-reforms.net/x\"y/", "http://10.0.0.5/", "https://ftz-reforms.net/?"])
def test_a_plain_build_refuses_a_bad_address_too(tmp_path, url):
    result = mkdocs("build", "--site-dir", str(tmp_path / "site"), env={"SITE_URL": url})
    assert result.returncode != 0 and "SITE_URL" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("url, normal", [
    ("https://ftz-reforms.net", "https://ftz-reforms.net/"),
    ("https://FTZ-Reforms.net/Repo", "https://ftz-reforms.net/Repo/"),
    ("https://owner.github.io/repo/", "https://owner.github.io/repo/"),
    ("https://xn--fiqs8s.cn/%E6%94%B9/", "https://xn--fiqs8s.cn/%E6%94%B9/"),
])
def test_a_good_address_is_kept_with_its_slash(url, normal):
    assert checked(url) == normal


def test_a_preview_address_must_be_on_this_machine():
    assert checked("http://127.0.0.1:8123/", preview=True) == "http://127.0.0.1:8123/"
    for url in ("http://10.0.0.5:80/", "http://ftz-reforms.net/", "http://127.0.0.1:8123/?"):
        with pytest.raises(ValueError):
            checked(url, preview=True)


def test_the_release_holds_the_site_its_nginx_includes_and_the_offline_copy(release):
    out, port = release
    assert (out / "site" / "index.html").is_file() and (out / "site" / "index.html.gz").is_file()
    assert "Content-Security-Policy" in (out / "nginx" / "csp.conf").read_text(encoding="utf-8")
    assert (out / "nginx" / "redirects.conf").is_file()
    assert sorted(p.name for p in out.iterdir()) == ["nginx", "site"]
    with zipfile.ZipFile(out / "site" / "data" / ZIP) as archive:
        names = archive.namelist()
        readme = archive.read(f"{NAME}/README.txt").decode("utf-8")
    assert f"{NAME}/index.html" in names and f"{NAME}/en/reforms/2021-05/index.html" in names
    assert not [n for n in names if n.endswith((".gz", ".br", ".zip"))]  # nor its own zip
    version = load_dataset().version
    for words in (f"数据版本 {version}", f"dataset version {version}", f"{NAME}/index.html", "以中文文本为准", "the Chinese text prevails"):
        assert words in readme
    # The permanent links are the published ones, also in the offline copy.
    assert f"http://127.0.0.1:{port}/reforms/2021-05/" in (out / "site" / "reforms/2021-05/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def offline(release, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(release[0] / "site" / "data" / ZIP) as archive:
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


def test_the_offline_copy_carries_every_version_its_changes_and_the_feed(offline):
    from ftzsite.data.load import load_dataset
    data = load_dataset()
    for root in (offline, offline / "en"):
        for item in data.items:
            for revision in data.revisions:
                assert (root / f"reforms/{item.id}/v{revision.version}/index.html").is_file()
            assert (root / f"reforms/{item.id}/changes/index.html").is_file()
        assert "<feed" in (root / "changelog/feed.atom").read_text(encoding="utf-8")
    item = (offline / "en/reforms/2021-14/index.html").read_text(encoding="utf-8")
    assert f'href="v{data.version}/index.html"' in item and 'href="changes/index.html' in item  # links open files from disk


@pytest.fixture
def file_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("request", lambda r: not r.url.startswith(("file:", "data:")) and page.problems.append(f"request: {r.url}"))
    # A request the page's own navigation cut short (ERR_ABORTED: the favicon while a click leaves the page) is not a
    # missing file; a file that is not there fails with ERR_FILE_NOT_FOUND.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and page.problems.append(f"failed: {r.url} ({r.failure})"))
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


def test_the_open_data_pages_link_the_offline_copy(release):
    """Only the released pages do: a plain build has no zip to link (tests/test_links.py crawls one)."""
    site = release[0] / "site"
    for page in ("data/index.html", "en/data/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'<p class="ftz-offline-copy"><a href="([^"]+)" download>', html)
        assert len(hrefs) == 1 and hrefs[0].endswith(ZIP) and "ftz:offline-copy" not in html, page
        assert ((site / page).parent / hrefs[0]).resolve() == (site / "data" / ZIP).resolve()


def test_plain_builds_have_no_link_to_the_offline_copy(site):
    assert "ftz-offline-copy" not in (site / "data" / "index.html").read_text(encoding="utf-8")


def test_released_pages_carry_the_policy_a_meta_tag_can(release):
    """For hosts that send no headers (GitHub Pages): the CSP without frame-ancestors, first in <head>."""
    site = release[0] / "site"
    policy = meta_policy(script_hashes(site))
    assert "frame-ancestors" not in policy and "script-src 'self' 'sha256-" in policy
    for page in ("index.html", "en/reforms/2021-05/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy}">' in html, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
