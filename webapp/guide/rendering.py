"""The guide as readers get it: every page rendered once per language, kept in memory.

Markdown is parsed, translated block by block and rendered when the app starts,
not on each request, so a page view costs a template render and nothing more.
A block without a usable translation is shown in English and marked so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from markupsafe import Markup, escape

from ..i18n import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.catalogs import Catalogs
from ..i18n.rules import names_countries_numbers, numbers_named
from ..reviews import (
    CLINICAL,
    CLINICAL_REVIEWS_FILE,
    SECOND_READINGS_FILE,
    ReviewStatus,
    load_reviews,
    reading_fingerprint,
    review_status,
    source_messages,
)
from . import glossary, markdown
from .content import Article, Checklist, ChecklistGroup, ChecklistItem, Library, Page, Source, load_library
from .emergency import EmergencyNumbers


def N_p(context: str, msgid: str) -> tuple[str, str]:  # noqa: N802 — gettext's name for "mark only"
    """Marks an interface string for extraction; it is translated when a page is built."""
    return context, msgid


SECTION_LINK = N_p("sharing", "Link to this section")


@dataclass(frozen=True)
class Text:
    """A short text of a page in the reader's language, or in English where untranslated."""

    value: str
    fallback_lang: str | None = None  # set when shown in the source language instead

    def __str__(self) -> str:
        return self.value

    def __html__(self) -> str:
        if self.fallback_lang:
            return Markup('<span lang="{}" dir="ltr">{}</span>').format(self.fallback_lang, self.value)
        return str(escape(self.value))


@dataclass(frozen=True)
class Localized:
    """What every rendered page has: its source, its language, its titles, its status."""

    page: Page
    title: Text
    summary: Text
    fallback: bool  # some of the page is shown in English
    #: The page's sources, and those of the emergency numbers it names in this language.
    sources: tuple[Source, ...]
    clinical: ReviewStatus  # a clinician's review of the English page
    #: None for the source language; else "reviewed" (by a person), "second-read" (checked
    #: by a second reader, not yet reviewed), "stale" or "draft".
    translation: ReviewStatus | None


@dataclass(frozen=True)
class RenderedArticle(Localized):
    html: Markup  # the body; without its introduction and first section where those come first
    headings: tuple[tuple[int, str, str], ...]  # (level, anchor, text)
    key_points: tuple[Text, ...] = ()
    #: Where the page's first section must be seen first (``show_first``): the text
    #: before it and the section itself, shown above "On this page".
    intro_html: Markup = Markup()
    first_html: Markup = Markup()
    #: Some of its words link to the glossary (and static/js/terms.js shows their meaning).
    has_terms: bool = False

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        """(anchor, text) of the top-level sections, for "on this page"."""
        return tuple((anchor, text) for level, anchor, text in self.headings if level == 2)

    @property
    def contents(self) -> tuple[tuple[str, str], ...]:
        """The sections listed under "On this page": those below it."""
        return tuple((a, t) for a, t in self.sections if a != self.page.show_first)


@dataclass(frozen=True)
class RenderedGroup:
    """A checklist's group of items, in the reader's language."""

    group: ChecklistGroup
    title: Text
    items: tuple[RenderedItem, ...]

    @property
    def id(self) -> str:
        return self.group.id


@dataclass(frozen=True)
class RenderedItem:
    """A checklist item: its source (the id its tick is kept under) and its text as shown."""

    item: ChecklistItem
    html: Markup


@dataclass(frozen=True)
class RenderedChecklist(Localized):
    intro_html: Markup
    groups: tuple[RenderedGroup, ...]


class _PageTranslator:
    """Looks up one page's texts in one language, counting what falls back."""

    def __init__(self, catalogs: Catalogs, lang: str, context: str, emergency: EmergencyNumbers):
        self.catalogs, self.lang, self.context, self.emergency = catalogs, lang, context, emergency
        self.total = self.missing = 0
        #: (language, number) of each emergency number the page names, as shown
        self.emergency_named: set[tuple[str, str]] = set()

    def __call__(self, text: str) -> str | None:
        self.total += 1
        value = text
        if self.lang != SOURCE_LANGUAGE:
            # (A translation that does not keep its source's markup, links and numbers
            # was left out when the catalog was loaded: see webapp.i18n.catalogs.)
            value = self.catalogs.lookup(self.lang, "content", self.context, text)
            if value is None:
                self.missing += 1
        if names_countries_numbers(text, self.emergency.digits_for(SOURCE_LANGUAGE)):
            shown_lang = self.lang if value is not None else SOURCE_LANGUAGE
            named = numbers_named(value or text, self.emergency.digits_for(shown_lang))
            self.emergency_named |= {(shown_lang, number) for number in named}
        return value

    def sources(self, page: Page) -> tuple[Source, ...]:
        known = {source.url for source in page.sources}
        extra: dict[str, Source] = {}
        for lang in (self.lang, SOURCE_LANGUAGE):
            named = {number for shown_lang, number in self.emergency_named if shown_lang == lang}
            for source in self.emergency.sources_of(named, lang):
                if source.url not in known:
                    extra.setdefault(source.url, source)
        return page.sources + tuple(extra.values())

    def text(self, source: str) -> Text:
        value = self(source)
        return Text(value) if value is not None else Text(source, SOURCE_LANGUAGE)

    def segment(self, segment: markdown.Segment) -> str | None:
        return self(segment.text)


class Guide:
    """Every page of the guide in every language, rendered."""

    def __init__(self, library: Library, catalogs: Catalogs, reviews, languages, readings=None):
        self.library = library
        self.catalogs = catalogs
        self.reviews = reviews  # clinical and translation reviews, by (scope, page context)
        self.readings = readings or {}  # second readings, by (language, page context)
        self.emergency = library.emergency or EmergencyNumbers()
        #: Every English text of each page, extracted once: what readings are fingerprints of.
        self._english = {page.context: source_messages(page) for page in library.all()}
        # Whether a review is overdue is decided when the guide is built, as every page is.
        today = datetime.date.today()
        self.clinical = {page.context: review_status(reviews, CLINICAL, page, today) for page in library.all()}
        self._pages: dict[tuple[str, str, str], Localized] = {}  # (format, lang, slug) →
        self.coverage: dict[str, float] = {}
        render = {"article": self._render_article, "checklist": self._render_checklist}
        for lang in languages:
            translated = total = 0
            for page in library.all():
                rendered, t = render[page.format](page, lang)
                self._pages[page.format, lang, page.slug] = rendered
                translated, total = translated + t.total - t.missing, total + t.total
            self.coverage[lang] = translated / total if total else 1.0

    def _common(self, page: Page, lang: str, t: _PageTranslator) -> dict:
        return dict(
            page=page,
            title=t.text(page.title),
            summary=t.text(page.summary),
            clinical=self.clinical[page.context],
            translation=None if lang == SOURCE_LANGUAGE else self.translation_status(page, lang),
        )

    def reading_source(self, page: Page, lang: str) -> str:
        """The fingerprint a second reading of ``page`` in ``lang`` is recorded against."""
        return reading_fingerprint(
            (msgid, self.catalogs.lookup(lang, "content", page.context, msgid)) for msgid in self._english[page.context]
        )

    def interface_source(self, lang: str, keys) -> str:
        """The fingerprint a second reading of ``lang``'s interface is recorded against
        (``keys``: the (context, msgid) of every interface text, from messages.pot)."""
        translated = self.catalogs.entries(lang, "messages")

        def text(key) -> str:
            value = translated.get(key)
            return "\x02".join(value) if isinstance(value, tuple) else value or ""

        return reading_fingerprint((f"{context}\x04{msgid}", text((context, msgid))) for context, msgid in keys)

    def reading_state(self, lang: str, context: str, source: str) -> str:
        """ "current", "stale" (the text changed after it was read) or "none"."""
        reading = self.readings.get((lang, context))
        return "none" if reading is None else "current" if reading.source == source else "stale"

    def translation_status(self, page: Page, lang: str) -> ReviewStatus:
        """A person's review first; else a current second reading; else stale or draft."""
        status = review_status(self.reviews, lang, page)
        if status.state == "reviewed":
            return status
        reading = self.readings.get((lang, page.context))
        if reading is not None and reading.source == self.reading_source(page, lang):
            return ReviewStatus("second-read", reading)
        return status

    def _render_article(self, article: Article, lang: str):
        t = _PageTranslator(self.catalogs, lang, article.context, self.emergency)
        common = self._common(article, lang, t)
        label = self.catalogs.lookup(lang, "messages", *SECTION_LINK) if lang != SOURCE_LANGUAGE else None
        link = glossary.term_link(here=article.id == glossary.GLOSSARY)
        rendered = [
            markdown.render(part, t.segment, SOURCE_LANGUAGE, heading_link=label or SECTION_LINK[1], link=link)
            for part in parts(article)
        ]
        *first, body = rendered
        key_points = tuple(t.text(point) for point, _ in article.key_points)
        return (
            RenderedArticle(
                **common,
                fallback=t.missing > 0,
                sources=t.sources(article),
                html=Markup(body.html),
                headings=sum((part.headings for part in rendered), ()),
                key_points=key_points,
                intro_html=Markup(first[0].html) if first else Markup(),
                first_html=Markup(first[1].html) if first else Markup(),
                has_terms=any(part.links for part in rendered),
            ),
            t,
        )

    def _render_checklist(self, checklist: Checklist, lang: str):
        t = _PageTranslator(self.catalogs, lang, checklist.context, self.emergency)
        common = self._common(checklist, lang, t)
        intro = (
            Markup(markdown.render(checklist.intro, t.segment, SOURCE_LANGUAGE).html) if checklist.intro else Markup()
        )
        groups = []
        for group in checklist.groups:
            title = t.text(group.title)
            items = []
            for item in group.items:
                text = t.text(item.text)
                html = Markup(markdown.render_inline(text.value))
                if text.fallback_lang:
                    html = Markup('<span lang="{}" dir="ltr">{}</span>').format(text.fallback_lang, html)
                items.append(RenderedItem(item, html))
            groups.append(RenderedGroup(group, title, tuple(items)))
        return (
            RenderedChecklist(
                **common, fallback=t.missing > 0, sources=t.sources(checklist), intro_html=intro, groups=tuple(groups)
            ),
            t,
        )

    def page(self, format: str, lang: str, slug: str) -> Localized | None:
        """A page (``format`` "article" or "checklist") rendered in ``lang``."""
        return self._pages.get((format, lang, slug))

    def listing(self, lang: str) -> dict[str, list[Localized]]:
        """The home page's lists, in the reader's language."""
        lists = {"topics": self.library.topics, "pages": self.library.pages, "checklists": self.library.checklists}
        return {name: [self._pages[p.format, lang, p.slug] for p in pages] for name, pages in lists.items()}


def parts(article: Article) -> list[str]:
    """The body as one part, or where ``show_first`` is set: intro, first section, the rest."""
    if not article.show_first:
        return [article.body]
    starts = [s.line for s in markdown.segments(article.body) if s.level == 2]
    lines = article.body.split("\n")
    second = starts[1] - 1 if len(starts) > 1 else len(lines)
    return [
        "\n".join(lines[: starts[0] - 1]),
        "\n".join(lines[starts[0] - 1 : second]),
        "\n".join(lines[second:]),
    ]


def load_guide(content_dir: Path, translations_dir: Path) -> Guide:
    library = load_library(content_dir)
    catalogs = Catalogs(translations_dir, [code for code in LANGUAGES if code != SOURCE_LANGUAGE], library.emergency)
    # Clinical reviews are kept with the content, translation reviews with the catalogs.
    reviews = load_reviews(content_dir / CLINICAL_REVIEWS_FILE) | load_reviews(translations_dir / "reviews.yaml")
    readings = load_reviews(translations_dir / SECOND_READINGS_FILE)
    return Guide(library, catalogs, reviews, LANGUAGES, readings)


def current_guide() -> Guide:
    return current_app.extensions["guide"]
