"""The guide as readers get it: content rendered once per language, kept in memory.

Markdown is parsed and rendered when the app starts, not on each request, so a
page view costs a template render and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from markupsafe import Markup

from . import markdown
from .content import Article, Checklist, ChecklistItem, Library, load_library


@dataclass(frozen=True)
class RenderedArticle:
    page: Article
    html: Markup
    headings: tuple[tuple[int, str, str], ...]  # (level, anchor, text)

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        """(anchor, text) of the top-level sections, for "on this page"."""
        return tuple((anchor, text) for level, anchor, text in self.headings if level == 2)

    fallback_blocks: int


@dataclass(frozen=True)
class RenderedItem:
    item: ChecklistItem
    html: Markup


@dataclass(frozen=True)
class RenderedGroup:
    id: str
    title: str
    items: tuple[RenderedItem, ...]


@dataclass(frozen=True)
class RenderedChecklist:
    page: Checklist
    intro_html: Markup
    groups: tuple[RenderedGroup, ...]


class Guide:
    """Every page of the guide in every language, rendered."""

    def __init__(self, library: Library, languages):
        self.library = library
        self._articles: dict[tuple[str, str], RenderedArticle] = {}
        self._checklists: dict[tuple[str, str], RenderedChecklist] = {}
        for lang in languages:
            for article in library.articles:
                self._articles[lang, article.slug] = self._render_article(article)
            for checklist in library.checklists:
                self._checklists[lang, checklist.slug] = self._render_checklist(checklist)

    @staticmethod
    def _render_article(article: Article) -> RenderedArticle:
        rendered = markdown.render(article.body)
        return RenderedArticle(article, Markup(rendered.html), rendered.headings, rendered.fallback_blocks)

    @staticmethod
    def _render_checklist(checklist: Checklist) -> RenderedChecklist:
        groups = tuple(
            RenderedGroup(
                group.id,
                group.title,
                tuple(RenderedItem(item, Markup(markdown.render_inline(item.text))) for item in group.items),
            )
            for group in checklist.groups
        )
        intro = Markup(markdown.render(checklist.intro).html) if checklist.intro else Markup("")
        return RenderedChecklist(checklist, intro, groups)

    def article(self, lang: str, slug: str) -> RenderedArticle | None:
        return self._articles.get((lang, slug))

    def checklist(self, lang: str, slug: str) -> RenderedChecklist | None:
        return self._checklists.get((lang, slug))


def load_guide(content_dir: Path, languages) -> Guide:
    return Guide(load_library(content_dir), languages)


def current_guide() -> Guide:
    return current_app.extensions["guide"]
