"""Every English article reads at US grade 8 or below (SPEC.md, "How well")."""

from __future__ import annotations

import pytest

from tests.guide_pages import LIBRARY
from webapp.guide.readability import MAX_GRADE, reading_grade


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
