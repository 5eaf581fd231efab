"""The site as one value: what it holds, for which address, and that no request grows it."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import PUBLIC_BASE_URL
from tests.guide_pages import LIBRARY, page_paths
from webapp import create_app
from webapp.i18n import LANGUAGES
from webapp.pages import FRAGMENT, FRAGMENT_RULE, PAGE, rendering
from webapp.site.front import HOSTS_KEPT

#: Routes answered by Flask on each request, on purpose: they depend on the reader.
NOT_PUBLISHED = {"static", "i18n.root", "checklists.index"}


def test_every_route_is_in_the_site_or_known_to_depend_on_the_request(app):
    published = {route.endpoint for route in app.extensions["sites"].public.routes.values()}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert endpoints - published == NOT_PUBLISHED


def test_the_site_holds_every_page_file_and_asset_of_every_language(app):
    site = app.extensions["sites"].public
    expected = set(page_paths()) | {"/sw.js", "/sitemap.xml", "/robots.txt", "/favicon.ico", "/languages"}
    expected |= {"/.well-known/security.txt", "/security-policy.txt"}
    for lang in LANGUAGES:
        expected |= {f"/{lang}/offline", f"/{lang}/offline.json", f"/{lang}/manifest.webmanifest", f"/{lang}/404.html"}
        expected |= {f"/{lang}/{a.slug}/handout" for a in LIBRARY.articles}
        expected |= {f"/{lang}/{a.slug}/qr.svg" for a in LIBRARY.articles}
        expected |= {f"/{lang}/checklists/{c.slug}/qr.svg" for c in LIBRARY.checklists}
    paths = set(site.paths)
    assert expected <= paths
    assert {p for p in paths - expected if not p.startswith("/static/")} == {
        f"/{lang}/checklists/{c.slug}/handout" for lang in LANGUAGES for c in LIBRARY.checklists
    }


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, PAGE),
        ({"HX-Request": "true"}, FRAGMENT),
        ({"HX-Request": "TRUE"}, FRAGMENT),
        ({"HX-Request": "true", "HX-Boosted": "true"}, PAGE),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, PAGE),
        ({"HX-Request": "false"}, PAGE),
        ({"HX-Boosted": "true"}, PAGE),
    ],
)
def test_one_rule_decides_fragment_or_page(client, headers, expected):
    assert rendering(headers) == expected
    response = client.get("/en/outlook", headers=headers)
    assert response.get_data(as_text=True).startswith("<!doctype html>") == (expected == PAGE)
    assert "HX-Request" in response.headers["Vary"]


def test_the_service_worker_is_given_the_rule_as_data(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    given = re.search(r"const FRAGMENT_RULE = (.*);", worker).group(1)
    assert json.loads(given) == FRAGMENT_RULE


def test_a_query_string_gets_the_same_page(client):
    """Links shared on social networks come back with ?fbclid=… and the like."""
    plain = client.get("/en/outlook", headers={"Accept-Encoding": "br"})
    tagged = client.get("/en/outlook?fbclid=abc&utm_source=x", headers={"Accept-Encoding": "br"})
    assert tagged.status_code == 200 and tagged.get_data() == plain.get_data()
    assert tagged.headers["ETag"] == plain.headers["ETag"]


VARIED = [
    {"Host": f"h{i}.example", "Accept-Language": lang, "Accept-Encoding": encoding, **hx}
    for i, (lang, encoding, hx) in enumerate(
        (lang, encoding, hx)
        for lang in ("zh-TW,zh;q=0.9", "ar", "es-MX", "x" * 300, ";;;q=abc")
        for encoding in ("br", "gzip", "identity", "", "br;q=0, *")
        for hx in ({}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Boosted": "true"}, {"HX-Boosted": "zz"})
    )
]


def test_with_a_public_address_no_request_makes_the_site_grow(app, client):
    sites = app.extensions["sites"]
    sites.public.complete()
    size = sites.size()
    for headers in VARIED:
        for path in ("/en/outlook", "/ar/checklists/questions", "/es/", "/en/offline.json", "/en/nothing"):
            assert client.get(path, headers=headers).status_code in (200, 404)
    assert sites.size() == size and sites.kept() == [sites.public]


def test_without_one_a_page_follows_the_host_but_only_a_few_are_kept():
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": None})
    client = app.test_client()
    sites = app.extensions["sites"]
    for host in ("192.168.1.5:8000", "laptop.local:8000"):
        html = client.get("/en/outlook", headers={"Host": host}).get_data(as_text=True)
        assert f'<link rel="canonical" href="http://{host}/en/outlook">' in html
    for headers in VARIED:
        client.get("/en/outlook", headers=headers)
    assert len(sites.kept()) == HOSTS_KEPT
    # Each kept address holds at most its own pages: two renderings of each path.
    assert sites.size() <= HOSTS_KEPT * 2 * len(sites.kept()[0].paths)


@pytest.mark.parametrize("host", ["evil.example/../x", "a" * 300, "bad host", "x:y:z", ""])
def test_without_one_a_host_that_is_not_an_address_is_refused(host):
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": None})
    response = app.test_client().get("/en/outlook", headers={"Host": host})
    assert response.status_code == 400


def test_behind_a_trusted_proxy_plain_http_is_sent_to_https():
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "PROXY_HOPS": 1})
    client = app.test_client()
    response = client.get("/en/outlook?x=1", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301 and response.headers["Location"] == PUBLIC_BASE_URL + "/en/outlook?x=1"
    assert client.get("/en/outlook", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    # The proxy's word on the client's address is taken, one hop deep.
    assert client.get("/en/nothing", headers={"X-Forwarded-Proto": "https"}).status_code == 404


def test_with_no_proxy_to_trust_nothing_is_redirected(client):
    """X-Forwarded-Proto from anyone could loop every request: with 0 hops it is ignored."""
    assert client.get("/en/outlook", headers={"X-Forwarded-Proto": "http"}).status_code == 200


def test_the_language_list_is_what_slash_shows_on_a_static_host(client):
    html = client.get("/languages").get_data(as_text=True)
    for code, language in LANGUAGES.items():
        assert f'href="/{code}/" lang="{code}"' in html and language.name in html
    assert "js/languages." in html
