"""Offline use in Chromium: the service worker serves pages, saves a language, updates."""

from __future__ import annotations

import json
import re
import shutil
import urllib.request

import pytest

from tests.browser.conftest import PHONE, free_port, start_gunicorn, stop
from tests.guide_pages import CONTENT, LIBRARY
from webapp.i18n import LANGUAGES

TOPIC = LIBRARY.topics[1]


def controlled(page) -> None:
    """Wait until the service worker controls the page (installed, activated, claimed)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def page_loads(page, url) -> bool:
    try:
        page.goto(url)
    except Exception:  # net::ERR_INTERNET_DISCONNECTED
        return False
    return page.locator("h1").count() == 1


def test_visited_pages_open_offline_from_the_service_worker(context, page, server):
    page.goto(server + f"/en/{TOPIC.slug}")
    controlled(page)
    page.reload()  # now through the worker, which stores the page
    context.set_offline(True)
    assert page_loads(page, server + f"/en/{TOPIC.slug}")
    assert page.locator("h1").inner_text() == TOPIC.title
    assert page.locator("[data-offline-banner]").is_visible()
    # A page never visited nor saved: the offline page, listing what can be read.
    assert page_loads(page, server + "/en/glossary")
    assert page.locator("h1").inner_text() == "You are offline"
    page.wait_for_selector(f'[data-saved-page="/en/{TOPIC.slug}"]:not([hidden])')
    assert page.locator("[data-saved-pages]").is_visible()
    assert page.locator("[data-none-saved]").is_hidden()
    context.set_offline(False)


def test_without_the_service_worker_nothing_opens_offline(browser, server):
    """The negative control: it is the worker, not the browser's cache, that serves pages."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.goto(server + f"/en/{TOPIC.slug}")
    context.set_offline(True)
    assert not page_loads(page, server + f"/en/{TOPIC.slug}")
    context.close()


def test_a_saved_language_opens_entirely_offline(context, page, server):
    page.goto(server + "/es/")
    controlled(page)
    size = page.locator("[data-save-size]")
    page.wait_for_function("() => document.querySelector('[data-save-size]').textContent.includes('kB')")
    assert size.is_visible()
    page.locator("[data-save]").click()
    page.wait_for_selector("[data-unsave]:not([hidden])", timeout=60_000)
    with urllib.request.urlopen(server + "/es/offline.json") as response:
        pages = json.load(response)["pages"]
    context.set_offline(True)
    for url in pages:
        assert page_loads(page, server + url), url
        assert page.evaluate("() => document.documentElement.lang") == "es"
    # Checklists work offline too: the page's script came from the worker, and keeps a tick.
    page.goto(server + "/es/checklists/questions")
    page.wait_for_selector("article.checklist.is-interactive")
    item = page.locator("li[data-item]").first
    item.locator("input[type=checkbox]").check()
    kept = page.evaluate("() => localStorage.getItem('mbc-companion:record:checklist:questions')")
    assert json.loads(kept)["f"][f"item.{item.get_attribute('data-item')}.done"][0] is True
    context.set_offline(False)
    # And the saved copy can be removed again.
    page.goto(server + "/es/")
    page.locator("[data-unsave]").click()
    page.wait_for_function(
        """() => document.querySelector('[data-save-status]').textContent ===
                 document.querySelector('[data-save-offline]').dataset.tRemoved"""
    )
    context.set_offline(True)
    assert page.evaluate("async () => !(await caches.match('/es/glossary', {ignoreVary: true}))")
    context.set_offline(False)


def test_a_language_saved_by_an_earlier_version_is_still_known(page, server):
    """The record of saved languages is kept across builds, under this name."""
    page.goto(server + "/es/")
    page.evaluate(
        """async () => {
            const saved = new Response(JSON.stringify({es: "2025-01-01T00:00:00.000Z"}),
                                       {headers: {"Content-Type": "application/json"}});
            await (await caches.open("mbc-meta")).put("/__saved-languages", saved);
        }"""
    )
    page.reload()
    page.wait_for_selector("[data-unsave]:not([hidden])")
    status = page.locator("[data-save-status]").inner_text()
    assert status and status == page.locator("[data-save-offline]").get_attribute("data-t-saved")


def test_fragments_are_never_stored_as_pages(context, page, server):
    page.goto(server + f"/en/{TOPIC.slug}")
    controlled(page)
    page.evaluate(
        f"""async () => {{
            await fetch('/en/{TOPIC.slug}', {{headers: {{'HX-Request': 'true'}}}});
            await fetch('/en/outlook', {{headers: {{'HX-Request': 'true'}}}});
        }}"""
    )
    stored = page.evaluate(
        """async () => {
            const found = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const text = await (await cache.match(request, {ignoreVary: true})).text();
                    found.push([request.url, text.includes('<html')]);
                }
            }
            return found;
        }"""
    )
    pages = [(url, whole) for url, whole in stored if "/static/" not in url and "__saved" not in url]
    assert pages and all(whole for _, whole in pages), pages
    assert not any(url.endswith("/en/outlook") for url, _ in pages)
    context.set_offline(True)
    assert page_loads(page, server + f"/en/{TOPIC.slug}")
    context.set_offline(False)


def test_the_app_meets_chromiums_installability_criteria(page, server):
    page.goto(server + "/en/")
    controlled(page)
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito, where Chromium never installs apps.
    assert [e for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"].endswith("/en/manifest.webmanifest") and not manifest["errors"]


def test_with_save_data_nothing_large_is_fetched_unasked(browser, server):
    context = browser.new_context(viewport=PHONE, extra_http_headers={"Save-Data": "on"})
    page = context.new_page()
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    context.on("request", lambda request: urls.append(request.url))
    page.goto(server + "/en/")
    controlled(page)
    page.wait_for_timeout(500)
    pages = {u.split("?")[0] for u in urls if "/static/" not in u and not u.endswith(("sw.js", ".webmanifest"))}
    allowed = {server + "/en/", server + "/en/offline.json"} | {
        server + f"/{code}/offline"
        for code in LANGUAGES  # the worker keeps each language's offline page
    }
    assert pages <= allowed, pages - allowed
    context.close()


def expect_the_caches_of(page, build: str) -> None:
    caches = page.evaluate("async () => (await caches.keys()).sort()")
    assert caches == ["mbc-meta", f"mbc-pages-{build}", f"mbc-static-{build}"], caches


def expect_the_update(page, build: str, title: str) -> None:
    """After a deployment: one notice, one reload, and then the new build, whole."""
    page.reload()
    notice = page.locator("[data-update-banner]")
    notice.wait_for(state="visible", timeout=20_000)
    with page.expect_navigation():
        notice.get_by_role("button").click()
    page.wait_for_function("(title) => document.querySelector('h1').textContent === title", arg=title)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    expect_the_caches_of(page, build)
    css = page.evaluate("() => document.querySelector('link[rel=stylesheet]').href")
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css$", css)  # content-hashed


def retitle(content, title: str) -> None:
    topic = content / "topics" / f"{TOPIC.slug}.md"
    topic.write_text(topic.read_text().replace(f"title: {TOPIC.title}", f"title: {title}"))


def test_a_new_version_arrives_whole_after_one_notice_and_one_reload(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    process, base = start_gunicorn(env={"MBC_BUILD_ID": "version-one", "MBC_CONTENT_DIR": str(content)}, port=port)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(base + f"/en/{TOPIC.slug}")
        controlled(page)
        expect_the_caches_of(page, "version-one")
    finally:
        stop(process)

    retitle(content, "A new title for version two")
    process, base = start_gunicorn(env={"MBC_BUILD_ID": "version-two", "MBC_CONTENT_DIR": str(content)}, port=port)
    try:
        expect_the_update(page, "version-two", "A new title for version two")
    finally:
        context.close()
        stop(process)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_offline_page_reads_right_in_each_direction(page, server, lang, axe_source):
    from tests.browser.tools import run_axe

    page.goto(server + f"/{lang}/offline")
    # Nothing saved on a new phone: the message, and no empty list leaving a gap.
    page.wait_for_selector("[data-none-saved]:not([hidden])")
    # (An empty list has no box, so Playwright calls it hidden anyway: ask for the attribute.)
    assert page.locator("[data-saved-pages]").get_attribute("hidden") is not None
    assert run_axe(page, axe_source) == []
