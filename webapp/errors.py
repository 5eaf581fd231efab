"""Error pages in the reader's language: a lost reader gets a way back, never a 500."""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from . import i18n
from .site import current_site, published

bp = Blueprint("errors", __name__)


def _language_for_error() -> None:
    """The language to answer in: the URL's, even where routing failed before reading it
    (a POST to a page: 405), else the one the browser asks for."""
    if g.get("lang"):
        return
    first = request.path.split("/")[1]
    g.lang = first if first in i18n.LANGUAGES else i18n.negotiate(i18n.offered_languages())


def not_found(error: HTTPException):
    """The language's 404 page as the site holds it: the very page a static host sends."""
    _language_for_error()
    page = current_site().get(url_for("errors.not_found_page", lang=g.lang))
    return Response(page.body, 404, content_type=page.content_type)


def http_error(error: HTTPException):
    if error.code == 404:
        return not_found(error)
    _language_for_error()
    return render_template("errors/error.html", error=error), error.code


@bp.route("/<lang>/404.html")
@published()
def not_found_page():
    """The 404 page of each language, as a file: what a static host serves for a missing
    page, and what the app answers with (not_found)."""
    return render_template("errors/404.html")


def init_app(app):
    app.register_error_handler(HTTPException, http_error)
    app.register_blueprint(bp)
