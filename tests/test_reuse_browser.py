"""Citable and reusable, in the browser: copy buttons, the highlighted measure, printing and the QR code."""

from __future__ import annotations

import re
import subprocess

import pytest
import zxingcpp
from ftzsite.data.load import load_dataset
from ftzsite.data.versions import last_change
from PIL import Image

pytestmark = pytest.mark.browser


@pytest.fixture
def clipboard_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def test_copy_a_measure_link_and_a_citation(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/reforms/2021-14/")
    button = page.locator("#measure-5 button.ftz-copy")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/reforms/2021-14/#measure-5"
    assert button.inner_text().strip() == "已复制"
    page.locator(".ftz-cite button.ftz-copy").click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("中国（天津）自由贸易试验区. 2021年天津自贸试验区复制推广改革试点经验：第14项 税库银三方协议网签纳税模式[EB/OL].")
    version = last_change(load_dataset(), "2021-14", "zh").version  # the citation links the version's permanent page
    assert citation.endswith(f"{base_url}/reforms/2021-14/v{version}/.")


def test_copy_buttons_show_only_where_they_can_work(browser, base_url):
    """Without JavaScript a copy button would do nothing, so it is not shown (GOV.UK's progressive enhancement)."""
    for enabled in (True, False):
        context = browser.new_context(java_script_enabled=enabled)
        page = context.new_page()
        page.goto(f"{base_url}/en/reforms/2021-14/")
        buttons = page.locator("button.ftz-copy")
        assert buttons.count() > 2
        assert [buttons.nth(i).is_visible() for i in range(buttons.count())] == [enabled] * buttons.count()
        context.close()


def test_the_access_date_is_the_readers_today(page, base_url):
    # The reader's clock is set to a day that is not the build's (the last commit's), so the date the
    # page was built with cannot pass for the one site.js writes.
    page.clock.set_fixed_time("2031-03-09T10:00:00")
    url = f"{base_url}/en/reforms/2021-14/"
    built = re.search(r'<time class="ftz-accessed" datetime="([^"]+)">([^<]+)</time>', page.request.get(url).text())
    assert built and built[1] != "2031-03-09" and built[2] != "9 March 2031"  # the page as built says another day
    page.goto(url)
    accessed = page.locator("time.ftz-accessed")
    assert accessed.inner_text() == "9 March 2031" and accessed.get_attribute("datetime") == "2031-03-09"


def test_a_measure_link_scrolls_to_and_highlights_the_measure(page, base_url):
    page.goto(f"{base_url}/en/reforms/2021-21/#measure-4")
    measure = page.locator("#measure-4")
    assert 0 <= measure.bounding_box()["y"] < 200
    assert measure.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(254, 243, 199)"
    assert page.locator("#measure-3").evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_print_shows_the_item_and_its_link_without_the_site_chrome(page, base_url):
    page.goto(f"{base_url}/reforms/2021-14/")
    page.emulate_media(media="print")
    for hidden in [".md-header", ".md-tabs", ".md-sidebar--secondary", ".md-footer", "button.ftz-copy", ".ftz-pager"]:
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ["h1", "#measure-7", ".ftz-agencies", ".ftz-permalink a", "figure.ftz-qr svg"]:
        assert page.locator(shown).first.is_visible(), shown
    assert page.locator(".ftz-permalink a").inner_text() == f"{base_url}/reforms/2021-14/"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and 1 <= pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/") <= 3


def test_every_printed_qr_code_leads_back_to_its_item(page, base_url, tmp_path):
    # Codes are made with one fixed mask pattern (faster builds): decode every one of them, from the printed
    # sheets themselves (Chromium's PDF, rasterised at 150 dpi by poppler's pdftoppm), as a phone reads the paper.
    for n, path in enumerate(f"{root}reforms/{item.id}/" for root in ("/", "/en/") for item in load_dataset().items):
        page.goto(f"{base_url}{path}")
        page.emulate_media(media="print")
        (tmp_path / f"{n}.pdf").write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / f"{n}.pdf"), str(tmp_path / f"{n}-sheet")], check=True)
        codes = [code.text for sheet in sorted(tmp_path.glob(f"{n}-sheet*.png")) for code in zxingcpp.read_barcodes(Image.open(sheet))]
        assert codes == [f"{base_url}{path}"], path
