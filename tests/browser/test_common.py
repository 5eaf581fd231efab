"""The module the page scripts share (templates/static/js/common.js), in Chromium.

What it does for every script: enhancing each part of a page once, on a full load
and in what htmx swaps in, history included; and sharing, else copying, else
selecting the text for copying by hand.
"""

from __future__ import annotations

from tests.browser.test_checklists import QUESTIONS
from tests.browser.test_checklists import URL as CHECKLIST

SHARE_SHEET = "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
NO_CLIPBOARD = "navigator.clipboard.writeText = () => Promise.reject(new DOMException('no', 'NotAllowedError'));"


def test_a_page_htmx_brings_back_from_its_history_works_again(context, server):
    """Going back, htmx restores the page from its snapshot: new nodes, the controls
    already shown, and no listener yet. They are enhanced again, not taken as done."""
    context.add_init_script(SHARE_SHEET)
    page = context.new_page()
    page.goto(server + "/en/outlook")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSameDocument = true }")
    page.locator(".site-footer").get_by_role("link", name="All topics").click()
    page.wait_for_url(server + "/en/")
    page.go_back()
    page.wait_for_url(server + "/en/outlook")
    page.wait_for_selector(".share [data-share-url]:visible")
    assert page.evaluate("() => window.stillTheSameDocument === true")  # restored, not reloaded
    page.locator(".share [data-share-url]").first.click()
    page.wait_for_function("() => window.shared !== undefined")
    assert page.evaluate("() => window.shared.url") == server + "/en/outlook"


def test_where_the_clipboard_is_refused_the_link_is_selected_for_copying(context, server):
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.goto(server + "/en/outlook")
    assert page.evaluate("() => navigator.share === undefined")
    page.locator(".share [data-share-url]").first.click()
    shown = server.split("://", 1)[1] + "/en/outlook"  # the short link as the page shows it
    page.wait_for_function("(shown) => getSelection().toString() === shown", arg=shown)


def test_where_the_clipboard_is_refused_another_languages_link_is_the_one_selected(context, server):
    """ "Share" beside Español, copied by hand: the Spanish link, not this page's."""
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.goto(server + "/en/outlook")
    page.locator(".share-languages summary").click()
    page.locator(".share-languages li", has=page.locator('a[lang="es"]')).locator("button").click()
    shown = server.split("://", 1)[1] + "/es/outlook"
    page.wait_for_function("(shown) => getSelection().toString() === shown", arg=shown)
    # This page's own button selects this page's link again.
    page.locator(".share .button-row [data-share-url]").click()
    shown = server.split("://", 1)[1] + "/en/outlook"
    page.wait_for_function("(shown) => getSelection().toString() === shown", arg=shown)


def test_where_the_clipboard_is_refused_the_list_is_selected_for_copying(context, server):
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.goto(server + CHECKLIST)
    page.wait_for_selector("article.checklist.is-interactive")
    page.get_by_role("button", name="Share or copy as text").click()
    area = page.locator("textarea.copy-area")
    area.wait_for()
    assert area.input_value().startswith(QUESTIONS.title)
    selected = page.evaluate(
        """() => { const area = document.activeElement;
                   return area.matches('textarea.copy-area') && area.selectionEnd - area.selectionStart; }"""
    )
    assert selected == len(area.input_value())


def test_a_checklist_is_enhanced_once_however_often_htmx_says_load(page, server):
    page.goto(server + CHECKLIST)
    page.wait_for_selector("article.checklist.is-interactive")
    # htmx:load again on what is there already (as htmx fires it on the body at start).
    page.evaluate("() => htmx.trigger(document.body, 'htmx:load')")
    page.get_by_label("Add my own item").fill("Only once")
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.locator("li[data-own]").count() == 1
    assert page.locator("li[data-item]").first.locator("input[type=checkbox]").count() == 1
