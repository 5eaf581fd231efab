"""Links, previews, QR codes, handouts, sitemap: what volunteers pass on."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from tests.conftest import PUBLIC_BASE_URL
from tests.guide_pages import LIBRARY, page_of, page_paths
from tests.test_guide import Page
from webapp.i18n import LANGUAGES


def meta(page: Page) -> dict[str, str]:
    found = {}
    for attrs in page.all("meta"):
        key = attrs.get("property") or attrs.get("name")
        if key and key not in found:
            found[key] = attrs.get("content", "")
    return found


@pytest.mark.parametrize("path", page_paths())
def test_every_page_has_complete_localized_preview_tags(client, path):
    page = Page(client.get(path).get_data(as_text=True))
    tags = meta(page)
    for key in ("og:title", "og:description", "og:url", "og:image", "og:locale", "og:site_name", "twitter:card"):
        assert tags.get(key), key
    assert tags["og:url"] == PUBLIC_BASE_URL + path
    assert tags["og:image"].startswith(PUBLIC_BASE_URL + "/static/")
    canonical = [a["href"] for a in page.all("link") if a.get("rel") == "canonical"]
    assert canonical == [PUBLIC_BASE_URL + path]
    alternates = {a["hreflang"]: a["href"] for a in page.all("link") if a.get("rel") == "alternate"}
    assert set(alternates) == set(LANGUAGES) | {"x-default"}
    assert all(url.startswith(PUBLIC_BASE_URL + "/") for url in alternates.values())
    if path.count("/") > 2:  # a page of content: the preview is its own, in its language
        assert tags["og:title"] == page.text_of("h1")
        assert tags["og:description"] in page.text_of("body")


def test_the_preview_image_is_there_and_the_right_size(client):
    with client.get("/static/icons/share-card.png") as response:
        data = response.get_data()
    assert response.mimetype == "image/png" and data[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")


@pytest.mark.parametrize("path", ["/es/outlook", "/ar/checklists/questions"])
def test_every_page_shows_its_short_link_and_offers_handout_qr_and_languages(client, path):
    page = Page(client.get(path).get_data(as_text=True))
    links = {a.get("href") for a in page.all("a")}
    assert PUBLIC_BASE_URL + path in links
    assert path + "/handout" in links and path + "/qr.svg" in links
    lang = path.split("/")[1]
    # The same page in every other language (shared at the public address by share.js).
    in_other_languages = {a.get("href") for a in page.all("a") if "data-share-language" in a}
    assert in_other_languages == {"/" + code + path[len(lang) + 1 :] for code in LANGUAGES if code != lang}


def test_the_qr_code_is_an_svg_of_the_public_address(client):
    response = client.get("/fr/checklists/questions/qr.svg")
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg") and "viewBox" in svg and "<script" not in svg
    assert client.get("/fr/no-such-page/qr.svg").status_code == 404
    assert client.get("/xx/outlook/qr.svg").status_code == 404


@pytest.mark.parametrize("path", ["/en/outlook/handout", "/ar/checklists/questions/handout"])
def test_a_handout_has_title_key_points_qr_code_and_short_link(client, path):
    html = client.get(path).get_data(as_text=True)
    page = Page(html)
    assert len(page.all("h1")) == 1 and page.all("svg")
    short = path.removesuffix("/handout")
    assert ("mbc.example.org" + short) in html
    kind = "checklist" if "checklists" in path else "article"
    item = page_of("checklist", "questions") if kind == "checklist" else page_of("article", "outlook")
    points = html.split('id="handout-points"', 1)[1].split("</section>", 1)[0]
    assert points.count("<li>") == (len(item.items) if kind == "checklist" else len(item.key_points))


def test_every_section_heading_links_to_itself(client):
    page = Page(client.get("/es/symptoms").get_data(as_text=True))
    anchors = {a["href"] for a in page.all("a") if a.get("class") == "heading-link"}
    ids = {h["id"] for h in page.all("h2") if "id" in h and not h["id"].startswith(("toc-", "share-", "facts-"))}
    assert {f"#{i}" for i in ids} <= anchors
    assert "#signs-that-need-help-now" in anchors  # the English anchor, in Spanish too


def test_the_sitemap_lists_every_page_in_every_language_with_alternates(client):
    root = ET.fromstring(client.get("/sitemap.xml").get_data())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = root.findall("s:url", ns)
    locs = {u.find("s:loc", ns).text for u in urls}
    assert locs == {PUBLIC_BASE_URL + p for p in page_paths()}
    for url in urls:
        assert len(url.findall("x:link", ns)) == len(LANGUAGES)


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert re.search(rf"^Sitemap: {re.escape(PUBLIC_BASE_URL)}/sitemap.xml$", body, re.MULTILINE)


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
@pytest.mark.parametrize("path", ["/outlook", "/checklists/questions"])
def test_a_shared_handout_shows_the_preview_of_its_page(client, lang, path):
    page = Page(client.get(f"/{lang}{path}").get_data(as_text=True))
    handout = Page(client.get(f"/{lang}{path}/handout").get_data(as_text=True))

    def preview(p):
        tags = {m.get("property") or m.get("name"): m.get("content") for m in p.all("meta")}
        keys = [k for k in tags if k and k.startswith(("og:", "twitter:"))]
        return {k: tags[k] for k in keys}, [link["href"] for link in p.all("link") if link.get("rel") == "canonical"]

    assert preview(handout) == preview(page)
    assert preview(page)[0]["og:url"] == PUBLIC_BASE_URL + f"/{lang}{path}"


@pytest.mark.parametrize("article", LIBRARY.articles, ids=lambda a: a.slug)
def test_an_article_handout_prints_its_key_points(client, article):
    handout = client.get(f"/en/{article.slug}/handout").get_data(as_text=True)
    points = handout.split('id="handout-points"', 1)[1].split("</section>", 1)[0]
    for point, _ in article.key_points:
        assert str(escape(point)) in points
