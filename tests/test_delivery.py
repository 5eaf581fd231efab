"""Bytes, caching and compression: deterministic, so asserted (timings are in make bench)."""

from __future__ import annotations

import gzip
import re
import subprocess

import brotli
import pytest
from flask import template_rendered

from tests.guide_pages import page_paths
from webapp.site import COMPRESS_FROM

KB = 1024
#: SPEC.md: HTML + CSS of a page, compressed as sent, fit in one TCP initial window.
RENDER_BLOCKING_BUDGET = 14 * KB
#: …and everything a cold load fetches, scripts included.
COLD_LOAD_BUDGET = 40 * KB


def sent(client, url, encoding="gzip") -> bytes:
    with client.get(url, headers={"Accept-Encoding": encoding}) as response:
        assert response.status_code == 200, url
        body = response.get_data()
        # (A file too small to gain from compression is sent as it is: css/no-script.css.)
        assert response.headers.get("Content-Encoding") == (encoding if len(body) > COMPRESS_FROM else None), url
        return body


def subresources(html: str) -> list[str]:
    """What a browser fetches for the page: stylesheet, scripts, icon, manifest.

    (apple-touch-icon is fetched by iOS only when the page is added to the home screen.)
    """
    tags = re.findall(r"<(?:link|script)[^>]+>", html)
    found = [
        m.group(1)
        for tag in tags
        if 'rel="apple-touch-icon"' not in tag
        and (m := re.search(r'(?:href|src)="(/static/[^"]+|/[^"]+\.webmanifest)"', tag))
    ]
    # Scripts that parts of a page need are in its head too (test below); offline.js
    # loads them itself only after a boosted swap.
    return list(dict.fromkeys(found + needed_scripts(html)))


def needed_scripts(html: str) -> list[str]:
    """The scripts parts of a page say they need (data-needs-script, space-separated)."""
    return [url for urls in re.findall(r'data-needs-script="([^"]+)"', html) for url in urls.split()]


@pytest.mark.parametrize("path", page_paths())
def test_the_scripts_a_page_needs_are_fetched_with_its_head(client, path):
    """Not one round trip later, once offline.js has run: on slow 3G that is 400 ms."""
    html = client.get(path).get_data(as_text=True)
    head = html[: html.index("</head>")]
    deferred = re.findall(r'<script src="([^"]+)" defer></script>', head)
    needed = set(needed_scripts(html))
    assert needed <= set(deferred)
    assert len(deferred) == len(set(deferred))


@pytest.mark.parametrize("path", page_paths())
@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_every_page_fits_the_byte_budgets(client, path, encoding):
    html_bytes = sent(client, path, encoding)
    html = (gzip.decompress(html_bytes) if encoding == "gzip" else brotli.decompress(html_bytes)).decode()
    assets = subresources(html)
    # A print stylesheet (media="print") is fetched, but does not hold up the screen.
    printed = set(re.findall(r'<link rel="stylesheet" href="([^"]+)" media="print">', html))
    stylesheets = [a for a in assets if a.split("?")[0].endswith(".css") and a not in printed]
    blocking = len(html_bytes) + sum(len(sent(client, css, encoding)) for css in stylesheets)
    assert blocking <= RENDER_BLOCKING_BUDGET, f"{path}: {blocking} bytes block rendering"
    cold = len(html_bytes)
    for asset in assets:
        with client.get(asset, headers={"Accept-Encoding": encoding}) as response:
            cold += len(response.get_data())
    assert cold <= COLD_LOAD_BUDGET, f"{path}: a cold load is {cold} bytes"


def test_no_web_fonts(client):
    css = client.get("/static/css/app.css").get_data(as_text=True)
    assert "@font-face" not in css and not re.search(r"\.(woff2?|ttf|otf)\b", css)


def test_pages_are_compressed_brotli_first_then_gzip_else_plain(client):
    assert client.get("/en/outlook", headers={"Accept-Encoding": "gzip, br"}).headers["Content-Encoding"] == "br"
    assert client.get("/en/outlook", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
    plain = client.get("/en/outlook", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True).startswith("<!doctype html>")
    assert "Accept-Encoding" in plain.headers["Vary"] and "HX-Request" in plain.headers["Vary"]
    not_found = client.get("/en/no-such-page", headers={"Accept-Encoding": "gzip"})
    assert not_found.status_code == 404 and not_found.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("path", ["/en/outlook", "/ar/checklists/questions", "/es/", "/sw.js", "/fr/outlook/qr.svg"])
def test_conditional_requests_answer_304(client, path):
    first = client.get(path, headers={"Accept-Encoding": "br"})
    etag = first.headers["ETag"]
    again = client.get(path, headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    # The same page in another encoding is another representation, with its own ETag…
    other = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert other.headers["ETag"] != etag
    # …but a validator for any representation proves the reader has this version.
    assert client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag}).status_code == 304


def test_pages_may_be_kept_briefly_by_a_cdn_and_browsers_revalidate(client):
    cache_control = client.get("/en/outlook").headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control
    assert "max-age=0" in cache_control and "must-revalidate" in cache_control


def test_hashed_static_files_are_immutable_and_precompressed(client, app, monkeypatch):
    html = client.get("/en/outlook").get_data(as_text=True)
    for asset in subresources(html):
        if not asset.startswith("/static/"):
            continue
        assert re.search(r"\.[0-9a-f]{12}\.[a-z]+$", asset), asset  # the content's hash in the name
        with client.get(asset, headers={"Accept-Encoding": "br"}) as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            if not asset.endswith(".png"):
                assert response.headers["Content-Encoding"] == "br"
                assert "Accept-Encoding" in response.headers["Vary"]  # no shared cache mixes them up
    # Compressed once at the best quality, then kept: serving does not compress again.
    css = app.extensions["static_assets"].files["css/app.css"]
    assert css.compressed["br"] == brotli.compress(css.body, quality=11)
    compress, calls = brotli.compress, []
    monkeypatch.setattr(brotli, "compress", lambda *args, **kwargs: calls.append(args) or compress(*args, **kwargs))
    stylesheet = next(asset for asset in subresources(html) if asset.endswith(".css"))
    with client.get(stylesheet, headers={"Accept-Encoding": "br"}) as response:
        assert response.get_data() == css.compressed["br"]
    assert calls == []


def test_a_static_file_under_an_old_or_bare_name_is_todays_file_never_immutable(client, app):
    """A page a CDN still holds from the last deployment names the last hashes."""
    css = app.extensions["static_assets"].files["css/app.css"].body
    for name in ("/static/css/app.css", "/static/css/app.000000000000.css"):
        with client.get(name) as response:
            assert response.status_code == 200 and response.get_data() == css
            assert response.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/nothing.000000000000.css").status_code == 404


def test_a_page_is_rendered_once_then_served_from_memory(app, client):
    client.get("/vi/glossary")
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    template_rendered.connect(record, app)
    try:
        for _ in range(3):
            assert client.get("/vi/glossary").status_code == 200
        assert rendered == []
        # The control: what is not kept is rendered, and seen rendered here.
        assert client.post("/vi/glossary").status_code == 405
    finally:
        template_rendered.disconnect(record, app)
    assert rendered == ["errors/error.html"]


def test_our_scripts_and_stylesheets_are_sent_without_their_comments(app, tmp_path):
    """The comments document the source; a phone on slow 3G should not pay for them.
    What is sent still parses (node --check) and is what the browser tests run."""
    files = app.extensions["static_assets"].files
    ours = [name for name in files if name.endswith((".js", ".css")) and not name.startswith("vendor/")]
    assert "js/store.js" in ours and "css/app.css" in ours
    for name in ours:
        body = files[name].body
        assert b"/*" not in body, name
        if name.endswith(".js"):
            script = tmp_path / "script.js"
            script.write_bytes(body)
            subprocess.run(["node", "--check", str(script)], check=True)
