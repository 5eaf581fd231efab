"""Sharing in a real browser: decoding QR codes, printing handouts, the share button."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.browser.tools import SCREENSHOTS


def decode_qr(page, server, path) -> str:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg is missing: make test installs Debian's zbar-tools")
    page.set_viewport_size({"width": 600, "height": 600})
    page.goto(server + path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = SCREENSHOTS / ("qr" + path.replace("/", "_") + ".png")
    page.locator("svg").screenshot(path=str(image))
    result = subprocess.run([zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.mark.parametrize("path", ["/en/outlook", "/ar/checklists/questions", "/zh-Hans/symptoms"])
def test_an_independent_decoder_reads_the_page_address_from_its_qr_code(page, server, path):
    assert decode_qr(page, server, path + "/qr.svg") == server + path


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["/outlook/handout", "/checklists/questions/handout", "/symptoms/handout"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_handout_prints_on_one_page(page, server, lang, path, paper):
    page.goto(server + f"/{lang}{path}")
    assert page.locator(".handout svg").is_visible()
    pdf = page.pdf(format=paper, print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"handout-{lang}{path.replace('/', '_')}-{paper}.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1


def test_the_share_button_copies_the_link_where_there_is_no_share_sheet(page, context, server):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(server + "/es/outlook")
    assert page.evaluate("() => navigator.share === undefined")
    page.locator(".share [data-share-url]").first.click()
    status = page.locator("[data-share-status]")
    status.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('[data-share-status]').textContent.length > 0")
    assert page.evaluate("() => navigator.clipboard.readText()") == server + "/es/outlook"


def test_the_share_button_uses_the_share_sheet_where_there_is_one(context, server):
    context.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    page = context.new_page()
    page.goto(server + "/en/outlook")
    page.locator(".share-languages summary").click()
    button = page.locator('.share-languages li:has(a[hreflang="es"]) button')
    assert "Español" in button.get_attribute("aria-label")  # the script made it, named for its language
    button.click()
    # The address alone: its preview (og:title) is in Spanish; this page's title is not.
    assert page.evaluate("() => window.shared") == {"url": server + "/es/outlook"}


def test_without_javascript_the_short_link_is_on_the_page(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/en/outlook")
    link = page.locator(".short-link a")
    assert link.is_visible() and link.get_attribute("href") == server + "/en/outlook"
    assert not page.locator(".share button").first.is_visible()
    context.close()
