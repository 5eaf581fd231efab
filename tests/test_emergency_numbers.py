"""Each language names its own readers' emergency numbers, each one sourced on the page."""

from __future__ import annotations

import shutil

import pytest

from tests.guide_pages import LIBRARY
from webapp import ROOT
from webapp.guide.content import ContentError, load_library
from webapp.guide.emergency import FILE
from webapp.i18n import LANGUAGES, SOURCE_LANGUAGE
from webapp.i18n.rules import Emergency, names_countries_numbers, numbers_named, translation_problems
from webapp.reviews import source_messages

NUMBERS = LIBRARY.emergency
ENGLISH = NUMBERS.digits_for(SOURCE_LANGUAGE)
VIETNAMESE = Emergency(english=ENGLISH, ours=NUMBERS.digits_for("vi"))
BOX = "Call 911 in the U.S. and Canada, 999 in the UK, 112 in the EU or 000 in Australia if you have any of these:"


def test_every_language_has_its_readers_numbers_each_with_a_dated_https_source():
    for code in LANGUAGES:
        assert NUMBERS.digits_for(code), f"{code}: no emergency number in content/{FILE}"
    for number in NUMBERS.numbers:
        assert number.source.url.startswith("https://") and (number.source.checked or number.source.published)
    assert {"115", "119", "192"} <= NUMBERS.digits  # Vietnam; Taiwan and Korea; Brazil
    assert {"911", "999", "112", "000"} == ENGLISH


def test_an_emergency_sentence_names_the_numbers_of_its_readers_countries():
    assert translation_problems(BOX, "Hãy gọi 115 ở Việt Nam hoặc 911 ở Hoa Kỳ nếu bạn có:", emergency=VIETNAMESE) == []
    # A number that is not listed for the language (with its source) is refused …
    unlisted = translation_problems(BOX, "Hãy gọi 113 nếu bạn có:", emergency=VIETNAMESE)
    assert any("listed for this language" in problem for problem in unlisted)
    assert any("names no emergency number" in problem for problem in unlisted)
    # … and the sentence's other numbers are kept.
    with_hours = "Call 911 or 999 if it lasts more than 24 hours."
    assert translation_problems(with_hours, "Gọi 115 nếu kéo dài hơn 24 giờ.", emergency=VIETNAMESE) == []
    assert translation_problems(with_hours, "Gọi 115 nếu kéo dài hơn 12 giờ.", emergency=VIETNAMESE)


def test_a_sentence_about_one_country_keeps_its_number():
    assert not names_countries_numbers("If you are in danger right now, call 000.", ENGLISH)
    assert translation_problems("In Australia, call 000.", "Ở Úc, hãy gọi 115.", emergency=VIETNAMESE)
    # Without the rule, no number may change anywhere.
    assert translation_problems(BOX, "Hãy gọi 115 ở Việt Nam nếu bạn có:")


def test_parts_of_other_numbers_are_not_phone_numbers():
    """170,000 holds 000 and "about 15 in 100" holds 15 (France's SAMU): neither is a call."""
    assert not numbers_named("About 170,000 people; CA 15-3; 2000/15", frozenset({"000", "15"}))
    assert numbers_named("about 15 in 100", frozenset({"15"}))  # (a sentence about one country keeps it)
    assert numbers_named("Call 000 now.", ENGLISH) == {"000": 1}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_cites_the_source_of_every_emergency_number_it_names(app, lang):
    guide = app.extensions["guide"]
    for page in LIBRARY.all():
        rendered = guide.page(page.format, lang, page.slug)
        cited = {source.url for source in rendered.sources}
        for msgid in source_messages(page):
            if not names_countries_numbers(msgid, ENGLISH):
                continue
            shown = guide.catalogs.lookup(lang, "content", page.context, msgid) if lang != SOURCE_LANGUAGE else msgid
            shown_lang = lang if shown else SOURCE_LANGUAGE
            for number in numbers_named(shown or msgid, NUMBERS.digits_for(shown_lang)):
                for listed in NUMBERS.numbers:
                    if listed.number == number and shown_lang in listed.languages:
                        assert listed.source.url in cited, f"/{lang}/{page.slug}: {number} ({listed.country})"


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_the_emergency_box_of_every_language_names_its_own_numbers(app, lang):
    symptoms = LIBRARY.find("article/symptoms")
    box = next(m for m in source_messages(symptoms) if names_countries_numbers(m, ENGLISH))
    shown = app.extensions["guide"].catalogs.lookup(lang, "content", symptoms.context, box)
    assert shown, f"{lang}: the emergency box is not translated, or names numbers not listed for {lang}"
    assert numbers_named(shown, NUMBERS.digits_for(lang))


def test_a_broken_numbers_file_is_reported_with_its_line(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / FILE).write_text(
        "- country: Vietnam\n"
        "  number: 115\n"
        "  service: ambulance\n"
        "  languages: [vi]\n"
        "  source: {name: X, url: 'https://example.org', checked: 2026-12-02}\n"
        "- country: Nowhere\n"
        '  number: "999"\n'
        "  service: emergency\n"
        "  languages: [xx]\n"
        "  source: {name: Y, url: 'http://example.org'}\n"
    )
    with pytest.raises(ContentError) as error:
        load_library(tmp_path / "content")
    text = str(error.value)
    assert f"{FILE}:1: number 115 must be digits in quotes" in text
    assert f"{FILE}:6: number 999: 'languages' must list language codes of the guide" in text
