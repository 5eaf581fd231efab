"""A plain-language companion for people living with metastatic breast cancer."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from . import delivery, errors, i18n, kinds, offline, pages, search, security, sharing, site
from .guide.rendering import load_guide
from .i18n import interface
from .reviews import INTERFACE

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    # Static files sit beside the package, as content/ and translations/ do.
    app = Flask(__name__, static_folder=str(ROOT / "static"))
    app.config.from_mapping(
        CONTENT_DIR=ROOT / "content",
        TRANSLATIONS_DIR=ROOT / "translations",
        # A language is offered (picker, negotiation, hreflang) from this share on, once a
        # second reader has read it (SPEC.md: every draft is checked before it ships).
        TRANSLATION_THRESHOLD=0.9,
        BABEL_DEFAULT_LOCALE=i18n.SOURCE_LANGUAGE,
        # The address people share (links, QR codes, previews); the request's host if unset.
        PUBLIC_BASE_URL=None,
        # Where vulnerability reports go (security.txt); security@<public host> if unset.
        SECURITY_CONTACT=None,
        # How many proxies in front of the app to trust for the client's address and
        # scheme (X-Forwarded-*). With one or more and an https base URL, plain HTTP
        # is redirected to HTTPS.
        PROXY_HOPS=0,
    )
    app.config.from_prefixed_env("MBC")
    if test_config:
        app.config.update(test_config)

    # First, so that its after-request hook runs last, on the finished response.
    delivery.init_app(app)
    i18n.init_app(app)
    pages.init_app(app)
    kinds.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    # Rendered once here; a broken content file stops the start with its file and line.
    translations = Path(app.config["TRANSLATIONS_DIR"])
    guide = load_guide(Path(app.config["CONTENT_DIR"]), translations)
    app.extensions["guide"] = guide
    interface.install(app, guide.catalogs)
    app.extensions["offered_languages"] = _offered(guide, translations, app.config["TRANSLATION_THRESHOLD"])

    from .checklists import bp as checklists_bp
    from .guide.cli import bp as content_cli
    from .guide.views import bp as guide_bp
    from .keeping import bp as keeping_bp
    from .site.export import bp as site_cli
    from .translating.cli import bp as translations_cli

    app.register_blueprint(guide_bp)
    app.register_blueprint(checklists_bp)
    app.register_blueprint(keeping_bp)
    app.register_blueprint(translations_cli)
    app.register_blueprint(content_cli)
    app.register_blueprint(site_cli)
    offline.init_app(app)
    search.init_app(app)
    sharing.init_app(app)
    # Last: the site is made of the routes registered above.
    site.init_app(app)
    return app


def _offered(guide, translations: Path, threshold: float) -> dict[str, i18n.Language]:
    """The languages readers are offered: enough of each translated, and read by a second reader.

    A language ships once a second reading is recorded for its interface and for at least
    ``threshold`` of its pages (translations/second-readings.yaml). A later edit of a page
    does not take the language away: that page then says it has not been checked since.
    """
    offered = {}
    keys = interface.template_keys(translations / "messages.pot")
    pages = guide.library.all()
    for code, language in i18n.LANGUAGES.items():
        if code == i18n.SOURCE_LANGUAGE:
            offered[code] = language
            continue
        content = guide.coverage[code]
        ui = interface.coverage(guide.catalogs, keys, code)
        read = sum((code, page.context) in guide.readings for page in pages) / len(pages)
        if content >= threshold and ui >= threshold and read >= threshold and (code, INTERFACE) in guide.readings:
            offered[code] = language
        else:
            log.info(
                "%s not offered: %.0f%% of content, %.0f%% of interface translated, %.0f%% of pages second-read",
                code,
                100 * content,
                100 * ui,
                100 * read,
            )
    return offered
