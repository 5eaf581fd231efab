"""The glossary's entries, and the links to them from the rest of the guide.

An article links a word to its entry as Markdown, ``[HER2-low](glossary#her2-low)``, so
translators keep the link like any other. The renderer marks such a link (``class="term"``,
``data-term``) and static/js/terms.js turns it into a button that shows the entry's short
definition in place; without the script it stays a link to the entry.

An entry is a ``###`` section of the glossary page; its *definition* is the first paragraph
under the heading: one source, translated once, at most :data:`MAX_SENTENCES` short
sentences. Both rules, and that every link names an entry, are checked when the content
loads, naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import markdown

#: The id and slug of the glossary page.
GLOSSARY = "glossary"
#: How an article's link to an entry starts.
LINK = GLOSSARY + "#"
MAX_SENTENCES = 2
MAX_WORDS = 40

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_LINK_TARGET = re.compile(r"\]\((" + re.escape(LINK) + r"[^)\s]*)\)")


def term_link(here: bool):
    """What the renderer does to each link: one to an entry becomes a term (``class="term"``),
    or, on the glossary page itself (``here``), a link to the entry on the same page."""

    def mark(token) -> bool:
        href = token.attrGet("href") or ""
        if not href.startswith(LINK):
            return False
        if here:
            token.attrSet("href", href.removeprefix(GLOSSARY))
            return False
        token.attrSet("class", "term")
        return True

    return mark


@dataclass(frozen=True)
class Entry:
    anchor: str
    term: str  # the heading's Markdown
    definition: str  # the first paragraph's Markdown
    line: int  # the heading's line in the body


def entries(glossary) -> dict[str, Entry]:
    """The entries of the glossary page, by anchor, in order."""
    found, heading = {}, None
    for segment in markdown.segments(glossary.body):
        if segment.level == 3:
            heading = segment
        elif segment.level:
            heading = None
        elif heading is not None:
            if segment.kind == "paragraph":
                found[heading.anchor] = Entry(heading.anchor, heading.text, segment.text, heading.line)
            heading = None
    return found


def check(articles, problems) -> None:
    """Add to ``problems`` every entry without a short definition and every link to no entry."""
    glossary = next((a for a in articles if a.id == GLOSSARY), None)
    known = entries(glossary) if glossary else {}
    if glossary:
        headings = [s for s in markdown.segments(glossary.body) if s.level == 3]
        for heading in headings:
            entry = known.get(heading.anchor)
            line = glossary.body_line + heading.line - 1
            if entry is None:
                problems.add(
                    glossary.path, line, f"glossary entry '{heading.text}' needs a paragraph under its heading"
                )
                continue
            plain = markdown.strip_markup(entry.definition)
            sentences = len(_SENTENCE_END.findall(plain)) or 1
            if sentences > MAX_SENTENCES or len(plain.split()) > MAX_WORDS:
                problems.add(
                    glossary.path,
                    line,
                    f"the definition of '{heading.text}' is its first paragraph: at most {MAX_SENTENCES} sentences "
                    f"and {MAX_WORDS} words (it has {sentences} and {len(plain.split())}); put the rest in a "
                    "second paragraph",
                )
    for article in articles:
        for segment in markdown.segments(article.body):
            for target in _LINK_TARGET.findall(segment.text):
                anchor = target.removeprefix(LINK)
                if anchor not in known:
                    problems.add(
                        article.path,
                        article.body_line + segment.line - 1,
                        f"'{target}' names no entry of the glossary (its entries: content/topics/{GLOSSARY}.md)",
                    )
