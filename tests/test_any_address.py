"""The site works at any address: built for the default (placeholder) address, served from another one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from static_server import serve
from ftzsite.release.address import is_placeholder
from ftzsite.pages.build import QUIET_BUILD_ENV
from test_site import SITE_URL

pytestmark = pytest.mark.browser
ROUTES = ["", "reforms/2021-05/", "agencies/tianjin-customs/", "zones/dongjiang/"]
ROOTS = {"zh": "/", "en": "/en/"}


@pytest.fixture(scope="module")
def elsewhere(site):
    """The site built for its default address, served at 127.0.0.1:<port>."""
    assert is_placeholder(SITE_URL) and "127.0.0.1" not in SITE_URL
    with serve(site) as url:
        yield url


@pytest.fixture
def watched(browser, elsewhere):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.log = {"other hosts": [], "failed": [], "console errors": []}
    page.on("request", lambda r: not r.url.startswith((elsewhere + "/", "data:")) and page.log["other hosts"].append(r.url))
    page.on("requestfailed", lambda r: page.log["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and page.log["failed"].append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and page.log["console errors"].append(m.text))
    page.on("pageerror", lambda e: page.log["console errors"].append(str(e)))
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("route", ROUTES)
def test_no_other_host_no_failure_and_the_switch_keeps_the_page(watched, elsewhere, lang, route):
    other = "en" if lang == "zh" else "zh"
    watched.goto(f"{elsewhere}{ROOTS[lang]}{route}")
    watched.wait_for_load_state("networkidle")
    watched.click(".md-header__option .md-select")  # the selector opens on hover or focus
    watched.locator(f".md-select__link[hreflang={other}]").click()
    watched.wait_for_url(f"{elsewhere}{ROOTS[other]}{route}")
    assert watched.locator("html").get_attribute("lang") == other
    watched.wait_for_load_state("networkidle")
    assert watched.log == {"other hosts": [], "failed": [], "console errors": []}


def test_the_watch_sees_a_request_to_another_host(watched, elsewhere):
    watched.goto(f"{elsewhere}/")
    watched.evaluate("fetch('https://example.org/sitemap.xml').catch(() => {})")
    watched.wait_for_timeout(500)
    assert watched.log["other hosts"] == ["https://example.org/sitemap.xml"]


def test_the_build_says_the_address_is_a_placeholder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | QUIET_BUILD_ENV
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    lines = [line for line in result.stderr.splitlines() if "placeholder address" in line]
    assert result.returncode == 0 and len(lines) == 1
    assert SITE_URL in lines[0] and "SITE_URL" in lines[0] and "ftz-publish --site-url" in lines[0]
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=env | {"SITE_URL": "https://owner.github.io/repo/"})
    assert "placeholder address" not in result.stderr
