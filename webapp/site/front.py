"""The WSGI front: what the site holds is answered from memory; the rest goes to Flask.

It sits in front of Flask (``app.wsgi_app``), behind werkzeug's ProxyFix when
``MBC_PROXY_HOPS`` says how many proxies to trust. It answers a GET or HEAD for
a path of the site at about the cost of a hello-world: the right encoding, its
ETag, ``304 Not Modified`` when the reader has it already. Query strings are
ignored for those paths (no page of the site reads one: ``?fbclid=…`` added by a
social network gets the same page).

Which site? With ``MBC_PUBLIC_BASE_URL`` set, the one built for it, whatever
Host a request names. With none set (trying the app out on a laptop and a
phone), the one for the address the request asked for: a few such sites are
kept, the least recently used dropped, so no header can make memory grow
without bound, and a page built for one address is never served to another.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict

from flask import request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.http import parse_accept_header, parse_etags

from ..pages import rendering
from . import Site, StaticAssets, encoding_for, routes_of

log = logging.getLogger(__name__)

#: Sites kept for addresses asked for when no public base URL is set.
HOSTS_KEPT = 4
#: A host name or an IP address, with a port or not: anything else is refused.
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?"
    r"|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$"
)


def base_url_of(environ) -> str | None:
    """``http://192.168.1.5:8000``: the address a request asked for, if it is a sane one."""
    host = environ.get("HTTP_HOST", "").lower()
    if len(host) > 260 or not _HOST.match(host):
        return None
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


class Sites:
    """The site for the public address, or one for each of the few addresses asked."""

    def __init__(self, app, assets: StaticAssets, public_base_url: str | None, keep: int = HOSTS_KEPT):
        self.app = app
        # What every address's site is made of: the same files, the same paths.
        self.assets = assets.published()
        self.routes = routes_of(app)
        self.public = Site(app, public_base_url, self.assets, self.routes) if public_base_url else None
        self.keep = keep
        self._by_address: OrderedDict[str, Site] = OrderedDict()
        self._lock = threading.Lock()

    def for_environ(self, environ) -> Site | None:
        """None when the request names no usable address (and no public one is set)."""
        if self.public is not None:
            return self.public
        base_url = base_url_of(environ)
        if base_url is None:
            return None
        with self._lock:
            site = self._by_address.get(base_url)
            if site is None:
                site = self._by_address[base_url] = Site(self.app, base_url, self.assets, self.routes)
                while len(self._by_address) > self.keep:
                    self._by_address.popitem(last=False)
            self._by_address.move_to_end(base_url)
            return site

    def for_request(self) -> Site:
        site = self.for_environ(request.environ)
        if site is None:  # the front refuses such requests before Flask sees them
            raise RuntimeError("no site for this request's Host")
        return site

    def kept(self) -> list[Site]:
        return [self.public] if self.public is not None else list(self._by_address.values())

    def size(self) -> int:
        """Resources held in memory, over every site kept."""
        return sum(site.size() for site in self.kept())


class Front:
    """WSGI middleware: answers from the site, else calls Flask."""

    def __init__(self, app, sites: Sites, redirect_to_https: bool):
        self.flask = app.wsgi_app
        self.sites = sites
        self.redirect_to_https = redirect_to_https

    def __call__(self, environ, start_response):
        if self.redirect_to_https and environ.get("wsgi.url_scheme") == "http":
            return self._to_https(environ, start_response)
        site = self.sites.for_environ(environ)
        if site is None:
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "16")])
            return [b"Bad Host header\n"]
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method in ("GET", "HEAD") and path in site:
            resource = site.get(path, rendering(EnvironHeaders(environ)))
            if resource is not None:
                return self._serve(resource, environ, start_response)
        return self.flask(environ, start_response)

    def _to_https(self, environ, start_response):
        """Plain HTTP, when the public address is HTTPS: the same URL, over HTTPS."""
        location = self.sites.public.base_url + environ.get("PATH_INFO", "/")
        if environ.get("QUERY_STRING"):
            location += "?" + environ["QUERY_STRING"]
        start_response("301 Moved Permanently", [("Location", location), ("Content-Length", "0")])
        return [b""]

    @staticmethod
    def _serve(resource, environ, start_response):
        encoding = encoding_for(parse_accept_header(environ.get("HTTP_ACCEPT_ENCODING"))) if resource.variants else None
        etag = f'"{resource.etag_for(encoding)}"'
        headers = list(resource.headers)
        if resource.matches(parse_etags(environ.get("HTTP_IF_NONE_MATCH"))):
            start_response("304 Not Modified", [*headers, ("ETag", etag)])
            return [b""]
        body = resource.encoded(encoding) if encoding else resource.body
        headers += [("Content-Type", resource.content_type), ("Content-Length", str(len(body))), ("ETag", etag)]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        start_response("200 OK", headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
