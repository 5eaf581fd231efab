"""What a patient keeps on her phone: her visits, her medicines, her diary, and the page of
all of it.

The server sends each page's words and forms; static/js/store.js keeps what she enters
in her browser, and visits.js, medicines.js, diary.js and my-data.js draw it. Nothing she types
reaches a request: the forms are never boosted, submitted or put in a URL, and the pages
stay out of htmx's history snapshots. The pages are saved with the guide for offline use.
"""

from __future__ import annotations

from flask import Blueprint, g

from ..guide.rendering import current_guide
from ..pages import render_page
from ..site import published
from . import symptoms as diary_rules

bp = Blueprint("keeping", __name__, url_prefix="/<lang>")


@bp.context_processor
def _diary():
    """The diary's symptoms and scale: on the diary page, and on a visit's page for the team."""
    return {"diary": diary_rules}


#: The checklist whose questions can be pinned to a visit.
QUESTIONS = "questions"


@bp.route("/visits")
@published(offline=True, sitemap=True)
def visits():
    questions = current_guide().page("checklist", g.lang, QUESTIONS)
    return render_page("keeping/visits.html", questions=questions)


@bp.route("/medicines")
@published(offline=True, sitemap=True)
def medicines():
    return render_page("keeping/medicines.html")


@bp.route("/diary")
@published(offline=True, sitemap=True)
def diary():
    return render_page("keeping/diary.html", tiers=diary_rules.tiers(current_guide(), g.lang))


@bp.route("/my-data")
@published(offline=True, sitemap=True)
def my_data():
    return render_page("keeping/my_data.html")
