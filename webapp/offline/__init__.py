"""Offline and installable: the service worker, the web app manifests, the offline page.

The service worker and the pages agree on a *build id*, a hash of everything a
reader can receive (code, templates, static files, content, catalogs). Caches are
named by it, so a new deployment gets new caches and the old ones are deleted.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from babel.units import format_unit
from flask import Blueprint, Response, current_app, g, render_template, url_for

from .. import search
from ..browser_names import BROWSER_NAMES
from ..guide.rendering import current_guide
from ..i18n import LANGUAGES, offered_languages
from ..i18n.interface import pgettext
from ..pages import FRAGMENT_RULE, render_page
from ..site import asset_url, current_site, published

bp = Blueprint("offline", __name__)

#: Static files every page uses: stored when the service worker installs.
CORE_ASSETS = (
    "css/app.css",
    "css/print.css",
    "vendor/htmx.min.js",
    "js/common.js",
    "js/store.js",
    "js/keeping.js",
    "js/checklist.js",
    "js/visits.js",
    "js/medicines.js",
    "js/my-data.js",
    "js/diary.js",
    "css/keeping.css",
    "css/keeping-print.css",
    "js/offline.js",
    "js/share.js",
    "js/search.js",
    "js/terms.js",
    "css/find.css",
    "css/no-script.css",
    "icons/icon.svg",
)
THEME_COLOR = "#6b2c7a"


def build_id(app) -> str:
    """A hash of what the app serves: changes with any deployment that changes a page."""
    if app.config.get("BUILD_ID"):
        return str(app.config["BUILD_ID"])
    root = Path(app.root_path)
    digest = hashlib.sha256()
    folders = [root, Path(app.static_folder), Path(app.config["CONTENT_DIR"]), Path(app.config["TRANSLATIONS_DIR"])]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in (".pyc", ".mo"):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@bp.route("/sw.js")
@published()
def service_worker():
    site = current_site()
    body = render_template(
        "offline/sw.js",
        build=current_app.config["BUILD_ID"],
        assets=[path for path in map(asset_url, CORE_ASSETS) if path in site],
        offline_pages={code: url_for("offline.offline_page", lang=code) for code in LANGUAGES},
        fragment_rule=FRAGMENT_RULE,
        names=BROWSER_NAMES,
    )
    response = Response(body, mimetype="text/javascript")
    # Browsers must always ask for a new worker: a stale one would keep old pages forever.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/favicon.ico")
@published()
def favicon():
    """Browsers ask for it on their own (a bare SVG or PDF view): answer, don't 404."""
    icon = current_app.extensions["static_assets"].files["icons/icon-192.png"]
    return Response(icon.body, mimetype="image/png")


@bp.route("/<lang>/manifest.webmanifest")
@published()
def manifest():
    lang = g.lang
    language = LANGUAGES[lang]
    data = {
        "id": "/",
        "name": pgettext("app manifest", "MBC Companion: living with metastatic breast cancer"),
        "short_name": pgettext("site name", "MBC Companion"),
        "description": pgettext(
            "site description", "Plain-language information for people living with metastatic breast cancer."
        ),
        "lang": lang,
        "dir": language.dir,
        "start_url": url_for("guide.home", lang=lang),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [
            {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": asset_url("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/manifest+json")


@bp.route("/<lang>/offline")
@published(offline=True)
def offline_page():
    return render_page("offline/offline.html", listing=current_guide().listing(g.lang))


@bp.route("/<lang>/offline.json")
@published()
def offline_list():
    """What "Save this guide for offline" stores, and about how much space it takes."""
    lang = g.lang
    # The sizes of the pages as the site holds them (as a phone stores them: unzipped).
    site = current_site()
    pages = {url: len(site.get(url).body) for url in site.saved_offline(lang)}
    # …and the static files its pages need offline: the search index, the glossary's words.
    files = {url: len(site.get(url).body) for url in search.files(lang)}
    total = sum(pages.values()) + sum(files.values())
    data = {
        "build": current_app.config["BUILD_ID"],
        "lang": lang,
        "offered": lang in offered_languages(),
        "pages": list(pages),
        "files": list(files),
        "bytes": total,
        # Formatted here, by Babel: Intl.NumberFormat's first use costs a phone ~100 ms.
        "size": format_unit(math.ceil(total / 1000), "digital-kilobyte", length="short", locale=LANGUAGES[lang].babel),
    }
    return Response(json.dumps(data), mimetype="application/json")


def init_app(app):
    app.config["BUILD_ID"] = build_id(app)
    app.register_blueprint(bp)

    @app.context_processor
    def offline_context():
        return {"theme_color": THEME_COLOR, "asset_url": asset_url}
