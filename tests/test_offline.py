"""The parts of offline use the server answers for: worker, manifests, lists."""

from __future__ import annotations

import json
import re
import struct

import pytest

from tests.guide_pages import KEEPING, LIBRARY
from webapp import create_app
from webapp.guide.content import ContentError
from webapp.i18n import LANGUAGES


def test_the_service_worker_is_served_from_the_root_and_never_cached(app, client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert f'const BUILD = "{app.config["BUILD_ID"]}"' in body
    assert re.search(r'"/static/css/app\.[0-9a-f]{12}\.css"', body)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_manifest(client, lang):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert manifest["start_url"] == f"/{lang}/" and manifest["lang"] == lang
    assert manifest["dir"] == LANGUAGES[lang].dir
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        with client.get(icon["src"]) as image:
            data = image.get_data()
        assert image.mimetype == "image/png"
        width, height = struct.unpack(">II", data[16:24])
        assert f"{width}x{height}" == icon["sizes"]
    html = client.get(f"/{lang}/").get_data(as_text=True)
    assert f'<link rel="manifest" href="/{lang}/manifest.webmanifest">' in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_offline_list_names_every_page_of_the_language_and_its_size(client, lang):
    data = json.loads(client.get(f"/{lang}/offline.json").get_data(as_text=True))
    expected = {f"/{lang}/{a.slug}" for a in LIBRARY.articles} | {
        f"/{lang}/checklists/{c.slug}" for c in LIBRARY.checklists
    }
    expected |= {f"/{lang}/{name}" for name in KEEPING}
    assert expected | {f"/{lang}/", f"/{lang}/offline", f"/{lang}/search"} == set(data["pages"])
    # …and the files those pages need offline: the search index and the glossary's words.
    assert [url.split("/")[2] for url in data["files"]] == ["search", "glossary"]
    assert data["bytes"] > 50_000
    kilobytes = -(-data["bytes"] // 1000)
    assert data["size"] == {"en": f"{kilobytes} kB", "ar": f"{kilobytes} كيلوبايت"}[lang]
    for url in data["pages"]:
        assert client.get(url).status_code == 200


def test_the_offline_page_lists_pages_for_the_script_to_show(client):
    html = client.get("/es/offline").get_data(as_text=True)
    assert html.count("data-saved-page=") == len(LIBRARY.all())


def test_the_build_id_changes_with_the_content_and_only_then(content_copy):
    config = {"TESTING": True, "CONTENT_DIR": content_copy}
    first = create_app(config).config["BUILD_ID"]
    assert create_app(config).config["BUILD_ID"] == first
    topic = content_copy / "topics" / "coping.md"
    topic.write_text(topic.read_text() + "\nOne more line.\n")
    assert create_app(config).config["BUILD_ID"] != first


def test_a_page_cannot_take_an_address_the_app_uses(content_copy):
    (content_copy / "topics" / "coping.md").rename(content_copy / "topics" / "offline.md")
    with pytest.raises(ContentError, match="offline.md:1: the file name is the page's address"):
        create_app({"TESTING": True, "CONTENT_DIR": content_copy})
