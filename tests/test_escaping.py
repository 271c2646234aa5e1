"""Whatever reaches a page is escaped: markup in the data shows as text, in pages, titles and search results.

Validation rejects markup in text fields, so this test relaxes that one check
in the build's own process (not in the project's code) to reach the templates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from search_runner import search_for
from static_server import serve
from ftzsite.pages.build import QUIET_BUILD_ENV
from ftzsite.data.load import load_dataset

PAYLOAD = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
BUILD_WITHOUT_MARKUP_CHECK = (
    "import re, sys; sys.path.insert(0, 'scripts'); from ftzsite.data import model; "
    "model._MARKUP = re.compile('(?!)'); from mkdocs.__main__ import cli; cli()"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, data_dir_with_payload):
    out = tmp_path_factory.mktemp("hostile")
    with serve(out) as url:
        env = {**os.environ, "FTZ_DATA_DIR": str(data_dir_with_payload), "SITE_URL": url + "/", **QUIET_BUILD_ENV}
        result = subprocess.run([sys.executable, "-c", BUILD_WITHOUT_MARKUP_CHECK, "build", "--site-dir", str(out)],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        yield out, url


@pytest.fixture(scope="module")
def data_dir_with_payload(tmp_path_factory):
    import shutil
    target = tmp_path_factory.mktemp("hostile-data") / "data"
    shutil.copytree(ROOT / "data", target)
    reforms = target / "reforms.yaml"
    text = reforms.read_text(encoding="utf-8")
    name = load_dataset().items[0].name  # the first item's name, in both languages, as the file writes it
    for old in (f'zh: "{name.zh}"', f'en: "{name.en}"'):
        assert text.count(old) == 1, old
        text = text.replace(old, old[:4] + json.dumps(PAYLOAD + " " + json.loads(old[4:])))
    reforms.write_text(text, encoding="utf-8")
    return target


def soup_of(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", ["reforms/2021-01/index.html", "en/reforms/2021-01/index.html", "index.html", "en/reforms/index.html",
                                  "agencies/tianjin-commerce/index.html", "bilingual/index.html", "matrix/index.html"])
def test_markup_in_the_data_is_shown_as_text(hostile_site, path):
    site, _ = hostile_site
    soup = soup_of(site, path)
    # Executable scripts never hold the payload; data blocks (JSON-LD, the list's filter data) never run,
    # and stay valid JSON with every < escaped where they are embedded.
    executable = [s for s in soup.find_all("script") if s.get("type", "text/javascript") in ("text/javascript", "module")]
    assert not [s for s in executable if "alert" in s.get_text()]
    for block in soup.select("script[type='application/ld+json'], script[type='application/json']"):
        assert "</script" not in block.get_text() and json.loads(block.get_text())
    assert not soup.find_all(attrs={"onerror": True})
    shown = soup.get_text() + " ".join(a.get("title", "") for a in soup.find_all("a"))
    assert PAYLOAD in shown


def test_titles_and_descriptions_are_escaped(hostile_site):
    site, _ = hostile_site
    soup = soup_of(site, "en/reforms/2021-01/index.html")
    assert PAYLOAD in soup.title.get_text()
    assert PAYLOAD in soup.select_one("h1").get_text()
    assert PAYLOAD in soup.select_one(".md-header__topic[data-md-component=header-topic]").get_text()
    assert soup.select_one("meta[name=description]")["content"].startswith("Forming a coinsurance pool")
    # Metadata for machines: the name is data in a <meta> attribute and in JSON-LD, never markup.
    assert soup.select_one("meta[name=citation_title]")["content"].startswith(PAYLOAD)
    (script,) = soup.select("script[type='application/ld+json']")
    assert json.loads(script.string)["name"].startswith(PAYLOAD)


@pytest.mark.browser
def test_search_results_show_markup_as_text(hostile_site, browser):
    site, url = hostile_site
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/en/")
    search_for(page, "onerror")
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result img").count() == 0
    assert "onerror=alert(1)" in page.locator(".md-search-result__item").first.inner_text()
    assert dialogs == []
    page.close()
