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


def _numbers(text: str) -> Counter:
    """The digit groups of ``text`` ("31.9%" and "31,9 %" both give 31 and 9)."""
    digits = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)
    return Counter(re.findall(r"\d+", digits))


def _describe(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


def translation_problems(msgid: str, msgstr: str, markdown_text: bool = True) -> list[str]:
    """Why ``msgstr`` cannot stand in for ``msgid``; empty when it can."""
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
    if _numbers(msgid) != _numbers(msgstr):
        problems.append(
            f"numbers differ: the source has {_describe(_numbers(msgid))}; the translation has {_describe(_numbers(msgstr))}"
        )
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
