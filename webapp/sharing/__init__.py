"""Sharing for volunteers: short links, link previews, QR codes, printable handouts.

Every absolute URL is built from ``PUBLIC_BASE_URL`` (the address people share),
not from whatever Host header a request came with.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape as xml_escape

import segno
from flask import Blueprint, Response, abort, current_app, g, request, url_for
from markupsafe import Markup

from ..guide_content import current_guide
from ..i18n import offered_languages
from ..pages import render_page

bp = Blueprint("sharing", __name__)

#: Open Graph wants language_TERRITORY; these are the forms Facebook and others know.
OG_LOCALES = {
    "en": "en_US",
    "es": "es_LA",
    "zh-Hans": "zh_CN",
    "vi": "vi_VN",
    "tl": "tl_PH",
    "fr": "fr_FR",
    "ar": "ar_AR",
}


def public_url(endpoint: str, **values) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/") + url_for(endpoint, **values)


def page_endpoint(kind: str) -> str:
    return "checklists.checklist" if kind == "checklist" else "guide.article"


def _rendered(kind: str, slug: str):
    guide = current_guide()
    rendered = guide.checklist(g.lang, slug) if kind == "checklist" else guide.article(g.lang, slug)
    if rendered is None:
        abort(404)
    return rendered


def qr_svg(url: str, title: str) -> str:
    """A QR code as SVG: vector, so it prints crisp at any size."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )
    return out.getvalue().decode()


def _qr(kind: str, slug: str):
    rendered = _rendered(kind, slug)
    url = public_url(page_endpoint(kind), lang=g.lang, slug=slug)
    response = Response(qr_svg(url, xml_escape(rendered.title.value)), mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'inline; filename="qr-{g.lang}-{slug}.svg"'
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


def _handout(kind: str, slug: str):
    rendered = _rendered(kind, slug)
    url = public_url(page_endpoint(kind), lang=g.lang, slug=slug)
    return render_page(
        "sharing/handout.html",
        item=rendered,
        short_link=url,
        qr=Markup(qr_svg(url, xml_escape(rendered.title.value))),
    )


@bp.route("/<lang>/<slug>/qr.svg")
def article_qr(slug):
    return _qr("article", slug)


@bp.route("/<lang>/checklists/<slug>/qr.svg")
def checklist_qr(slug):
    return _qr("checklist", slug)


@bp.route("/<lang>/<slug>/handout")
def article_handout(slug):
    return _handout("article", slug)


@bp.route("/<lang>/checklists/<slug>/handout")
def checklist_handout(slug):
    return _handout("checklist", slug)


@bp.route("/sitemap.xml")
def sitemap():
    """Every page in every offered language, each with its alternates."""
    library = current_guide().library
    pages = [("guide.home", {})]
    pages += [("guide.article", {"slug": a.slug}) for a in library.articles]
    pages += [("checklists.checklist", {"slug": c.slug}) for c in library.checklists]
    languages = list(offered_languages())
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for endpoint, values in pages:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(public_url(endpoint, lang=code, **values))}"/>'
            for code in languages
        )
        for code in languages:
            lines.append(f"<url><loc>{xml_escape(public_url(endpoint, lang=code, **values))}</loc>{alternates}</url>")
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    body = f"User-agent: *\nAllow: /\nSitemap: {public_url('sharing.sitemap')}\n"
    return Response(body, mimetype="text/plain")


#: Each handout's endpoint, and the endpoint of the page it is printed from.
HANDOUT_OF = {"sharing.article_handout": "guide.article", "sharing.checklist_handout": "checklists.checklist"}


def share_context():
    """What base.html needs for link previews and alternates of the current page."""
    endpoint = request.endpoint or ""
    args = dict(request.view_args or {})
    # A shared handout shows the preview of its page, and names the page as canonical.
    endpoint = HANDOUT_OF.get(endpoint, endpoint)
    if not g.get("lang") or endpoint not in ("guide.home", "guide.article", "checklists.checklist"):
        return {}
    canonical = public_url(endpoint, lang=g.lang, **args)
    guide = current_guide()

    def title_in(item, code: str) -> str:
        """The page's title in another language, for sharing it in that language."""
        page = item.page
        other = guide.checklist(code, page.slug) if page.kind == "checklist" else guide.article(code, page.slug)
        return other.title.value if other else page.title

    return {
        "canonical_url": canonical,
        "alternate_urls": {code: public_url(endpoint, lang=code, **args) for code in offered_languages()},
        "share_image": public_url("static", filename="icons/share-card.png"),
        "og_locale": OG_LOCALES.get(g.lang, g.lang.replace("-", "_")),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code in offered_languages() if code != g.lang],
        "title_in": title_in,
    }


def init_app(app):
    app.register_blueprint(bp)
    app.context_processor(share_context)
