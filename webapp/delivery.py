"""Fast on a bad connection and cheap to serve.

- Static files are read, hashed and compressed (brotli and gzip) once at start-up,
  served with content-hashed URLs (``?v=<hash>``) as ``immutable`` for a year.
- Pages are rendered once, kept in memory with their compressed forms and an
  ETag, and answered with ``304 Not Modified`` when the reader already has them.
- Anything else worth compressing is compressed on the way out.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from flask import Response, abort, current_app, request, url_for
from werkzeug.datastructures import ETags
from werkzeug.http import parse_accept_header, parse_etags

#: Types worth compressing (images are compressed already).
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
YEAR = 365 * 24 * 3600
#: A shared cache (a CDN) may keep a page this long; browsers revalidate every time
#: (a cheap 304), so a new version is never hidden behind a browser's cache.
PAGE_SHARED_MAX_AGE = 300
#: Endpoints whose answer depends only on the path (and HX-Request): rendered once.
CACHED_ENDPOINTS = {
    "guide.home",
    "guide.article",
    "checklists.checklist",
    "offline.offline_page",
    "offline.manifest",
    "offline.offline_list",
    "offline.service_worker",
    "sharing.article_handout",
    "sharing.checklist_handout",
    "sharing.article_qr",
    "sharing.checklist_qr",
    "sharing.sitemap",
    "sharing.robots",
    "security.security_policy",
}


def compressible(mimetype: str) -> bool:
    return mimetype.startswith(COMPRESSIBLE)


def encoding_for(accept_encoding) -> str | None:
    """The best encoding the client accepts: brotli, then gzip, else none."""
    if accept_encoding["br"]:
        return "br"
    if accept_encoding["gzip"]:
        return "gzip"
    return None


@dataclass
class Encoded:
    """One representation, and its compressed forms, each made once when first asked for."""

    body: bytes
    mimetype: str
    etag: str
    quality: int = 11  # brotli's: 11 for static files (made once), 10 for pages (~3× faster)
    compressed: dict[str, bytes] = field(default_factory=dict)
    mimetype_header: str = ""

    @classmethod
    def of(cls, body: bytes, mimetype: str, quality: int = 11) -> Encoded:
        return cls(body, mimetype, hashlib.sha256(body).hexdigest()[:16], quality)

    @property
    def variants(self) -> bool:
        return compressible(self.mimetype) and len(self.body) > 256

    def encoded(self, encoding: str) -> bytes:
        if encoding not in self.compressed:
            if encoding == "br":
                self.compressed[encoding] = brotli.compress(self.body, quality=self.quality)
            else:
                self.compressed[encoding] = gzip.compress(self.body, compresslevel=9, mtime=0)
        return self.compressed[encoding]

    def respond(self, headers=None) -> Response:
        return self.fill(Response(mimetype=self.mimetype, headers=headers))

    def encoding_for(self, accept_encoding) -> str | None:
        return encoding_for(accept_encoding) if self.variants else None

    def etag_for(self, encoding: str | None) -> str:
        """One ETag per representation: a gzip body is not the brotli body."""
        return self.etag + (f"-{encoding}" if encoding else "")

    def fill(self, response: Response) -> Response:
        """Put this representation in ``response``, encoded as the client prefers."""
        encoding = self.encoding_for(request.accept_encodings)
        response.set_data(self.encoded(encoding) if encoding else self.body)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        if self.variants:
            response.vary.add("Accept-Encoding")
        response.set_etag(self.etag_for(encoding))
        return response

    def not_modified(self, headers=None) -> Response:
        response = Response(status=304, headers=headers)
        response.set_etag(self.etag_for(self.encoding_for(request.accept_encodings)))
        if self.variants:
            response.vary.add("Accept-Encoding")
        return response

    def matches(self, if_none_match: ETags | None = None) -> bool:
        """Does the client already hold this resource, in any of its encodings?"""
        tags = request.if_none_match if if_none_match is None else if_none_match
        return tags.star_tag or self.etag in {tag.split("-")[0] for tag in tags.as_set()}


class StaticFiles:
    """Every file under static/, hashed and precompressed when the app starts."""

    def __init__(self, folder: Path):
        self.files: dict[str, Encoded] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
                encoded = self.files[name] = Encoded.of(path.read_bytes(), mimetype)
                if encoded.variants:  # precompressed: a handful of files, the best brotli
                    encoded.encoded("br")
                    encoded.encoded("gzip")

    def url(self, filename: str) -> str:
        encoded = self.files.get(filename)
        return url_for("static", filename=filename, v=encoded.etag[:12] if encoded else None)

    def serve(self, filename: str) -> Response:
        encoded = self.files.get(filename)
        if encoded is None:
            abort(404)
        current = request.args.get("v") == encoded.etag[:12]
        response = encoded.not_modified() if encoded.matches() else encoded.respond()
        if current:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        else:
            response.cache_control.no_cache = True  # an old or bare URL: ask every time
        return response


class PageCache:
    """Pages rendered once per path and rendering (full page or htmx partial).

    The first request for a page goes through Flask; :meth:`store` keeps the finished
    response (body, every header). Later requests are answered by :meth:`wsgi`, in
    front of Flask, at about the cost of a hello-world.
    """

    def __init__(self, app):
        self.app = app
        self.entries: dict[tuple, tuple[Encoded, list[tuple[str, str]]]] = {}
        self.next_wsgi = app.wsgi_app

    def key_for(self, environ) -> tuple | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return None
        htmx = environ.get("HTTP_HX_REQUEST", "").lower() == "true"
        whole = (
            environ.get("HTTP_HX_BOOSTED", "").lower() == "true"
            or environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST", "").lower() == "true"
        )
        # Absolute URLs in a page come from PUBLIC_BASE_URL, or else from the host asked for.
        host = None if self.app.config.get("PUBLIC_BASE_URL") else environ.get("HTTP_HOST", "")
        return host, environ.get("PATH_INFO", ""), htmx and not whole

    def wsgi(self, environ, start_response):
        key = self.key_for(environ)
        entry = self.entries.get(key) if key else None
        if entry is None:
            return self.next_wsgi(environ, start_response)
        encoded, headers = entry
        encoding = encoded.encoding_for(parse_accept_header(environ.get("HTTP_ACCEPT_ENCODING")))
        etag = encoded.etag_for(encoding)
        if encoded.matches(parse_etags(environ.get("HTTP_IF_NONE_MATCH"))):
            start_response("304 Not Modified", [*headers, ("ETag", f'"{etag}"')])
            return [b""]
        body = encoded.encoded(encoding) if encoding else encoded.body
        out = [
            *headers,
            ("Content-Type", encoded.mimetype_header),
            ("Content-Length", str(len(body))),
            ("ETag", f'"{etag}"'),
        ]
        if encoding:
            out.append(("Content-Encoding", encoding))
        start_response("200 OK", out)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]

    def keeps(self, response: Response) -> bool:
        """Will :meth:`store` keep this response (and so compress it itself)?"""
        return (
            request.endpoint in CACHED_ENDPOINTS
            and response.status_code == 200
            and not response.direct_passthrough
            and self.key_for(request.environ) is not None
        )

    def store(self, response: Response) -> Response:
        """The last after-request hook: keep a finished page for the next readers."""
        if not self.keeps(response):
            return response
        key = self.key_for(request.environ)
        encoded = Encoded.of(response.get_data(), response.mimetype, quality=10)
        encoded.mimetype_header = response.headers["Content-Type"]
        if encoded.variants:
            response.vary.add("Accept-Encoding")
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name not in ("Content-Length", "Content-Type", "Content-Encoding", "ETag", "Set-Cookie")
        ]
        self.entries[key] = (encoded, headers)
        return encoded.fill(response)


def _compress_on_the_way_out(response: Response) -> Response:
    """For what the page cache does not hold (error pages, redirects with bodies)."""
    if (
        current_app.extensions["page_cache"].keeps(response)  # it compresses what it keeps
        or response.direct_passthrough
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
        or not compressible(response.mimetype or "")
    ):
        return response
    body = response.get_data()
    if len(body) < 512:
        return response
    encoding = encoding_for(request.accept_encodings)
    response.vary.add("Accept-Encoding")
    if encoding:
        response.set_data(brotli.compress(body, quality=5) if encoding == "br" else gzip.compress(body, 6, mtime=0))
        response.headers["Content-Encoding"] = encoding
    return response


def _page_cache_control(response: Response) -> Response:
    if (
        request.endpoint in CACHED_ENDPOINTS
        and response.status_code in (200, 304)
        and not response.cache_control.no_cache
    ) and response.cache_control.max_age is None:
        response.cache_control.public = True
        response.cache_control.max_age = 0
        response.cache_control.s_maxage = PAGE_SHARED_MAX_AGE
        response.cache_control.must_revalidate = True
    return response


def init_app(app) -> None:
    static = StaticFiles(Path(app.static_folder))
    cache = PageCache(app)
    app.extensions["static_files"] = static
    app.extensions["page_cache"] = cache
    app.view_functions["static"] = static.serve
    app.wsgi_app = cache.wsgi
    # after_request hooks run last-registered first: caching headers, compression,
    # and last of all (registered first) the page cache, which keeps the finished page.
    app.after_request(cache.store)
    app.after_request(_compress_on_the_way_out)
    app.after_request(_page_cache_control)


def prewarm(app, paths) -> None:
    """Render every page once, before gunicorn forks its workers (preload_app)."""
    client = app.test_client()
    for path in paths:
        client.get(path, headers={"Accept-Encoding": "identity"})
