"""The rendered site as one value: every public URL, built once, read by everything.

A route joins the site by saying so where it is declared (:func:`published`),
with the URL values it is built for. :class:`Site` is the map those declarations
make: path → :class:`Resource` (body, content type, headers, ETag, compressed
forms). The WSGI front (:mod:`.front`) answers from it, ``offline.json``, the
sitemap and the service worker read paths and sizes from it, and ``make export``
(:mod:`.export`) writes it to a folder any static host can serve.

A site is built for one public address (``MBC_PUBLIC_BASE_URL``): canonical links,
previews and QR codes name it. Its set of paths is fixed when it is made; each
resource is rendered the first time it is needed (or all at once, by
:meth:`Site.complete`, before gunicorn forks) and never changes after that.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import brotli
from flask import Flask, current_app, g

from ..guide.content import Library
from ..pages import FRAGMENT, PAGE

#: Types worth compressing (images are compressed already).
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
#: Smaller bodies gain nothing from compression (and gzip's header costs 20 bytes).
COMPRESS_FROM = 256
YEAR = 365 * 24 * 3600
#: What a page of the site may be kept for: a shared cache (a CDN) five minutes;
#: browsers revalidate every time (a cheap 304), so a new version is never hidden.
PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=300, must-revalidate"
#: A static file under its content-hashed name never changes.
ASSET_CACHE_CONTROL = f"public, max-age={YEAR}, immutable"
#: Headers of a rendered response that belong to one representation, not the resource.
_PER_REPRESENTATION = {"content-length", "content-type", "content-encoding", "etag", "set-cookie"}


def compressible(mimetype: str) -> bool:
    return mimetype.startswith(COMPRESSIBLE)


# --- declaring what belongs to the site --------------------------------------------


@dataclass(frozen=True)
class Publication:
    """How a route is built: the URL values (besides ``lang``) it exists for, and
    whether its pages are saved for offline reading and listed in the sitemap."""

    values: Callable[[Library], Iterable[dict]]
    offline: bool = False
    sitemap: bool = False


def published(values: Callable[[Library], Iterable[dict]] | None = None, *, offline=False, sitemap=False):
    """Put a route in the site, for each of ``values(library)`` and, if its URL has
    ``<lang>``, each language: ``@published(lambda library: [{"slug": ...}, ...])``."""

    def mark(view):
        view.publication = Publication(values or (lambda library: [{}]), offline, sitemap)
        return view

    return mark


# --- one resource ----------------------------------------------------------------


@dataclass
class Resource:
    """One URL's answer: its body, its headers, and its compressed forms.

    The compressed forms are made the first time each is asked for (brotli at
    ``quality``: 11 for static files and the export, 10 for pages, about 3× faster)
    and then kept; nothing else about a resource changes once it is made.
    """

    body: bytes
    content_type: str  # the header's value, charset included
    headers: tuple[tuple[str, str], ...] = ()
    quality: int = 10
    etag: str = ""
    compressed: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.etag = self.etag or hashlib.sha256(self.body).hexdigest()[:16]

    @property
    def mimetype(self) -> str:
        return self.content_type.split(";")[0].strip()

    @property
    def variants(self) -> bool:
        """Is it sent compressed, to whoever accepts that?"""
        return compressible(self.mimetype) and len(self.body) > COMPRESS_FROM

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    def encoded(self, encoding: str) -> bytes:
        if encoding not in self.compressed:
            if encoding == "br":
                self.compressed[encoding] = brotli.compress(self.body, quality=self.quality)
            else:
                self.compressed[encoding] = gzip.compress(self.body, compresslevel=9, mtime=0)
        return self.compressed[encoding]

    def etag_for(self, encoding: str | None) -> str:
        """One ETag per representation: a gzip body is not the brotli body."""
        return self.etag + (f"-{encoding}" if encoding else "")

    def matches(self, tags) -> bool:
        """Does the client already hold this resource (``If-None-Match``), in any encoding?"""
        return tags.star_tag or self.etag in {tag.split("-")[0] for tag in tags.as_set()}


def encoding_for(accept_encoding) -> str | None:
    """The best encoding the client accepts: brotli, then gzip, else none."""
    if accept_encoding["br"]:
        return "br"
    if accept_encoding["gzip"]:
        return "gzip"
    return None


# --- static files ------------------------------------------------------------------

_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[^./]+)$")


def hashed_name(name: str, etag: str) -> str:
    """``css/app.css`` → ``css/app.3f2a1b9c0d1e.css``: a new name for new content."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{etag[:12]}{path.suffix}"))


def unhashed_name(name: str) -> str:
    match = _HASHED.match(name)
    return match["stem"] + match["suffix"] if match else name


#: Static files that hold names Python defines: templates/static/<name> is rendered
#: once, with the browser's names (:mod:`webapp.browser_names`), into the static file <name>.
STATIC_TEMPLATES = "static/"


def rendered_static_files(app: Flask) -> dict[str, bytes]:
    """The static files rendered from templates/static/, by name (``js/common.js``)."""
    from ..browser_names import BROWSER_NAMES

    rendered = {
        name.removeprefix(STATIC_TEMPLATES): app.jinja_env.get_template(name).render(names=BROWSER_NAMES).encode()
        for name in app.jinja_env.list_templates()
        if name.startswith(STATIC_TEMPLATES)
    }
    # …and those made from the guide (the search index: webapp.search), by the parts that
    # make them: ``app.extensions["static_makers"]``, each ``app → {name: body}``.
    for make in app.extensions.get("static_makers", []):
        rendered |= make(app)
    return rendered


#: Comments in our scripts and stylesheets are for those who read the source; phones get
#: the files without them (a comment on lines of its own, or at the end of a line).
_COMMENT_LINES = re.compile(rb"^[ \t]*/\*(?:(?!\*/).)*?\*/[ \t]*\n", re.M | re.S)
_COMMENT_ENDS = re.compile(rb"[ \t]+/\*(?:(?!\*/).)*?\*/[ \t]*$", re.M)


def without_comments(name: str, body: bytes) -> bytes:
    """What readers receive of one of our scripts or stylesheets (vendored files as they are)."""
    if name.startswith("vendor/") or not name.endswith((".js", ".css")):
        return body
    return _COMMENT_ENDS.sub(b"", _COMMENT_LINES.sub(b"", body))


class StaticAssets:
    """Every file under the static folder, and those ``rendered`` into it (name → body),
    read and hashed once (the same for every site)."""

    def __init__(self, folder: Path, rendered: dict[str, bytes] | None = None):
        rendered = rendered or {}
        bodies = {
            path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
        }
        if clash := sorted(set(bodies) & set(rendered)):
            raise ValueError(f"static/{clash[0]} is rendered from templates/{STATIC_TEMPLATES}{clash[0]} too")
        bodies |= rendered
        self.files: dict[str, Resource] = {}
        for name in sorted(bodies):
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if mimetype.startswith("text/") or mimetype == "image/svg+xml":
                mimetype += "; charset=utf-8"
            self.files[name] = Resource(without_comments(name, bodies[name]), mimetype, quality=11)

    def url(self, name: str) -> str:
        """The content-hashed URL of a static file (the bare one if there is no such file)."""
        resource = self.files.get(name)
        return "/static/" + (hashed_name(name, resource.etag) if resource else name)

    def published(self) -> dict[str, Resource]:
        """Each file at its hashed URL, kept for a year: a deployment never meets an old copy."""
        from ..security import HEADERS  # every response carries them, static files too

        headers = (*HEADERS.items(), ("Cache-Control", ASSET_CACHE_CONTROL))
        # A file sent compressed to some and not to others says so, for shared caches.
        varies = (("Vary", "Accept-Encoding"),)
        return {
            self.url(name): Resource(
                resource.body,
                resource.content_type,
                headers + varies if resource.variants else headers,
                quality=11,
                etag=resource.etag,
                compressed=resource.compressed,
            )
            for name, resource in self.files.items()
        }


# --- the site ----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """Where a path of the site comes from: an endpoint, its URL values, its publication."""

    endpoint: str
    values: dict
    publication: Publication

    @property
    def lang(self) -> str | None:
        return self.values.get("lang")


class BuildError(RuntimeError):
    """A published URL did not render as a 200 (a bug in a view or in its declared values)."""


class Site:
    """Every public URL of the app for one public address, each rendered once."""

    def __init__(self, app: Flask, base_url: str, assets: dict[str, Resource], routes: dict[str, Route]):
        """``assets``: the static files by URL (:meth:`StaticAssets.published`); ``routes``:
        the rendered paths (:func:`routes_of`). The same for every address."""
        self.app = app
        self.base_url = base_url.rstrip("/")
        self.routes = routes
        self._resources: dict[tuple[str, str], Resource] = {(path, PAGE): resource for path, resource in assets.items()}
        self._no_fragment: set[str] = set(assets)
        self._lock = threading.RLock()

    @property
    def paths(self) -> list[str]:
        """Every path of the site: rendered pages and files, then static files."""
        return [*self.routes, *(path for path, rendering in self._resources if path not in self.routes)]

    def __contains__(self, path: str) -> bool:
        return path in self.routes or (path, PAGE) in self._resources

    def get(self, path: str, rendering: str = PAGE) -> Resource | None:
        """The resource at ``path`` (its fragment, if asked and it has one), or None."""
        if rendering == FRAGMENT and path not in self._no_fragment:
            resource = self._resources.get((path, FRAGMENT)) or self._render(path, FRAGMENT)
            if resource is not None:
                return resource
        return self._resources.get((path, PAGE)) or self._render(path, PAGE)

    def saved_offline(self, lang: str) -> list[str]:
        """The pages "Save this guide for offline" stores for a language."""
        return [path for path, route in self.routes.items() if route.publication.offline and route.lang == lang]

    def complete(self) -> Site:
        """Render everything not rendered yet (before forking, and for the export)."""
        for path in self.routes:
            self.get(path, FRAGMENT)
        return self

    def resources(self) -> Iterator[tuple[str, Resource]]:
        """Every path and its page (not its fragment), rendering what is missing."""
        for path in self.paths:
            yield path, self.get(path)

    def size(self) -> int:
        """How many resources this site holds now (rendered so far)."""
        return len(self._resources)

    def _render(self, path: str, rendering: str) -> Resource | None:
        route = self.routes.get(path)
        if route is None:
            return None
        with self._lock:
            key = (path, rendering)
            if key in self._resources:
                return self._resources[key]
            if rendering == FRAGMENT:
                self.get(path, PAGE)  # the page says whether a fragment exists
                if path in self._no_fragment:
                    return None
            resource = self._resources[key] = self._dispatch(path, rendering)
            return resource

    def _dispatch(self, path: str, rendering: str) -> Resource:
        headers = {"Accept-Encoding": "identity"}
        if rendering == FRAGMENT:
            headers["HX-Request"] = "true"
        # A fresh application context: a render inside another (offline.json
        # measuring pages) must not share its ``g``.
        with self.app.app_context(), self.app.test_request_context(path, base_url=self.base_url, headers=headers):
            g.site = self
            response = self.app.full_dispatch_request()
            if response.status_code != 200:
                raise BuildError(f"{path} ({rendering}) answered {response.status_code}, not 200")
            body = response.get_data()
            if rendering == PAGE and "HX-Request" not in response.vary:
                self._no_fragment.add(path)
            if "Cache-Control" not in response.headers:
                response.headers["Cache-Control"] = PAGE_CACHE_CONTROL
            if compressible(response.mimetype or "") and len(body) > COMPRESS_FROM:
                response.vary.add("Accept-Encoding")
            headers = tuple(
                (name, value) for name, value in response.headers.items() if name.lower() not in _PER_REPRESENTATION
            )
            return Resource(body, response.headers["Content-Type"], headers)


def routes_of(app: Flask) -> dict[str, Route]:
    """Every path that a route declared with :func:`published` exists for, and its route."""
    from ..i18n import LANGUAGES  # (webapp.i18n declares a published route itself)

    library = app.extensions["guide"].library
    adapter = app.url_map.bind("localhost")
    routes = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        publication = getattr(app.view_functions.get(rule.endpoint), "publication", None)
        if publication is None:
            continue
        languages = LANGUAGES if "lang" in rule.arguments else [None]
        for values in publication.values(library):
            for lang in languages:
                url_values = {**values, **({"lang": lang} if lang else {})}
                routes[adapter.build(rule.endpoint, url_values)] = Route(rule.endpoint, url_values, publication)
    return routes


def current_site() -> Site:
    """The site this request is part of: the one being built, or the one for its address."""
    site = g.get("site")
    if site is None:
        site = g.site = current_app.extensions["sites"].for_request()
    return site


def asset_url(name: str) -> str:
    """A static file's content-hashed URL."""
    return current_app.extensions["static_assets"].url(name)


def init_app(app: Flask) -> None:
    """Read the static files, make the site (or the sites), and put the front before Flask.

    Call it once every blueprint is registered: the site is made of their routes.
    """
    from werkzeug.middleware.proxy_fix import ProxyFix

    from .front import Front, Sites

    assets = app.extensions["static_assets"] = StaticAssets(Path(app.static_folder), rendered_static_files(app))
    base_url = app.config.get("PUBLIC_BASE_URL") or None
    sites = app.extensions["sites"] = Sites(app, assets, base_url)
    hops = int(app.config.get("PROXY_HOPS") or 0)
    # Only a trusted proxy can say a request came over plain HTTP: with none to
    # trust, every request would look like one, and be redirected forever.
    front = Front(app, sites, redirect_to_https=bool(base_url and base_url.startswith("https://") and hops))
    app.wsgi_app = ProxyFix(front, x_for=hops, x_proto=hops, x_host=hops, x_port=hops) if hops else front
    if sites.public is not None and app.config.get("BUILD_AT_START", not app.testing):
        sites.public.complete()
