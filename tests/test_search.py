"""The search index and the glossary's terms: sizes, folding, and the rules of the content.

The behaviour in a browser (offline, in each language, nothing sent) is in
tests/browser/test_search.py; this checks what is built on the server.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.guide_pages import LIBRARY
from tests.test_content import problems
from webapp.guide import glossary
from webapp.i18n import LANGUAGES
from webapp.search.index import fold

KB = 1024
#: SPEC.md: the index of one language, compressed as sent.
INDEX_BUDGET = 10 * KB


def static_file(app, name):
    return app.extensions["static_assets"].files[name]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_of_a_language_is_small_and_lists_every_page(app, lang):
    index = static_file(app, f"search/{lang}.json")
    assert len(index.encoded("br")) <= INDEX_BUDGET
    data = json.loads(index.body)
    paths = [path for path, title in data["pages"]]
    assert len(paths) == len(LIBRARY.articles) + len(LIBRARY.checklists)
    assert f"/{lang}/glossary" in paths and f"/{lang}/checklists/questions" in paths
    terms = data["terms"].split(" ")
    assert terms == sorted(terms) and len(data["postings"].split(" ")) == len(terms)
    # The drug and test names stay in English in every language, and are found so.
    for word in ("palbo", "her2", "pd", "l1", "brca1"):
        assert word in terms or word in data["common"].split(" "), word


def test_the_index_grows_no_faster_than_the_content(app):
    """Per kilobyte of the guide's text the index costs far less than the text itself."""
    for lang in LANGUAGES:
        index = len(static_file(app, f"search/{lang}.json").encoded("br"))
        text = sum(len(p.body) for p in LIBRARY.articles)
        assert index < 0.15 * text, lang


def test_words_fold_without_case_accents_or_arabic_letter_forms():
    assert fold("Métastases ÉTAPE", "fr") == fold("metastases etape", "fr")
    assert fold("ung thư đã di căn", "vi") == ["ung", "thu", "da", "di", "can"]
    assert fold("mañana", "es") == fold("manana", "es")
    # Alef forms, ta marbuta, diacritics and the article all meet.
    assert fold("الخزعة", "ar") == fold("خزعه", "ar") == fold("خَزْعَة", "ar")
    assert fold("أورام", "ar") == fold("اورام", "ar") == fold("إورام", "ar")
    # Chinese, character by character; English terms inside it stay words.
    assert fold("乳腺癌HER2阳性", "zh-Hans") == ["乳", "腺", "癌", "her2", "阳", "性"]
    # Forms of a word meet: "treatments" and "treatment", "biopsies" and "biopsy".
    assert fold("treatments", "en") == fold("treatment", "en")
    assert fold("biopsies", "en") == fold("biopsy", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_definitions_are_short_and_translated(app, lang):
    data = json.loads(static_file(app, f"glossary/{lang}.json").body)
    entries = glossary.entries(LIBRARY.find("glossary"))
    assert set(data["terms"]) == set(entries)
    for anchor, (term, meaning, fallback) in data["terms"].items():
        assert term and meaning, anchor
        assert "<" not in meaning and "](" not in meaning, "plain text, never markup"
        assert fallback in ("", "en")


def test_every_term_link_of_the_guide_names_an_entry_and_renders_as_a_term(client):
    entries = glossary.entries(LIBRARY.find("glossary"))
    linked = set()
    for article in LIBRARY.articles:
        linked |= {anchor for anchor in re.findall(r"\]\(glossary#([^)]+)\)", article.body)}
    assert linked <= set(entries) and len(linked) >= 20
    html = client.get("/en/treatment").get_data(as_text=True)
    assert re.search(r'<a href="glossary#cdk4-6-inhibitor" class="term">', html)
    assert "js/terms." in html and "data-definitions=" in html
    # On the glossary page itself, a link to an entry is a link within the page.
    assert 'href="glossary#' not in client.get("/en/glossary").get_data(as_text=True)
    # A page without terms does not load the script.
    assert "js/terms." not in client.get("/en/help").get_data(as_text=True)


def test_a_long_definition_is_reported_with_file_and_line(content_copy):
    path = content_copy / "topics" / "glossary.md"
    text = path.read_text()
    old = "A biopsy is a test that takes a small piece of tissue from the body. A doctor looks at the cells under a microscope."
    path.write_text(text.replace(old, old + " It can take a few days. The lab then writes a report."))
    line = text[: text.index("### Biopsy")].count("\n") + 1
    (found,) = problems(content_copy)
    assert found[:2] == ("glossary.md", line)
    assert "at most 2 sentences" in found[2]


def test_a_link_to_no_entry_is_reported_with_file_and_line(content_copy):
    path = content_copy / "topics" / "treatment.md"
    text = path.read_text()
    path.write_text(text.replace("glossary#parp-inhibitor", "glossary#parp-inhibitors", 1))
    line = text[: text.index("glossary#parp-inhibitor")].count("\n") + 1
    (found,) = problems(content_copy)
    assert found[:2] == ("treatment.md", line)
    assert "'glossary#parp-inhibitors' names no entry" in found[2]


def test_the_search_page_has_no_field_that_could_reach_a_url(client):
    for path in ("/en/search", "/en/"):
        html = client.get(path).get_data(as_text=True)
        form = re.search(r"<form[^>]*data-search[^>]*>(.*?)</form>", html, re.S)
        assert form and " action=" not in form[0].split(">")[0]
        assert not re.search(r"<input[^>]* name=", form[1]), "an input without a name is never submitted"
        # Not shown where scripts do not run: a stylesheet in <noscript> hides it.
        assert re.search(
            r'<noscript><link rel="stylesheet" href="/static/css/no-script\.[0-9a-f]{12}\.css"></noscript>', html
        )


def test_the_saved_guide_includes_the_index_and_definitions(client):
    listed = client.get("/ar/offline.json").get_json()
    assert [url.split("/")[2] for url in listed["files"]] == ["search", "glossary"]
    for url in listed["files"]:
        assert client.get(url).status_code == 200
    assert "/ar/search" in listed["pages"]


def test_korean_goes_by_syllable_and_urdu_and_russian_forms_meet():
    # A Korean word carries its particles: each syllable is a word of its own, as in Chinese.
    assert fold("유방암은 치료를", "ko") == ["유", "방", "암", "은", "치", "료", "를"]
    # Urdu typed on an Arabic keyboard (ي ك ه for ی ک ہ) finds the Urdu word.
    assert fold("کینسر کی دیکھ بھال", "ur") == fold("كينسر كي ديكه بهال", "ur")
    assert fold("лечения", "ru") == fold("лечение", "ru")
    assert fold("Tratamentos", "pt") == fold("tratamento", "pt")
