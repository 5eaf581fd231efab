"""Headers, odd input, privacy: nothing leaks, nothing injects, nothing crashes."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Bounded: thousands of examples in all, a few seconds each test.
FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

SAMPLE_PATHS = [
    "/",
    "/en/",
    "/ar/outlook",
    "/es/checklists/questions",
    "/sw.js",
    "/sitemap.xml",
    "/nope",
    "/en/no-such-page",
    "/static/css/app.css",
    "/fr/offline.json",
    "/vi/symptoms/handout",
    "/.well-known/security.txt",
    "/languages",
]


def stays_on_site(location: str) -> bool:
    """A redirect goes to a path of this site (werkzeug writes some with the request's own host)."""
    for own in ("http://localhost/", "https://mbc.example.org/"):
        if location.startswith(own):
            location = "/" + location[len(own) :]
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("path", SAMPLE_PATHS)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "form-action 'self'",
        "script-src 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert "Access-Control-Allow-Origin" not in headers
    # The one cookie, the language chosen, is set by the page's script (tests/browser/test_languages.py).
    assert "Set-Cookie" not in headers


def test_security_txt_says_how_to_report(client):
    body = client.get("/.well-known/security.txt").get_data(as_text=True)
    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    assert fields["Contact"] == "mailto:security@mbc.example.org"
    assert fields["Canonical"] == "https://mbc.example.org/.well-known/security.txt"
    assert fields["Expires"].endswith("Z")
    assert client.get("/security-policy.txt").get_data(as_text=True).startswith("# Security and privacy")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_nothing_changes_state_on_the_server(client, method):
    for path in ("/", "/en/", "/en/outlook", "/en/checklists/questions", "/languages"):
        assert client.open(path, method=method).status_code == 405


# --- fuzzing: odd input gets a clear answer, never a server error ----------------------

path_segment = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@FUZZ
@given(
    segments=st.lists(
        path_segment
        | st.sampled_from(
            ["en", "ar", "zh-Hans", "..", ".", "%2e%2e", "checklists", "outlook", "qr.svg", "handout", "%00", "static"]
        ),
        min_size=1,
        max_size=5,
    )
)
def test_fuzzed_paths_never_cause_a_server_error(client, segments):
    path = "/" + "/".join(segments)
    # As a server receives it: the raw path in PATH_INFO (the test client would read
    # "//host" as a host name), in WSGI's latin-1 form of the UTF-8 bytes.
    with client.get("/", environ_overrides={"PATH_INFO": path.encode().decode("latin-1")}) as response:
        assert response.status_code < 500, path
    if response.status_code in (301, 302, 303, 307, 308):
        assert stays_on_site(response.headers["Location"]), response.headers["Location"]


@FUZZ
@given(
    query=st.dictionaries(st.text(max_size=10), st.text(max_size=40), max_size=4), path=st.sampled_from(SAMPLE_PATHS)
)
def test_fuzzed_query_strings_never_cause_a_server_error(client, query, path):
    with client.get(path, query_string=query) as response:
        assert response.status_code < 500
    assert stays_on_site(response.headers.get("Location", "/")), response.headers.get("Location")


language_tag = st.from_regex(r"[a-zA-Z*]{0,8}(-[a-zA-Z0-9]{1,8}){0,3}", fullmatch=True)
accept_language = st.one_of(
    st.lists(
        st.tuples(
            language_tag,
            st.floats(allow_nan=True, allow_infinity=True) | st.text(alphabet=string.printable.strip(), max_size=4),
        ),
        max_size=6,
    ).map(lambda items: ", ".join(f"{tag};q={q}" for tag, q in items)),
    # Any character a client can put in a header line (no CR, LF or other line breaks).
    st.text(
        alphabet=string.printable.replace("\r", "").replace("\n", "").replace("\x0b", "").replace("\x0c", ""),
        max_size=80,
    ),
)


@FUZZ
@given(
    value=accept_language,
    cookie=st.text(alphabet=string.ascii_letters + "-=;", max_size=20),
    hx=st.sampled_from(["true", "false", "", "TRUE", "\x7f"]),
)
def test_fuzzed_headers_never_cause_a_server_error(client, value, cookie, hx):
    headers = {"Accept-Language": value, "HX-Request": hx, "HX-Boosted": hx, "Cookie": f"lang={cookie}"}
    for path in ("/", "/en/outlook", "/xx/nothing"):
        response = client.get(path, headers=headers)
        assert response.status_code < 500
    assert stays_on_site(client.get("/", headers=headers).headers["Location"])


@FUZZ
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json", "text/plain"]
    ),
)
def test_fuzzed_form_bodies_never_cause_a_server_error(client, body, content_type):
    for method in ("POST", "GET"):
        response = client.open("/", method=method, data=body, content_type=content_type)
        assert response.status_code < 500
