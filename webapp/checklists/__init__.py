"""Checklists patients keep: coping strategies, eating tips, questions for appointments."""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, url_for

from ..guide_content import current_guide
from ..pages import render_page
from ..site import published

bp = Blueprint("checklists", __name__, url_prefix="/<lang>/checklists")


@bp.route("/")
def index():
    # The checklists are listed on the home page; this keeps a trimmed URL useful.
    return redirect(url_for("guide.home", _anchor="checklists"))


@bp.route("/<slug>")
@published(lambda library: [{"slug": checklist.slug} for checklist in library.checklists], offline=True, sitemap=True)
def checklist(slug: str):
    guide = current_guide()
    rendered = guide.checklist(g.lang, slug)
    if rendered is None:
        moved = guide.library.redirect("checklist", slug)
        if moved is None:
            abort(404)
        return redirect(url_for(".checklist", slug=moved.slug), 301)
    return render_page("checklists/checklist.html", checklist=rendered)
