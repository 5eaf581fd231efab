"""The guide through Flask's test client: every page, every language, the 404s."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.guide_pages import LIBRARY, page_paths
from webapp import create_app
from webapp.i18n import LANGUAGES


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self._open):
            self.text.setdefault(tag, []).append(data)

    def all(self, tag: str) -> list[dict]:
        return [attrs for t, attrs in self.tags if t == tag]

    def text_of(self, tag: str) -> str:
        return " ".join("".join(self.text.get(tag, [])).split())


def get_page(client, path: str) -> Page:
    response = client.get(path)
    assert response.status_code == 200, path
    return Page(response.get_data(as_text=True))


@pytest.mark.parametrize("path", page_paths())
def test_every_page_has_one_title_and_one_h1(client, path):
    page = get_page(client, path)
    assert len(page.all("h1")) == 1
    heading = page.text_of("h1")
    assert heading and page.text_of("title").startswith(heading + " · ")  # then the site's name
    html = page.all("html")[0]
    lang = path.split("/")[1]
    assert html["lang"] == lang
    assert html["dir"] == LANGUAGES[lang].dir


@pytest.mark.parametrize("item", LIBRARY.all(), ids=lambda p: f"{p.kind}:{p.slug}")
def test_every_content_page_shows_its_sources_and_date(client, item):
    prefix = "/en/checklists/" if item.kind == "checklist" else "/en/"
    response = client.get(prefix + item.slug)
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    assert page.text_of("h1") == item.title
    body = page.text_of("body")
    for source in item.sources:
        assert " ".join(source.name.split()) in body
    assert {"datetime": item.updated.isoformat()} in page.all("time")


def test_home_lists_every_topic_checklist_and_page(client):
    page = get_page(client, "/en/")
    links = {a.get("href") for a in page.all("a")}
    for article in LIBRARY.articles:
        assert f"/en/{article.slug}" in links
    for checklist in LIBRARY.checklists:
        assert f"/en/checklists/{checklist.slug}" in links
    body = page.text_of("body")
    for item in LIBRARY.all():
        assert item.summary in body


def test_topics_link_to_previous_and_next_in_order(client):
    topics = LIBRARY.topics
    for i, topic in enumerate(topics):
        page = get_page(client, f"/en/{topic.slug}")
        rel = {a["rel"]: a["href"] for a in page.all("a") if a.get("rel") in ("prev", "next")}
        assert rel.get("prev") == (f"/en/{topics[i - 1].slug}" if i else None)
        assert rel.get("next") == (f"/en/{topics[i + 1].slug}" if i + 1 < len(topics) else None)


@pytest.mark.parametrize("article", LIBRARY.articles, ids=lambda a: a.slug)
def test_headings_have_anchors_and_every_link_leads_somewhere(client, article):
    path = f"/en/{article.slug}"
    page = get_page(client, path)
    ids = {attrs["id"] for attrs in page.all("h2") + page.all("h3") if "id" in attrs}
    assert len(ids) == len(page.all("h2") + page.all("h3")), "every heading has an anchor"
    for link in page.all("a"):
        href = link["href"]
        target = urljoin(path, href)
        parts = urlsplit(target)
        if parts.netloc == "mbc.example.org":  # our own public address (PUBLIC_BASE_URL)
            parts = urlsplit(parts.path + ("#" + parts.fragment if parts.fragment else ""))
        if parts.scheme in ("http", "https"):
            assert parts.scheme == "https", f"{href}: link to the web over https"
            continue
        if parts.path == path and parts.fragment:
            assert parts.fragment in ids or parts.fragment == "main", f"{href}: no such anchor"
            continue
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""), follow_redirects=True)
        assert response.status_code == 200, f"{href} on {path} leads to {response.status_code}"
        if parts.fragment:  # a section of another page: glossary#her2
            assert f'id="{parts.fragment}"' in response.get_data(as_text=True), f"{href} on {path}: no such anchor"


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/en/no-such-page", "en"),
        ("/ar/no-such-page", "ar"),
        ("/en/checklists/no-such-list", "en"),
        ("/xx/", "en"),
        ("/xx/outlook", "en"),
        ("/EN/outlook", "en"),
        ("/en/outlook/more", "en"),
        ("/en/../etc/passwd", "en"),
        ("/en/%00", "en"),
        ("/static/../pyproject.toml", "en"),
    ],
)
def test_unknown_pages_and_languages_get_a_localized_404(app, client, path, lang):
    response = client.get(path)
    assert response.status_code == 404
    page = Page(response.get_data(as_text=True))
    html = page.all("html")[0]
    assert (html["lang"], html["dir"]) == (lang, LANGUAGES[lang].dir)
    heading = "Page not found"
    if lang != "en":
        heading = app.extensions["guide"].catalogs.lookup(lang, "messages", "error page", heading)
    assert page.text_of("h1") == heading
    assert {"href": f"/{lang}/", "class": "button"} in page.all("a")


def test_htmx_request_gets_the_partial_the_page_includes(client, hx):
    full = client.get("/en/outlook")
    partial = hx.get("/en/outlook")
    assert "<html" in full.get_data(as_text=True)
    fragment = partial.get_data(as_text=True)
    assert "<html" not in fragment and "<h1>" in fragment
    assert fragment.strip() in full.get_data(as_text=True)
    for response in (full, partial):
        assert "HX-Request" in response.headers["Vary"]


def test_checklist_pages_are_kept_out_of_htmx_history(client):
    for checklist in LIBRARY.checklists:
        page = get_page(client, f"/en/checklists/{checklist.slug}")
        assert {"id": "main", "tabindex": "-1", "data-hx-history": "false"} in page.all("main")
        items = [li["data-item"] for li in page.all("li") if "data-item" in li]
        assert items == [item.id for item in checklist.items]


@pytest.mark.parametrize("path", page_paths())
def test_no_inline_script_or_style_anywhere(client, path):
    page = get_page(client, path)
    assert all("src" in attrs for attrs in page.all("script")), "inline <script>"
    assert not page.all("style"), "inline <style>"
    assert not [t for t, attrs in page.tags if "style" in attrs or any(a.startswith("on") for a in attrs)]
    assert not [t for t, attrs in page.tags if any(a.startswith(("hx-on", "data-hx-on")) for a in attrs)]


def test_a_renamed_page_redirects_permanently_from_its_old_slug(content_copy):
    old = content_copy / "topics" / "outlook.md"
    old.write_text(old.read_text().replace("redirect_from: []", "redirect_from: [prognosis]"))
    old.rename(content_copy / "topics" / "outlook-and-survival.md")
    checklist = content_copy / "checklists" / "questions.yaml"
    checklist.write_text(checklist.read_text() + "redirect_from: [appointment-questions]\n")
    client = create_app({"TESTING": True, "CONTENT_DIR": content_copy}).test_client()
    assert client.get("/en/outlook-and-survival").status_code == 200
    response = client.get("/en/prognosis")
    assert response.status_code == 301
    assert response.headers["Location"] == "/en/outlook-and-survival"
    response = client.get("/en/checklists/appointment-questions")
    assert (response.status_code, response.headers["Location"]) == (301, "/en/checklists/questions")


def test_markup_in_content_is_shown_as_text(content_copy):
    topic = content_copy / "topics" / "coping.md"
    topic.write_text(
        topic.read_text() + '\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) <b onclick="x()">b</b>\n'
    )
    client = create_app({"TESTING": True, "CONTENT_DIR": content_copy}).test_client()
    html = client.get("/en/coping").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in re.sub(r"&[a-z]+;", "", "".join(re.findall(r'href="([^"]*)"', html)))
    assert "<b onclick" not in html


def test_no_checklist_form_is_ever_boosted_into_a_request(client):
    """htmx boosts forms on the page; a patient's own item must never become a GET."""
    for path in ("/en/checklists/questions", "/ar/checklists/coping"):
        page = Page(client.get(path).get_data(as_text=True))
        forms = page.all("form")
        assert forms and all(form.get("data-hx-boost") == "false" for form in forms)


def test_an_error_other_than_404_answers_in_the_urls_language(client):
    """A POST to a page fails before the language is read from the URL: still that language."""
    response = client.post("/ar/checklists/questions")
    assert response.status_code == 405
    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html and "Something went wrong" not in html
