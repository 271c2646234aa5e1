"""The Content-Security-Policy of deploy/nginx/ breaks nothing: no violation on any page type, in both languages,
while searching and copying a link (Chromium, site served by ftz-serve)."""

from __future__ import annotations

import pytest

from search_runner import search_for

pytestmark = pytest.mark.browser

PAGES = ["", "reforms/", "reforms/2021-05/", "agencies/", "agencies/tianjin-customs/", "zones/", "zones/airport/",
         "zones/ftz-wide/", "topics/", "topics/finance/", "matrix/", "bilingual/", "glossary/", "data/", "about/", "no-such-page/"]
QUERY = {"zh": "海关", "en": "customs"}
# Every violation, in the page (the event) and as the browser reports it (the console).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`));
"""


@pytest.fixture
def csp_page(browser, nginx_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=nginx_url)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations") + [e for e in page.errors if "Content Security Policy" in e]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("route", PAGES)
def test_no_violation_while_reading_searching_and_copying(csp_page, nginx_url, lang, route):
    page = csp_page
    page.goto(f"{nginx_url}{'/en/' if lang == 'en' else '/'}{route}")
    page.wait_for_load_state("networkidle")
    search_for(page, QUERY[lang])
    page.keyboard.press("Escape")
    link = page.locator("li[id^=measure-] button.ftz-copy")
    if link.count():  # item pages: copy a measure's link
        link.first.click()
        page.locator("button.ftz-copy.ftz-copied").first.wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == f"{nginx_url}{page.url[len(nginx_url):]}#measure-1"
    assert violations(page) == []
    if route == "no-such-page/":  # the page itself answers 404, which Chromium logs
        page.errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert page.errors == []


def test_the_watch_sees_a_violation(csp_page, nginx_url):
    page = csp_page
    page.goto(f"{nginx_url}/reforms/2021-05/")
    page.evaluate("""() => {
      document.body.setAttribute("style", "color: red");
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.head.append(script);
    }""")
    page.wait_for_timeout(300)
    found = violations(page)
    assert any(v.startswith("style-src-attr") for v in found) and any(v.startswith("script-src-elem") for v in found), found
    assert page.evaluate("window.injected") is None
