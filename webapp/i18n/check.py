"""What a translation must keep from its source: markup, links, numbers, placeholders.

The same comparison guards rendering: a content translation that fails it is not
shown (the English block is, marked as such), so no catalog can put markup or a
foreign link on a page even before ``flask translations check`` has run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from .. import markdown

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


def check_catalog(po: Path, domain: str) -> list[tuple[Path, int, str]]:
    """Every problem of one .po file, as (file, line, message)."""
    try:
        with po.open("rb") as f:
            catalog = read_po(f, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 0)
        return [(po, line, f"cannot be read: {error}")]
    problems: list[tuple[Path, int, str]] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            filled = sum(1 for string in strings if string)
            if filled and (len(strings) != catalog.num_plurals or filled != len(strings)):
                problems.append(
                    (po, message.lineno, f"{filled} plural forms filled; {catalog.locale} needs {catalog.num_plurals}")
                )
            pairs = [(message.id[0] if i == 0 else message.id[1], s) for i, s in enumerate(strings) if s]
        else:
            pairs = [(message.id, message.string)] if message.string else []
        for msgid, msgstr in pairs:
            for problem in translation_problems(msgid, msgstr, markdown_text=domain == "content"):
                problems.append((po, message.lineno, problem))
    problems += _msgfmt_problems(po)
    return problems


def _msgfmt_problems(po: Path) -> list[tuple[Path, int, str]]:
    """What GNU msgfmt (the compiler every gettext tool trusts) rejects."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [(po, 0, "msgfmt is missing: install GNU gettext to check catalogs")]
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf"^{re.escape(str(po))}:(\d+): (.*)$", line)
        if "warning:" in line:
            continue
        if match:
            problems.append((po, int(match.group(1)), f"msgfmt: {match.group(2)}"))
        elif line.strip() and "fatal error" not in line and "found " not in line:
            problems.append((po, 0, f"msgfmt: {line.strip()}"))
    return problems or [(po, 0, f"msgfmt rejects the file: {result.stderr.strip()}")]
