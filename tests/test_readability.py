"""Every English article reads at US grade 8 or below (SPEC.md, "How well")."""

from __future__ import annotations

import pytest

from tests.guide_pages import LIBRARY
from webapp import ROOT
from webapp.guide import check
from webapp.guide.readability import MAX_GRADE, reading_grade, sentence_length, translated_measure


@pytest.mark.parametrize("article", LIBRARY.articles, ids=lambda a: a.slug)
def test_article_reads_at_grade_8_or_below(article):
    grade = reading_grade(article.body)
    assert grade <= MAX_GRADE, f"{article.path}: Flesch–Kincaid grade {grade:.1f}; shorten sentences and words"


@pytest.mark.parametrize("item", LIBRARY.all(), ids=lambda p: p.slug)
def test_titles_and_summaries_fit_a_phone_and_a_link_preview(item):
    assert len(item.title) <= 60
    assert len(item.summary) <= 140


def test_the_grade_check_can_fail():
    hard = "Pharmacokinetic heterogeneity necessitates individualized chemotherapeutic dosing considerations. " * 3
    assert reading_grade(hard) > MAX_GRADE


def test_translated_pages_are_measured_by_their_languages_formula_or_sentence_length():
    english = ["Call your team today.", "Ask what each test is for."]
    spanish = translated_measure(english, ["Llame hoy a su equipo.", "Pregunte para qué sirve cada prueba."], "es")
    assert spanish.name == "Fernández Huerta" and spanish.value > 60 and spanish.english > 60
    french = translated_measure(
        english, ["Appelez votre équipe aujourd'hui.", "Demandez à quoi sert chaque examen."], "fr"
    )
    assert french.name == "Flesch, Kandel–Moles"
    korean = translated_measure(
        english, ["오늘 의료진에게 전화하세요.", "각 검사가 무엇을 위한 것인지 물어보세요."], "ko"
    )
    assert korean.name == "words per sentence" and korean.value == 4.5 and korean.english == 5.0
    chinese = translated_measure(english, ["今天给您的团队打电话。", "问问每项检查的用途。"], "zh-Hant")
    assert chinese.name == "characters per sentence" and chinese.value == 9.5
    # A heading or list item without a full stop is a sentence of its own.
    assert sentence_length(["A heading", "One sentence. Two more words."], "en") == 7 / 3


def test_content_check_reports_every_translated_page(capsys):
    assert check.main([str(ROOT / "content")]) == 0
    lines = capsys.readouterr().out.splitlines()
    for lang, measure in [
        ("es", "Fernández Huerta"),
        ("fr", "Flesch, Kandel–Moles"),
        ("ru", "Flesch, Oborneva"),
        ("zh-Hant", "characters per sentence"),
        ("ur", "words per sentence"),
    ]:
        for article in LIBRARY.articles:
            assert any(line.split()[:2] == [lang, article.slug] and measure in line for line in lines), (
                lang,
                article.slug,
            )
