"""Markdown for the guide: one segmentation shared by rendering and translation.

A *segment* is one block of text a reader sees as a unit — a heading, a paragraph,
a list item, a table cell. Each segment becomes one gettext msgid, so the extractor
and the renderer must cut the text in exactly the same places: both call
:func:`segments`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

#: Raw HTML is off: a ``<script>`` in an article or a translation is shown as text.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.enable("table")
#: The characters that can start inline markup (emphasis, links, code, autolinks, entities,
#: escapes, line breaks): text without any of them is one plain text token, unparsed.
_INLINE_MARKS = frozenset("*_[]`<>!&\\\n")


def _is_plain(text: str) -> bool:
    return _INLINE_MARKS.isdisjoint(text)


@dataclass(frozen=True)
class Segment:
    """One translatable block of a Markdown document."""

    kind: str  # what the block is, told to translators: "heading", "paragraph", …
    text: str  # the Markdown source of the block, inline markup and link URLs kept
    line: int  # 1-based line of the block within the parsed text
    anchor: str | None = None  # stable id of a heading, from the English text
    level: int = 0  # 1–6 for a heading, 0 for any other block


#: Translates one segment; returns the text to show, or None to keep the source.
Translate = Callable[[Segment], "str | None"]


def parse(text: str) -> list[Token]:
    return _md.parse(text)


def _block_kind(tokens: list[Token], index: int) -> tuple[str, Token]:
    """The kind of block that holds the inline token at ``index``, and its opening token."""
    opener = tokens[index - 1]
    if opener.type == "heading_open":
        return "heading", opener
    if opener.type in ("th_open", "td_open"):
        return ("table header cell" if opener.type == "th_open" else "table cell"), opener
    # A paragraph: look outwards for what contains it.
    for outer in reversed(tokens[: index - 1]):
        if outer.level < opener.level:
            if outer.type == "list_item_open":
                # In a tight list the paragraph tags are hidden: mark the item itself.
                return "list item", (outer if opener.hidden else opener)
            if outer.type == "blockquote_open":
                return "quotation", opener
            break
    return "paragraph", opener


def slugify(text: str) -> str:
    """A URL fragment from heading text: lower case ASCII words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", strip_markup(text))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "section"


def strip_markup(text: str) -> str:
    """The words of one block of Markdown, without its marks and link targets."""
    if _is_plain(text):
        return text
    tokens = _md.parseInline(text)
    return "".join(_inline_text(tokens[0].children or []) if tokens else "")


def _inline_text(children: list[Token]) -> list[str]:
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return out


def _walk(tokens: list[Token]):
    """Yield (segment, inline token, block token) for every translatable block."""
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        kind, block = _block_kind(tokens, index)
        anchor = None
        if kind == "heading":
            anchor = base = slugify(token.content)
            n = 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
        line = (token.map[0] if token.map else 0) + 1
        level = int(block.tag[1]) if kind == "heading" else 0
        yield Segment(kind, token.content, line, anchor, level), token, block


def segments(text: str) -> list[Segment]:
    """The translatable blocks of ``text``, in reading order."""
    return [segment for segment, _, _ in _walk(parse(text))]


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[tuple[int, str, str], ...]  # (level, anchor, plain text) of each heading
    links: int = 0  # links that ``link`` marked


def render(
    text: str,
    translate: Translate | None = None,
    source_lang: str = "en",
    heading_link: str | None = None,
    link: Callable[[Token], bool] | None = None,
) -> Rendered:
    """Render ``text`` to HTML, block by block.

    ``translate`` is asked for each segment. A block it has no translation for keeps
    the source text and is marked ``lang``/``dir`` of the source, so that a screen
    reader pronounces it right and the page can say that parts are untranslated.
    ``heading_link``, when given, is the accessible name of a "#" link after each
    heading, for sharing a link to that section. ``link``, when given, sees each
    link's opening token and may change it; it returns whether it did.
    """
    tokens = parse(text)
    headings = []
    marked = 0
    for segment, inline, block in list(_walk(tokens)):
        shown = translate(segment) if translate else segment.text
        if shown is None:
            block.attrSet("lang", source_lang)
            block.attrSet("dir", "ltr")
        elif shown != segment.text:
            inline.content = shown
            inline.children = _md.parseInline(shown)[0].children
        if link:
            marked += sum(link(child) for child in inline.children or [] if child.type == "link_open")
        if segment.anchor:
            block.attrSet("id", segment.anchor)
            headings.append((int(block.tag[1]), segment.anchor, "".join(_inline_text(inline.children or []))))
            if heading_link:
                inline.children = [*(inline.children or []), *_section_link(segment.anchor, heading_link)]
    return Rendered(_md.renderer.render(tokens, _md.options, {}), tuple(headings), marked)


def _section_link(anchor: str, label: str) -> list[Token]:
    link = Token("link_open", "a", 1, attrs={"class": "heading-link", "href": f"#{anchor}"})
    name = Token("html_inline", "", 0, content=str(Markup('<span class="visually-hidden">{}</span>').format(label)))
    return [link, name, Token("link_close", "a", -1)]


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens (text, marks, links, code) of one block of text."""
    if _is_plain(text):
        return [Token("text", "", 0, content=text)] if text else []
    tokens = _md.parseInline(text)
    return tokens[0].children or [] if tokens else []


def render_inline(text: str) -> str:
    """Render a one-line string (a checklist item, a summary) without block markup."""
    return _md.renderInline(text)


def plain_text(text: str) -> str:
    """The words of ``text`` as a reader meets them, one sentence per block.

    Used for the reading-level check: a heading or list item that does not end in
    punctuation still ends a sentence for the reader, so it gets a full stop here.
    """
    sentences = []
    for segment in segments(text):
        words = " ".join(strip_markup(segment.text).split())
        if words and words[-1] not in ".?!:;":
            words += "."
        sentences.append(words)
    return "\n".join(sentences)
