"""Reading level of the guide's English text (US school grade, Flesch–Kincaid)."""

from __future__ import annotations

from . import markdown

#: SPEC.md: every English article reads at or below US grade 8.
MAX_GRADE = 8.0


def reading_grade(markdown_text: str) -> float:
    import textstat  # a development dependency: only checks and tests need it

    return textstat.flesch_kincaid_grade(markdown.plain_text(markdown_text))
