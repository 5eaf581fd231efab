"""The guide's pages: the home page, and articles (its topics and the about page)."""

from __future__ import annotations

from flask import Blueprint, g

from ..kinds import page_kind
from ..pages import render_page
from ..site import published
from .rendering import current_guide

bp = Blueprint("guide", __name__, url_prefix="/<lang>")


@bp.route("/")
@published(offline=True, sitemap=True)
def home():
    return render_page("guide/home.html", listing=current_guide().listing(g.lang))


def _neighbours(guide, article) -> dict:
    """The topics before and after this one, in reading order (none for other pages)."""
    previous, following = (
        guide.page("article", g.lang, topic.slug) if topic else None for topic in guide.library.neighbours(article.page)
    )
    return {"previous": previous, "following": following}


page_kind(bp, "/<slug>", "article", "guide/article.html", context=_neighbours)
