"""What Flask itself answers, kept cheap: static files under old names, compression.

The site (:mod:`webapp.site`) holds every page and every static file under its
content-hashed name. Flask sees the rest: error pages, redirects, a static file
asked for by its bare name or by the hash of a previous deployment (answered
with today's file, ``no-cache``, never as immutable under a name that is not its
own). Anything worth compressing is compressed on the way out.
"""

from __future__ import annotations

import gzip

import brotli
from flask import Response, abort, current_app, request

from .site import COMPRESS_FROM, compressible, encoding_for, unhashed_name


def serve_static(filename: str) -> Response:
    resource = current_app.extensions["static_assets"].files.get(unhashed_name(filename))
    if resource is None:
        abort(404)
    response = Response(resource.body, content_type=resource.content_type)
    response.set_etag(resource.etag)
    response.cache_control.no_cache = True
    return response.make_conditional(request)


def _compress_on_the_way_out(response: Response) -> Response:
    if (
        response.direct_passthrough
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
        or not compressible(response.mimetype or "")
    ):
        return response
    body = response.get_data()
    if len(body) <= COMPRESS_FROM:
        return response
    response.vary.add("Accept-Encoding")
    encoding = encoding_for(request.accept_encodings)
    if encoding:
        response.set_data(brotli.compress(body, quality=5) if encoding == "br" else gzip.compress(body, 6, mtime=0))
        response.headers["Content-Encoding"] = encoding
    return response


def init_app(app) -> None:
    app.view_functions["static"] = serve_static
    app.after_request(_compress_on_the_way_out)
