"""Error pages in the reader's language: a lost reader gets a way back, never a 500."""

from __future__ import annotations

from flask import Blueprint, g, render_template
from werkzeug.exceptions import HTTPException

from . import i18n
from .site import published

bp = Blueprint("errors", __name__)


def _language_for_error() -> None:
    # An unknown language in the URL leaves g.lang unset: answer in the language
    # the browser asks for instead.
    if not g.get("lang"):
        g.lang = i18n.negotiate(i18n.offered_languages())


def not_found(error: HTTPException):
    _language_for_error()
    return render_template("errors/404.html"), 404


def http_error(error: HTTPException):
    if error.code == 404:
        return not_found(error)
    _language_for_error()
    return render_template("errors/error.html", error=error), error.code


@bp.route("/<lang>/404.html")
@published()
def not_found_page():
    """The 404 page of each language, as a file: what a static host serves for a missing page."""
    return render_template("errors/404.html")


def init_app(app):
    app.register_error_handler(HTTPException, http_error)
    app.register_blueprint(bp)
