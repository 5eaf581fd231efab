"""A second build deployed over the first, on nginx: the export's twin of the
update test in test_offline.py (one notice, one reload, the new version whole)."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from tests import nginx
from tests.browser.conftest import PHONE, free_port
from tests.browser.test_offline import TOPIC, controlled
from tests.guide_pages import CONTENT


def test_a_new_export_arrives_whole_after_one_notice_and_one_reload(browser, tmp_path):
    reason = nginx.missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    folder = tmp_path / "export"
    nginx.make_export(folder, base_url, {"MBC_BUILD_ID": "version-one", "MBC_CONTENT_DIR": str(content)})
    process, base = nginx.start_nginx(folder, port)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(base + f"/en/{TOPIC.slug}")
        controlled(page)
        assert page.evaluate("async () => (await caches.keys()).sort()") == [
            "mbc-meta",
            "mbc-pages-version-one",
            "mbc-static-version-one",
        ]
        # Deploying is writing the new export where nginx serves from.
        topic = content / "topics" / f"{TOPIC.slug}.md"
        topic.write_text(topic.read_text().replace(f"title: {TOPIC.title}", "title: A new title for version two"))
        nginx.make_export(folder, base_url, {"MBC_BUILD_ID": "version-two", "MBC_CONTENT_DIR": str(content)})
        page.reload()
        notice = page.locator("[data-update-banner]")
        notice.wait_for(state="visible", timeout=20_000)
        with page.expect_navigation():
            notice.get_by_role("button").click()
        page.wait_for_function("() => document.querySelector('h1').textContent === 'A new title for version two'")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        caches = page.evaluate("async () => (await caches.keys()).sort()")
        assert caches == ["mbc-meta", "mbc-pages-version-two", "mbc-static-version-two"], caches
        css = page.evaluate("() => document.querySelector('link[rel=stylesheet]').href")
        assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css$", css)
    finally:
        context.close()
        nginx.stop(process)
