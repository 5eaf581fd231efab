"""Choosing a language where no server picks it: the language list and the switch."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es-MX", "es"),
        ("zh-CN", "zh-Hans"),
        ("zh-TW", "zh-Hant"),  # never Simplified
        ("zh-HK", "zh-Hant"),
        ("ar-EG", "ar"),
        ("fil-PH", "tl"),
        ("pt-PT", "pt"),
        ("ko-KR", "ko"),
        ("ur-PK", "ur"),
        ("de-DE", "en"),
    ],
)
def test_the_language_list_sends_the_reader_to_her_language(browser, server, locale, expected):
    """What / shows on a static host: the browser's languages decide, as on the server."""
    context = browser.new_context(viewport=PHONE, locale=locale)
    try:
        page = context.new_page()
        page.goto(server + "/languages")
        page.wait_for_url(f"{server}/{expected}/")
    finally:
        context.close()


def test_a_language_chosen_is_remembered_by_slash(page, server):
    page.goto(server + "/en/outlook")
    page.locator(".language-picker summary").click()
    with page.expect_navigation():
        page.locator('.language-picker a[lang="ar"]').click()
    assert page.url == server + "/ar/outlook"
    (cookie,) = page.context.cookies()
    assert (cookie["name"], cookie["value"], cookie["path"], cookie["sameSite"]) == ("lang", "ar", "/", "Lax")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    page.goto(server + "/")
    page.wait_for_url(server + "/ar/")
    page.goto(server + "/languages")
    page.wait_for_url(server + "/ar/")
    # A second choice replaces the first.
    page.locator(".language-picker summary").click()
    with page.expect_navigation():
        page.locator(".language-picker").get_by_role("link", name="Español").click()
    assert page.evaluate("() => document.documentElement.lang") == "es"
    page.goto(server + "/")
    page.wait_for_url(server + "/es/")
