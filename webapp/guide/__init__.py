"""The guide: the home page, its topics and the pages beside them (about)."""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, url_for

from ..guide_content import current_guide
from ..pages import render_page
from ..site import published

bp = Blueprint("guide", __name__, url_prefix="/<lang>")


@bp.route("/")
@published(offline=True, sitemap=True)
def home():
    return render_page("guide/home.html", listing=current_guide().listing(g.lang))


@bp.route("/<slug>")
@published(lambda library: [{"slug": article.slug} for article in library.articles], offline=True, sitemap=True)
def article(slug: str):
    guide = current_guide()

    rendered = guide.article(g.lang, slug)
    if rendered is None:
        moved = guide.library.redirect("article", slug)
        if moved is None:
            abort(404)
        return redirect(url_for(".article", slug=moved.slug), 301)
    previous, following = (
        guide.article(g.lang, topic.slug) if topic else None for topic in guide.library.neighbours(rendered.page)
    )
    return render_page("guide/article.html", article=rendered, previous=previous, following=following)
