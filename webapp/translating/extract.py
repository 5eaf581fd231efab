"""Babel extractors for the guide's content (registered under ``babel.extractors``).

One Markdown block is one msgid, cut by the same :func:`webapp.markdown.segments`
the renderer uses. The context (``msgctxt``) is the page's stable id, so renaming
a file does not orphan its translations; ``#.`` comments tell the translator
what each block is, and ``#:`` references carry the file's real line numbers.
"""

from __future__ import annotations

from pathlib import Path

from ..guide import markdown
from ..guide.content import Article, Checklist, ContentError, Page, Problems, load_article, load_checklist

#: What Babel's extract() expects: pgettext-style (context, msgid) messages.
_KEYWORD = "pgettext"

_KIND_NOTES = {
    "heading": "Heading",
    "paragraph": "Paragraph",
    "list item": "List item",
    "quotation": "Quotation",
    "table header cell": "Table header cell",
    "table cell": "Table cell",
}


def _load(fileobj, loader):
    path = Path(getattr(fileobj, "name", "content"))
    problems = Problems()
    page = loader(path, problems)
    if problems.list:
        raise ContentError(problems.list)
    return page


def _title_and_summary(page: Page, what: str, where: str):
    yield page.lines["title"], page.context, page.title, [f"Title of the {what}. {where}"]
    summary_note = f"One-sentence summary, shown on the home page and in link previews. {where}"
    yield page.lines["summary"], page.context, page.summary, [summary_note]


def _where(what: str, title: str, path: str, anchor: str | None = None) -> str:
    """Where the text is shown: the page and the section, as a URL ``make dev`` serves."""
    return f"{what} “{title}” (/en/{path}{'#' + anchor if anchor else ''})."


def article_messages(article: Article):
    """(line, context, msgid, translator comments) of every text of an article."""
    what = "Topic" if article.kind == "topic" else "Page"
    where = _where(what, article.title, article.slug)
    yield from _title_and_summary(article, "page", where)
    for point, line in article.key_points:
        yield line, article.context, point, [f"Key point: one plain sentence printed on the page's handout. {where}"]
    section = None  # the anchor of the heading the block is under
    for segment in markdown.segments(article.body):
        section = segment.anchor or section
        note = [f"{_KIND_NOTES[segment.kind]}. {_where(what, article.title, article.slug, section)}"]
        if segment.anchor:
            note.append(f"Links to this heading use #{segment.anchor} in every language.")
        if any(mark in segment.text for mark in "*_`["):
            note.append("Keep the Markdown marks (**, *, `, [text](link)) and link addresses as they are.")
        yield article.body_line + segment.line - 1, article.context, segment.text, note


def checklist_messages(checklist: Checklist):
    path = f"checklists/{checklist.slug}"
    where = _where("Checklist", checklist.title, path)
    yield from _title_and_summary(checklist, "checklist", where)
    for segment in markdown.segments(checklist.intro):
        yield (
            checklist.intro_line + segment.line - 1,
            checklist.context,
            segment.text,
            [f"Introduction, {segment.kind}. {where}"],
        )
    for group in checklist.groups:
        at_group = _where("Checklist", checklist.title, path, group.id)
        yield group.line, checklist.context, group.title, [f"Heading of a group of items. {at_group}"]
        for item in group.items:
            at_item = _where("Checklist", checklist.title, path, f"item-{item.id}")
            yield (
                item.line,
                checklist.context,
                item.text,
                [f"Checklist item “{item.id}”, in group “{group.title}”: something a patient ticks. {at_item}"],
            )


def _as_babel(messages):
    for line, context, msgid, comments in messages:
        yield line, _KEYWORD, (context, msgid), comments


def extract_article(fileobj, keywords, comment_tags, options):
    """Babel extractor for ``content/topics/*.md`` and ``content/pages/*.md``."""
    kind = options.get("kind") or ("page" if "pages" in Path(fileobj.name).parts else "topic")
    return _as_babel(article_messages(_load(fileobj, lambda path, problems: load_article(path, kind, problems))))


def extract_checklist(fileobj, keywords, comment_tags, options):
    """Babel extractor for ``content/checklists/*.yaml``."""
    return _as_babel(checklist_messages(_load(fileobj, load_checklist)))
