"""Checklists patients keep: coping strategies, eating tips, questions for appointments."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for

from ..kinds import page_kind

bp = Blueprint("checklists", __name__, url_prefix="/<lang>/checklists")


@bp.route("/")
def index():
    # The checklists are listed on the home page; this keeps a trimmed URL useful.
    return redirect(url_for("guide.home", _anchor="checklists"))


page_kind(bp, "/<slug>", "checklist", "checklists/checklist.html")
