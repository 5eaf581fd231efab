"""One URL, two renderings: the full page, or for htmx the fragment it includes.

A view renders ``guide/article.html``; an htmx request that is not a boosted
navigation gets ``guide/_article.html``, the very partial the full page includes,
so the two cannot drift. Responses that depended on that choice say so in
``Vary: HX-Request``, so no cache hands a fragment to someone who wanted a page.

Which rendering a request gets is :func:`rendering`'s answer, from
:data:`FRAGMENT_RULE`: Flask's views, the WSGI front and the service worker
(which receives the rule as data) all apply this one rule.
"""

from __future__ import annotations

import posixpath

from flask import g, render_template, request

PAGE = "page"
FRAGMENT = "fragment"
#: An htmx request wants the fragment, unless it replaces the whole body (a boosted
#: link, a history restore): those get the page.
FRAGMENT_RULE = {"when": "HX-Request", "unless": ["HX-Boosted", "HX-History-Restore-Request"]}


def rendering(headers) -> str:
    """PAGE or FRAGMENT, for a request with these headers (any mapping with ``get``)."""

    def says(name: str) -> bool:
        return (headers.get(name) or "").lower() == "true"

    wanted = says(FRAGMENT_RULE["when"]) and not any(says(name) for name in FRAGMENT_RULE["unless"])
    return FRAGMENT if wanted else PAGE


def wants_partial() -> bool:
    g.varies_on_htmx = True
    return rendering(request.headers) == FRAGMENT


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
