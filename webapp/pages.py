"""One URL, two renderings: the full page, or for htmx the partial it includes.

A view renders ``guide/article.html``; an htmx request that is not a boosted
navigation gets ``guide/_article.html``, the very partial the full page includes,
so the two cannot drift. Responses that depended on that choice say so in
``Vary: HX-Request``, so no cache hands a fragment to someone who wanted a page.
"""

from __future__ import annotations

import posixpath

from flask import g, render_template, request


def wants_partial() -> bool:
    g.varies_on_htmx = True
    # A boosted link and a history restore replace the whole body: they get the page.
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def partial_name(template: str) -> str:
    folder, name = posixpath.split(template)
    return posixpath.join(folder, "_" + name)


def render_page(template: str, **context) -> str:
    return render_template(partial_name(template) if wants_partial() else template, **context)


def _vary_on_htmx(response):
    if g.get("varies_on_htmx"):
        response.vary.add("HX-Request")
    return response


def init_app(app):
    app.after_request(_vary_on_htmx)
