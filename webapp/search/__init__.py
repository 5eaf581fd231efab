"""Search that runs on the phone, and the glossary's words explained where they are used.

``/<lang>/search`` is a page of the site like any other (saved for offline reading).
Its field and the home page's are drawn by static/js/search.js, which searches the
language's index (:mod:`.index`) in the browser: the words typed are never sent, and
never put in a URL (the field has no name, its form no action). Without JavaScript the
field is not shown, and the page lists the topics, checklists and the glossary.

The index and the glossary's short definitions are static files made from the guide
when the site is built: one of each per language, content-hashed, cached for a year, and
stored with the saved guide (``files``, read by webapp.offline).
"""

from __future__ import annotations

from flask import Blueprint, g

from ..guide.rendering import current_guide
from ..i18n import LANGUAGES
from ..pages import render_page
from ..site import asset_url, published
from .index import definitions, search_index, to_json

bp = Blueprint("search", __name__, url_prefix="/<lang>")


def index_file(lang: str) -> str:
    return f"search/{lang}.json"


def definitions_file(lang: str) -> str:
    return f"glossary/{lang}.json"


def files(lang: str) -> list[str]:
    """The static files of a language that its saved guide needs (their hashed URLs)."""
    return [asset_url(index_file(lang)), asset_url(definitions_file(lang))]


@bp.route("/search")
@published(offline=True, sitemap=True)
def search():
    return render_page("search/search.html", listing=current_guide().listing(g.lang))


def static_files(guide) -> dict[str, bytes]:
    """The index and the definitions of every language, by static file name."""
    made = {}
    for lang in LANGUAGES:
        made[index_file(lang)] = to_json(search_index(guide, lang))
        made[definitions_file(lang)] = to_json(definitions(guide, lang))
    return made


def init_app(app):
    app.register_blueprint(bp)
    app.extensions.setdefault("static_makers", []).append(lambda app: static_files(app.extensions["guide"]))

    @app.context_processor
    def search_context():
        lang = g.get("lang")
        if lang not in LANGUAGES:
            return {}
        return {"search_index_url": asset_url(index_file(lang)), "definitions_url": asset_url(definitions_file(lang))}
