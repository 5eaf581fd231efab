"""What a translation must keep from its source: markup, links, numbers, placeholders.

One rule, applied in two places: when catalogs are loaded, a translation that
breaks it is not used (the English is shown, marked as such), so no catalog can put
markup or a foreign link on a page; and ``flask translations check`` reports it to
the translator with its file and line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..guide import markdown

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_PLACEHOLDER = re.compile(r"%\([a-zA-Z_]\w*\)[sdifr]|%[sdifr]|\{[a-zA-Z_]\w*\}")


def _markup(text: str) -> Counter:
    """The Markdown marks, link targets and code spans of ``text``, ignoring its words."""
    marks: Counter = Counter()
    for token in markdown.inline_tokens(text):
        if token.type in ("text", "softbreak", "hardbreak"):
            continue
        if token.type == "link_open":
            marks["link to " + str(token.attrGet("href"))] += 1
        elif token.type == "image":
            marks["image " + str(token.attrGet("src"))] += 1
        elif token.type == "code_inline":
            marks[f"code `{token.content}`"] += 1
        elif token.type.endswith("_open"):
            marks[token.type.removesuffix("_open")] += 1
    return marks


class _AsciiDigits(dict):
    """A str.translate table: every decimal digit (Arabic ٣, Devanagari ३…) as 0–9."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = str(unicodedata.digit(char)) if unicodedata.category(char) == "Nd" else char
        return value


_ASCII_DIGITS = _AsciiDigits()


def _ascii_digits(text: str) -> str:
    return text if text.isascii() else text.translate(_ASCII_DIGITS)


def _digit_groups(text: str) -> Counter:
    """The digit groups of ``text`` ("31.9%" and "31,9 %" both give 31 and 9)."""
    return Counter(re.findall(r"\d+", _ascii_digits(text)))


def _describe(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


@dataclass(frozen=True)
class Emergency:
    """The emergency numbers of webapp.guide.emergency, as one language's rule sees them."""

    english: frozenset[str] = frozenset()  # the English names them: a sentence naming one is an emergency sentence
    ours: frozenset[str] = frozenset()  # the numbers this language's emergency sentences may name


#: No emergency numbers: every number is kept as it is.
NO_EMERGENCY = Emergency()


def emergency_rule(numbers, lang: str) -> Emergency:
    """The rule for ``lang`` from webapp.guide.emergency's ``EmergencyNumbers`` (or None)."""
    if numbers is None:
        return NO_EMERGENCY
    return Emergency(numbers.digits_for("en"), numbers.digits_for(lang))


#: A number standing alone, as a phone number does: 112, but not the 000 of 170,000 nor
#: the 15 of CA 15-3.
_WHOLE_NUMBER = re.compile(r"(?<![\d.,/-])\d+(?![.,/-]?\d)")


def numbers_named(text: str, numbers: frozenset[str]) -> Counter:
    """The numbers among ``numbers`` that ``text`` names as whole numbers."""
    return Counter(n for n in _WHOLE_NUMBER.findall(_ascii_digits(text)) if n in numbers)


def names_countries_numbers(msgid: str, english: frozenset[str]) -> bool:
    """Does this English text name the emergency numbers of several countries?"""
    return len(numbers_named(msgid, english)) > 1


def _number_problems(msgid: str, msgstr: str, emergency: Emergency) -> list[str]:
    """Numbers are kept, but for a sentence's emergency numbers (webapp.guide.emergency).

    Where the English names the emergency numbers of several countries ("911 in the U.S.
    and Canada, 999 in the UK…"), the translation names those of its own readers'
    countries: any of ``emergency.ours``, at least one; every other number is kept. A
    sentence about one country ("In Australia, call 000") keeps its number.
    """
    source, target = _digit_groups(msgid), _digit_groups(msgstr)
    named = numbers_named(msgid, emergency.english)
    if not names_countries_numbers(msgid, emergency.english):
        if source == target:
            return []
        return [f"numbers differ: the source has {_describe(source)}; the translation has {_describe(target)}"]
    ours = numbers_named(msgstr, emergency.ours)
    kept, other = source - named, target - ours
    problems = []
    if kept != other:
        problems.append(
            f"numbers differ: besides emergency numbers, the source has {_describe(kept)}; the translation has "
            f"{_describe(other)} (an emergency number must be listed for this language, with its source, "
            "in content/emergency-numbers.yaml)"
        )
    if not ours:
        problems.append(
            "names no emergency number: name those of your readers' countries (content/emergency-numbers.yaml)"
        )
    return problems


def translation_problems(
    msgid: str, msgstr: str, markdown_text: bool = True, emergency: Emergency = NO_EMERGENCY
) -> list[str]:
    """Why ``msgstr`` cannot stand in for ``msgid``; empty when it can.

    ``emergency``: the emergency numbers a translation may name instead of the English ones.
    """
    problems = []
    html = [tag for tag in _HTML.findall(msgstr) if tag not in msgid]
    if html:
        problems.append(f"raw HTML is not allowed: {', '.join(html)}")
    if markdown_text:
        source, target = _markup(msgid), _markup(msgstr)
        if source != target:
            problems.append(
                f"Markdown marks, links or code differ: the source has {_describe(source)}; "
                f"the translation has {_describe(target)}"
            )
    problems += _number_problems(msgid, msgstr, emergency)
    placeholders_source, placeholders_target = (
        Counter(_PLACEHOLDER.findall(msgid)),
        Counter(_PLACEHOLDER.findall(msgstr)),
    )
    if placeholders_source != placeholders_target:
        problems.append(
            f"placeholders differ: the source has {_describe(placeholders_source)}; "
            f"the translation has {_describe(placeholders_target)}"
        )
    return problems
