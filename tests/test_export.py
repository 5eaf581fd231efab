"""The export served by nginx (deploy/nginx.conf) answers as the app under gunicorn does.

One export per session, built for nginx's address; gunicorn runs with the same
MBC_PUBLIC_BASE_URL, so both build the same pages and every answer can be compared:
status, decompressed body, types, caching, security headers, encodings, `/`.
"""

from __future__ import annotations

import gzip
import http.client
import re
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

import brotli
import pytest

from tests import nginx
from tests.browser.conftest import start_gunicorn
from tests.servers import free_port, require, stop
from webapp import ROOT
from webapp.i18n import LANGUAGES
from webapp.security import HEADERS

#: One path of every kind the site has (a checklist and a stylesheet are added from the export).
PATHS = [
    "/en/",
    "/ar/",
    "/en/treatment",
    "/zh-Hans/treatment",
    "/en/treatment/handout",
    "/en/treatment/qr.svg",
    "/en/offline",
    "/en/offline.json",
    "/en/manifest.webmanifest",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
    "/security-policy.txt",
    "/sw.js",
    "/favicon.ico",
    "/languages",
    "/en/no-such-page",
    "/ar/no-such-page",
    "/en/treatment/",
]


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """(nginx base, gunicorn base, export folder, the nginx process)."""
    require(nginx.missing())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    export = nginx.make_export(tmp_path_factory.mktemp("export") / "site", base)
    web, nginx_base = nginx.start_nginx(export, port)
    try:  # nginx is stopped even when gunicorn fails to start
        app, app_base = start_gunicorn(env={"MBC_PUBLIC_BASE_URL": base})
        try:
            yield nginx_base, app_base, export, web
        finally:
            stop(app)
    finally:
        nginx.stop(web)


@pytest.fixture(scope="session")
def paths(servers):
    export = servers[2]
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', (export / "en/treatment.html").read_text())[1]
    checklist = "/" + sorted(export.glob("en/checklists/*.html"))[0].relative_to(export).as_posix()[: -len(".html")]
    return [*PATHS, stylesheet, checklist]


def fetch(base: str, path: str, method: str = "GET", **headers) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request, no redirect followed; the body decompressed."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    encoding = response.getheader("Content-Encoding")
    if encoding == "br" and body:
        body = brotli.decompress(body)
    elif encoding == "gzip" and body:
        body = gzip.decompress(body)
    return response.status, response.headers, body


def vary(headers: http.client.HTTPMessage) -> set[str]:
    """The request headers a response names in ``Vary``."""
    return {name.strip() for name in (headers.get("Vary") or "").split(",") if name.strip()}


def test_every_kind_of_path_is_answered_alike(servers, paths):
    nginx_base, app_base, _, _ = servers
    differences = []
    for path in paths:
        for encoding in ("br", "gzip", "identity"):
            theirs = fetch(nginx_base, path, **{"Accept-Encoding": encoding})
            ours = fetch(app_base, path, **{"Accept-Encoding": encoding})
            context = f"{path} (Accept-Encoding: {encoding})"
            if theirs[0] != ours[0]:
                differences.append(f"{context}: status {theirs[0]} != {ours[0]}")
            if theirs[2] != ours[2]:
                differences.append(f"{context}: body differs")
            for name in ("Content-Type", "Cache-Control", "Content-Encoding", *HEADERS):
                if theirs[1].get(name) != ours[1].get(name):
                    differences.append(f"{context}: {name} {theirs[1].get(name)!r} != {ours[1].get(name)!r}")
            # nginx serves no fragments: its Vary names all the app's does but HX-Request.
            if not vary(ours[1]) - {"HX-Request"} <= vary(theirs[1]):
                differences.append(f"{context}: Vary {theirs[1].get('Vary')!r} lacks some of {ours[1].get('Vary')!r}")
            if theirs[0] == 200 and not theirs[1]["ETag"]:
                differences.append(f"{context}: no ETag")
    assert differences == []


def test_static_files_have_the_security_headers_on_both(servers, paths):
    stylesheet = next(path for path in paths if path.startswith("/static/"))
    for base in servers[:2]:
        headers = fetch(base, stylesheet)[1]
        assert all(headers[name] == value for name, value in HEADERS.items()), base


def test_head_is_answered_without_a_body(servers):
    status, headers, body = fetch(servers[0], "/en/treatment", "HEAD", **{"Accept-Encoding": "br"})
    assert (status, body) == (200, b"")
    assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["ETag"]


def test_the_rule_files_are_not_served(servers):
    for path in ("/_headers", "/_redirects"):
        assert fetch(servers[0], path)[0] == 404


def test_a_language_without_its_slash_is_redirected(servers):
    nginx_base, app_base, _, _ = servers
    for base in (nginx_base, app_base):
        status, headers, _ = fetch(base, "/es")
        assert (status, urlsplit(headers["Location"]).path) == (308, "/es/")


@pytest.mark.parametrize(("header", "expected"), nginx.NEGOTIATION_CASES)
def test_root_negotiates_as_the_app(servers, header, expected):
    nginx_base, app_base, _, _ = servers
    for base in (nginx_base, app_base):
        status, headers, _ = fetch(base, "/", **{"Accept-Language": header})
        assert (status, headers["Location"]) == (302, f"/{expected}/"), base
        assert headers["Vary"] == "Accept-Language, Cookie" and headers["Cache-Control"] == "private"
        assert headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


@pytest.mark.parametrize(("header", "cookie", "expected"), nginx.COOKIE_CASES)
def test_a_saved_choice_wins_on_both(servers, header, cookie, expected):
    for base in servers[:2]:
        status, headers, _ = fetch(base, "/", **{"Accept-Language": header, "Cookie": cookie})
        assert (status, headers["Location"]) == (302, f"/{expected}/"), base


def test_plain_http_goes_to_https(servers):
    web = servers[3]
    status, headers, _ = fetch(web.redirect_base, "/en/treatment?x=1", Host="mbc.example.org")
    assert (status, headers["Location"]) == (301, "https://mbc.example.org/en/treatment?x=1")


def netlify_headers(text: str, path: str) -> dict[str, str]:
    """The headers a ``_headers`` file gives ``path``: every matching rule, the last winning."""
    headers: dict[str, str] = {}
    pattern = None
    for line in text.splitlines():
        if line and not line[0].isspace():
            pattern = line.strip()
        elif line.strip() and fnmatchcase(path, pattern):
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


def test_the_headers_file_gives_the_apps_headers(servers, paths):
    _, app_base, export, _ = servers
    rules = (export / "_headers").read_text()
    for path in [p for p in paths if "no-such" not in p and not p.endswith("treatment/")]:
        given = netlify_headers(rules, path)
        _, headers, _ = fetch(app_base, path)
        for name in ("Cache-Control", *HEADERS):
            assert given.get(name) == headers[name], f"{path}: {name}"


def test_the_nginx_configuration_knows_every_language():
    """deploy/nginx.conf names the languages in its own regular expressions: the same set."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    (cookie,) = re.findall(r"~\^\(([a-zA-Z|-]+)\)\$\s+\$1;", conf)
    assert set(cookie.split("|")) == set(LANGUAGES)
    assert f"location ~ ^/({cookie})$" in conf and f"~^/(?<code>{cookie})/" in conf
    primaries = {code.split("-")[0] for code in LANGUAGES} - {"zh"}
    for alternatives in re.findall(r"\(\?:((?:[a-z]+\|)+[a-z]+)\)\(\?:-\[a-z0-9\]\+\)\*", conf):
        assert primaries <= set(alternatives.split("|")), alternatives
