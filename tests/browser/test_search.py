"""Search on the phone and the glossary's words where they are used, in Chromium.

The guide of a language is saved, the network switched off, and the search page asked in
that language's own words: it must lead to the expected sections. Every request is
recorded from the first page on and searched for what was typed. The script's folding of
words is compared with the index's (webapp/search/index.py) over a whole page of text.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.request

import pytest

from tests.browser.conftest import PHONE
from tests.browser.tools import run_axe, screenshot
from webapp.i18n import LANGUAGES
from webapp.search.index import fold

gunicorn_only = pytest.mark.parametrize("server", ["gunicorn"], indirect=True)


def recorded(page):
    page.requests = []
    page.context.on("request", lambda r: page.requests.append(" ".join([r.method, r.url, r.post_data or ""])))
    return page


def assert_not_sent(page, *typed):
    assert page.requests, "requests are recorded"
    for request in page.requests:
        for words in typed:
            assert words.lower() not in request.lower(), f"{words!r} sent: {request}"
        assert "?" not in request.split()[1], f"a query string: {request}"


def save_language(page, server, lang):
    page.goto(server + f"/{lang}/")
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.wait_for_function("() => document.querySelector('[data-save-size]').textContent !== ''")
    page.locator("[data-save]").click()
    page.wait_for_selector("[data-unsave]:not([hidden])", timeout=90_000)


def heading(server, lang, slug, anchor) -> str:
    """A section's heading as the page shows it in ``lang`` (the words to search for)."""
    with urllib.request.urlopen(f"{server}/{lang}/{slug}") as response:
        html = response.read().decode()
    found = re.search(rf'<h[23] id="{anchor}">(.*?)<a class="heading-link"', html, re.S)
    return re.sub(r"<[^>]+>", "", found[1]).strip()


def results(page, words) -> list[str]:
    box = page.locator("form[data-search]")
    box.locator("input").fill(words)
    page.wait_for_function(
        "() => /\\d/.test(document.querySelector('[data-search-status]').textContent)"
        " || document.querySelector('[data-search-results]').children.length === 0"
        " && document.querySelector('[data-search-status]').textContent.length > 0"
        " && !document.querySelector('[data-search-status]').textContent.endsWith('…')"
    )
    page.wait_for_timeout(300)  # the last keystroke's search has drawn
    return [a.get_attribute("href") for a in box.locator("[data-search-results] a").all()]


# What to type in each language, and where it must lead: the glossary's own heading for a
# biopsy, typed as a reader might (no accents, no article, another ending), and a term that
# stays in English in every language.
def typed(lang, words):
    if lang == "vi":  # without its accents
        return "".join(c for c in unicodedata.normalize("NFKD", words) if not unicodedata.combining(c))
    if lang == "ar":  # without the article, ta marbuta written as ha
        return words.removeprefix("ال").replace("ة", "ه")
    if lang == "ur":  # typed on an Arabic keyboard: Arabic yeh, kaf and heh for Urdu's own
        return words.translate(str.maketrans("یکہ", "يكه"))
    if lang == "en":
        return "biopsies"
    return words


@pytest.mark.parametrize("lang", ["en", "ar", "zh-Hans", "vi", "zh-Hant", "ko", "ru", "ur"])
def test_the_search_finds_sections_offline_and_sends_nothing(context, page, server, lang, axe_source):
    recorded(page)
    save_language(page, server, lang)
    biopsy = heading(server, lang, "glossary", "biopsy")
    context.set_offline(True)
    page.goto(server + f"/{lang}/search")
    page.wait_for_selector("form[data-search].is-interactive")
    words = typed(lang, biopsy)
    assert f"/{lang}/glossary#biopsy" in results(page, words)
    assert f"/{lang}/glossary#pd-l1" in results(page, "PD-L1")[:3]
    marks = page.locator("[data-search-results] mark")
    assert marks.count() > 0, "the words found are marked"
    if lang == "en":
        # A checklist item, and a section of a topic by its words.
        found = results(page, "bone pain")
        assert any(href.startswith("/en/bones#") or href.startswith("/en/symptoms#") for href in found[:5]), found
        assert results(page, "qwxyzzy") == []
        assert page.locator("[data-search-status]").inner_text().startswith("Nothing found")
    screenshot(page, f"search-{lang}")
    assert run_axe(page, axe_source) == []
    context.set_offline(False)
    assert_not_sent(page, words, "PD-L1", "bone pain", "qwxyzzy")
    assert page.url == server + f"/{lang}/search"


@gunicorn_only
def test_the_home_page_searches_without_a_saved_copy_and_never_navigates(page, server, axe_source):
    recorded(page)
    page.goto(server + "/en/")
    page.wait_for_selector("form[data-search].is-interactive")
    field = page.get_by_label("Search this guide")
    field.fill("palbociclib")
    field.press("Enter")
    page.wait_for_function("() => /\\d/.test(document.querySelector('[data-search-status]').textContent)")
    found = [a.get_attribute("href") for a in page.locator("[data-search-results] a").all()]
    assert "/en/treatment" in found and "/en/glossary" in found, found
    assert page.url == server + "/en/"
    assert run_axe(page, axe_source) == []
    assert_not_sent(page, "palbociclib")


@pytest.mark.parametrize("lang", list(LANGUAGES))
@gunicorn_only
def test_the_script_folds_words_as_the_index_does(page, server, lang):
    page.goto(server + f"/{lang}/search")
    page.wait_for_selector("form[data-search].is-interactive")
    text = page.evaluate("() => document.querySelector('main').textContent")
    with urllib.request.urlopen(f"{server}/{lang}/glossary") as response:
        text += re.sub(r"<[^>]+>", " ", response.read().decode())
    url = page.locator("form[data-search]").get_attribute("data-index")
    in_browser = page.evaluate("async ([url, text]) => search.fold(await search.load(url), text)", [url, text])
    assert in_browser == fold(text, lang)


@pytest.mark.parametrize("lang", ["en", "ar"])
@gunicorn_only
def test_a_glossary_word_shows_its_meaning_in_place(page, server, lang, axe_source):
    page.goto(server + f"/{lang}/treatment")
    page.evaluate(
        """() => { window.shifts = 0; new PerformanceObserver((list) => {
             for (const e of list.getEntries()) if (!e.hadRecentInput) window.shifts += e.value;
           }).observe({type: 'layout-shift', buffered: true}); }"""
    )
    button = page.locator("button.term").first
    button.wait_for()
    button.focus()
    page.keyboard.press("Enter")
    card = page.locator(".term-card:popover-open")
    card.wait_for()
    page.wait_for_function("() => document.querySelector('.term-card:popover-open .term-card-text').textContent !== ''")
    meaning = card.locator(".term-card-text").inner_text()
    with urllib.request.urlopen(server + f"/{lang}/glossary") as response:
        glossary = response.read().decode()
    assert meaning and meaning.split()[0] in glossary, meaning
    assert card.get_by_role("link").get_attribute("href").startswith("glossary#")
    assert page.evaluate("() => document.activeElement.classList.contains('term')")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") in ("true", None)
    assert run_axe(page, axe_source) == []
    screenshot(page, f"glossary-term-{lang}")
    page.keyboard.press("Escape")
    assert page.locator(".term-card:popover-open").count() == 0
    assert page.evaluate("() => document.activeElement.classList.contains('term')"), "focus stays on the word"
    assert page.evaluate("() => window.shifts") == 0
    page.emulate_media(media="print")
    assert page.locator(".term-card").first.is_hidden()
    page.emulate_media(media="screen")


@gunicorn_only
def test_without_javascript_there_is_no_field_and_words_stay_links(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/en/search")
    assert page.locator("form[data-search]").is_hidden()
    assert page.locator("main .cards a").count() > 10, "the topics and checklists remain"
    page.goto(server + "/en/treatment")
    term = page.locator("a.term").first
    assert term.get_attribute("href").startswith("glossary#")
    context.close()


def test_the_index_files_are_saved_with_the_guide(server):
    with urllib.request.urlopen(server + "/vi/offline.json") as response:
        listed = json.load(response)
    assert any("/static/search/vi." in url for url in listed["files"])
    assert any("/static/glossary/vi." in url for url in listed["files"])
