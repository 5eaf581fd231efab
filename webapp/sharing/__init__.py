"""Sharing for volunteers: short links, link previews, QR codes, printable handouts.

Every absolute URL names the site's public address (see webapp.site):
``MBC_PUBLIC_BASE_URL``, the address people share, whatever Host a request named.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape as xml_escape

import segno
from flask import Blueprint, Response, abort, current_app, g, request, url_for
from markupsafe import Markup

from ..guide.rendering import current_guide
from ..i18n import offered_languages
from ..kinds import KINDS, PageKind, kind_of
from ..pages import render_page
from ..site import asset_url, current_site, published

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
    "zh-Hant": "zh_TW",
    "ko": "ko_KR",
    "ru": "ru_RU",
    "pt": "pt_BR",
    "ht": "ht_HT",
    "ur": "ur_PK",
}


def public_url(endpoint: str, **values) -> str:
    return _absolute(url_for(endpoint, **values))


def _absolute(path: str) -> str:
    """The address people share: the site's public base URL (see webapp.site), then the path."""
    return current_site().base_url + path


def _rendered(kind: PageKind, slug: str):
    rendered = current_guide().page(kind.name, g.lang, slug)
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


def _qr(kind: PageKind, slug: str):
    rendered = _rendered(kind, slug)
    url = public_url(kind.endpoint, lang=g.lang, slug=slug)
    # (The page's link names the file a reader saves: download="qr-<lang>-<slug>.svg".)
    return Response(qr_svg(url, xml_escape(rendered.title.value)), mimetype="image/svg+xml")


def _handout(kind: PageKind, slug: str):
    rendered = _rendered(kind, slug)
    url = public_url(kind.endpoint, lang=g.lang, slug=slug)
    return render_page(
        "sharing/handout.html",
        item=rendered,
        short_link=url,
        qr=Markup(qr_svg(url, xml_escape(rendered.title.value))),
    )


_routed: set[str] = set()  # the kinds that have their routes on bp


def _add_page_routes(bp: Blueprint, kind: PageKind) -> None:
    """A kind's handout and QR code: ``<page>/handout`` and ``<page>/qr.svg``."""
    values = published(lambda library: [{"slug": page.slug} for page in library.of(kind.name)])
    for suffix, make, endpoint in (("/qr.svg", _qr, "qr"), ("/handout", _handout, "handout")):

        def view(slug, make=make):
            return make(kind, slug)

        view.__name__ = _view_name(kind, endpoint)
        bp.add_url_rule(kind.rule + suffix, view.__name__, values(view))


def _view_name(kind: PageKind, what: str) -> str:
    """``article_handout``, ``checklist_qr``: a kind's sharing view."""
    return f"{kind.name}_{what}"


def handout_endpoint(kind: PageKind) -> str:
    return f"{bp.name}.{_view_name(kind, 'handout')}"


def qr_endpoint(kind: PageKind) -> str:
    return f"{bp.name}.{_view_name(kind, 'qr')}"


@bp.route("/sitemap.xml")
@published()
def sitemap():
    """Every page in every offered language, each with its alternates."""
    site = current_site()
    languages = list(offered_languages())
    by_page: dict[tuple, dict[str, str]] = {}  # (endpoint, values but lang) → lang → URL
    for path, route in site.routes.items():
        if route.publication.sitemap and route.lang in languages:
            key = (route.endpoint, tuple(sorted((k, v) for k, v in route.values.items() if k != "lang")))
            by_page.setdefault(key, {})[route.lang] = site.base_url + path
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for urls in by_page.values():
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(url)}"/>' for code, url in urls.items()
        )
        lines += [f"<url><loc>{xml_escape(url)}</loc>{alternates}</url>" for url in urls.values()]
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", mimetype="application/xml")


@bp.route("/robots.txt")
@published()
def robots():
    body = f"User-agent: *\nAllow: /\nSitemap: {public_url('sharing.sitemap')}\n"
    return Response(body, mimetype="text/plain")


def share_context():
    """What base.html needs for link previews and alternates of the current page."""
    endpoint = request.endpoint or ""
    args = dict(request.view_args or {})
    # A shared handout shows the preview of its page, and names the page as canonical.
    handouts = {handout_endpoint(kind): kind.endpoint for kind in KINDS.values()}
    endpoint = handouts.get(endpoint, endpoint)
    # The pages of the sitemap have a canonical address and one in each language.
    publication = getattr(current_app.view_functions.get(endpoint), "publication", None)
    if not g.get("lang") or not (publication and publication.sitemap):
        return {}
    canonical = public_url(endpoint, lang=g.lang, **args)
    return {
        "canonical_url": canonical,
        "alternate_urls": {code: public_url(endpoint, lang=code, **args) for code in offered_languages()},
        # The same, as paths: links on the page itself (share.js shares them at the public address).
        "alternate_paths": {code: url_for(endpoint, lang=code, **args) for code in offered_languages()},
        "share_image": _absolute(asset_url("icons/share-card.png")),
        "og_locale": OG_LOCALES.get(g.lang, g.lang.replace("-", "_")),
    }


def page_links():
    """Template helpers: a page's handout and its QR code."""
    return {
        "handout_url": lambda item: url_for(handout_endpoint(kind_of(item)), slug=item.page.slug),
        "qr_url": lambda item: url_for(qr_endpoint(kind_of(item)), slug=item.page.slug),
    }


def init_app(app):
    # Every kind of page declared by now (webapp.kinds) gets its handout and QR code,
    # once: the blueprint serves every app made after that.
    for kind in KINDS.values():
        if kind.name not in _routed:
            _add_page_routes(bp, kind)
            _routed.add(kind.name)
    app.register_blueprint(bp)
    app.context_processor(share_context)
    app.context_processor(page_links)
