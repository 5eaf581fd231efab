"""A plain-language companion for people living with metastatic breast cancer."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from htmx_flask import Htmx

from . import errors, i18n, pages, security
from .guide_content import load_guide

ROOT = Path(__file__).resolve().parent.parent
htmx = Htmx()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        CONTENT_DIR=ROOT / "content",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        BABEL_DEFAULT_LOCALE=i18n.SOURCE_LANGUAGE,
    )
    app.config.from_prefixed_env("MBC")
    if test_config:
        app.config.update(test_config)

    htmx.init_app(app)
    i18n.init_app(app)
    pages.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    # Rendered once here; a broken content file stops the start with its file and line.
    app.extensions["guide"] = load_guide(Path(app.config["CONTENT_DIR"]), i18n.offered_languages())

    from .checklists import bp as checklists_bp
    from .guide import bp as guide_bp

    app.register_blueprint(guide_bp)
    app.register_blueprint(checklists_bp)
    return app
