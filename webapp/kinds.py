"""Kinds of page of the guide's content: articles (topics, the about page) and checklists.

A kind is declared once, where it lives (``webapp/guide/views.py``,
``webapp/checklists/``), with :func:`page_kind`: that gives it its view, its place
in the site (offline, sitemap), and, through :data:`KINDS`, its handout and QR
code (``webapp.sharing``) and its links in every template (``page_url``): routing,
sharing and the offline list do not branch on it. What differs by content format
(loading, rendering, what a handout lists) is that format's own code and templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, abort, g, redirect, url_for

from .guide.rendering import Guide, Localized, current_guide
from .pages import render_page
from .site import published


@dataclass(frozen=True)
class PageKind:
    #: The content format it shows (``Page.format``): "article" or "checklist". It is
    #: also the template's name for the page, and the prefix of related endpoints.
    name: str
    endpoint: str  # the page's view, "guide.article"
    rule: str  # its URL rule, "/<lang>/<slug>"
    template: str  # the full page; an htmx request gets its "_" partial (webapp.pages)
    #: More for the template, from the guide and the rendered page (e.g. neighbours).
    context: Callable[[Guide, Localized], dict]


#: Every kind, by name, in the order declared.
KINDS: dict[str, PageKind] = {}


def page_kind(bp: Blueprint, rule: str, name: str, template: str, context=None) -> PageKind:
    """Declare a kind of page: its view at ``rule`` on ``bp``, in the site for every
    page of that format, saved for offline reading and listed in the sitemap."""
    kind = PageKind(
        name, f"{bp.name}.{name}", (bp.url_prefix or "") + rule, template, context or (lambda guide, page: {})
    )

    def view(slug: str):
        guide = current_guide()
        page = guide.page(name, g.lang, slug)
        if page is None:
            moved = guide.library.renamed(name, slug)
            if moved is None:
                abort(404)
            return redirect(url_for(kind.endpoint, slug=moved.slug), 301)
        return render_page(kind.template, **{name: page}, **kind.context(guide, page))

    view.__name__ = name
    values = published(lambda library: [{"slug": page.slug} for page in library.of(name)], offline=True, sitemap=True)
    bp.add_url_rule(rule, name, values(view))
    KINDS[name] = kind
    return kind


def kind_of(item: Localized) -> PageKind:
    return KINDS[item.page.format]


def page_url(item: Localized, **values) -> str:
    """The link to a rendered page, in the current language unless ``lang`` is given."""
    return url_for(kind_of(item).endpoint, slug=item.page.slug, **values)


def init_app(app):
    app.jinja_env.globals["page_url"] = page_url
