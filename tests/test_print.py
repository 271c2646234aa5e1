"""Printing, in Chromium: an item prints on as few clean A4 sheets as its text allows, with its link and a QR code
that a phone reads back to the item, without the site's chrome; a version page prints its version and date.

Every item page of both languages is printed once (the module's fixture), and the sheets serve every check.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from ftzsite.data.load import load_dataset
from ftzsite.data.versions import item_versions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from bench_print import item_paths, print_page  # noqa: E402

pytestmark = pytest.mark.browser
DATA = load_dataset()
CHANGED = "2021-14"  # its English changed in 1.1


@dataclass
class Printed:
    path: str
    pdf: bytes
    sheets: list[str]          # the text of each A4 sheet (pdftotext)
    qr_shown: bool             # the QR code is visible in print
    heading_colours: set[str]  # of the visible headings


@pytest.fixture(scope="module")
def printed(browser, base_url) -> list[Printed]:
    """Every item page of both languages, printed once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    result = []
    for path in item_paths():
        pdf, sheets = print_page(page, f"{base_url}{path}")
        colours = set(page.locator("h1, h2:visible").evaluate_all("els => els.map(e => getComputedStyle(e).color)"))
        result.append(Printed(path, pdf, sheets, page.locator("figure.ftz-qr svg").is_visible(), colours))
    context.close()
    return result


def test_every_item_prints_on_clean_sheets_with_its_link_and_qr_code_beside_text(printed, base_url):
    for item in printed:
        assert all(sheet.strip() for sheet in item.sheets), f"{item.path}: a blank sheet"
        last, permalink = item.sheets[-1], f"{base_url}{item.path}"
        assert permalink in last.replace("\n", "") and len(last.strip()) > len(permalink) + 40, f"{item.path}: the link alone on a sheet"
        assert item.qr_shown, item.path
        assert item.heading_colours == {"rgb(0, 0, 0)"}, f"{item.path}: headings print {item.heading_colours}"
    counts = [len(item.sheets) for item in printed]
    assert len(counts) == 2 * len(DATA.items)
    assert max(counts) <= 2 and counts.count(1) >= len(counts) * 0.9, counts  # one sheet wherever the text allows


def test_every_printed_qr_code_leads_back_to_its_item(printed, base_url, tmp_path):
    # Codes are made with one fixed mask pattern (faster builds): decode every one of them, from the printed
    # sheets themselves (Chromium's PDF, rasterised at 150 dpi by poppler's pdftoppm), as a phone reads the paper.
    for n, item in enumerate(printed):
        (tmp_path / f"{n}.pdf").write_bytes(item.pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / f"{n}.pdf"), str(tmp_path / f"{n}-sheet")], check=True)
        codes = [code.text for sheet in sorted(tmp_path.glob(f"{n}-sheet*.png")) for code in zxingcpp.read_barcodes(Image.open(sheet))]
        assert codes == [f"{base_url}{item.path}"], item.path


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


def test_a_version_page_prints_its_version_and_date(page, base_url):
    version = item_versions(DATA, CHANGED, "en")[0]
    _, sheets = print_page(page, f"{base_url}/en/reforms/{CHANGED}/v{version.version}/")
    first = sheets[0]
    assert f"version {version.version}" in first and "25 November 2026" in first and "It is not the current text" in first

