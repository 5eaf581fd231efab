"""Reading level of the guide: the English (US school grade, Flesch–Kincaid), and each
translated page, by the formula made for its language where there is one.

Spanish has Fernández Huerta's formula, French Flesch's with Kandel and Moles'
constants and Russian Flesch's with Oborneva's (all in ``textstat``, on Flesch's 0–100
scale, higher is easier). Other
languages have no formula that this project can run, so a translated page is measured by
its average sentence length beside the English page's: words per sentence, or characters
per sentence in Chinese, which has no spaces between words. A translation that makes
sentences much longer than the English is worth a second look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import markdown

#: SPEC.md: every English article reads at or below US grade 8.
MAX_GRADE = 8.0

#: Readability formulas made for a language: (name, textstat function, textstat language).
FORMULAS = {
    "es": ("Fernández Huerta", "fernandez_huerta", "es"),
    "fr": ("Flesch, Kandel–Moles", "flesch_reading_ease", "fr"),
    "ru": ("Flesch, Oborneva", "flesch_reading_ease", "ru"),
}
#: Languages written without spaces between words: sentence length counts characters.
CHARACTER_LANGUAGES = ("zh-Hans", "zh-Hant")
_SENTENCE_END = re.compile(r"[.!?。！？؟۔]+(?=\s|$)")
_HAN_OR_LETTER = re.compile(r"[^\W\d_]")


def reading_grade(markdown_text: str) -> float:
    import textstat  # a development dependency: only checks and tests need it

    return textstat.flesch_kincaid_grade(markdown.plain_text(markdown_text))


def _sentences(blocks: list[str]) -> list[str]:
    """Sentences of plain-text blocks; a block that ends without a full stop (a heading,
    a list item) is a sentence of its own."""
    found = []
    for block in blocks:
        found += [s.strip() for s in _SENTENCE_END.split(block) if s.strip()]
    return found


def sentence_length(blocks: list[str], lang: str) -> float:
    """Average words per sentence (characters, for Chinese) of Markdown blocks."""
    sentences = _sentences([markdown.strip_markup(b) for b in blocks])
    if not sentences:
        return 0.0
    if lang in CHARACTER_LANGUAGES:
        sizes = [len(_HAN_OR_LETTER.findall(s)) for s in sentences]
    else:
        sizes = [len(s.split()) for s in sentences]
    return sum(sizes) / len(sizes)


@dataclass(frozen=True)
class Measure:
    name: str  # the formula, or "words per sentence"
    value: float
    english: float  # the same measure of the English page (for a formula: Flesch reading ease)


def translated_measure(english_blocks: list[str], blocks: list[str], lang: str) -> Measure:
    """How readable a translated page is, by its language's formula or its sentence length."""
    if lang in FORMULAS:
        import textstat

        name, function, textstat_lang = FORMULAS[lang]
        text = _as_text(blocks)
        textstat.set_lang(textstat_lang)
        value = getattr(textstat, function)(text)
        textstat.set_lang("en_US")
        return Measure(name, value, textstat.flesch_reading_ease(_as_text(english_blocks)))
    unit = "characters per sentence" if lang in CHARACTER_LANGUAGES else "words per sentence"
    return Measure(unit, sentence_length(blocks, lang), sentence_length(english_blocks, "en"))


def _as_text(blocks: list[str]) -> str:
    """Blocks as one text, each ending a sentence (as a reader sees a heading end)."""
    plain = [markdown.strip_markup(b).strip() for b in blocks]
    return " ".join(p if _SENTENCE_END.search(p[-1:]) else p + "." for p in plain if p)
