"""A second build deployed over the first, on nginx: the export's twin of the
update test in test_offline.py (one notice, one reload, the new version whole)."""

from __future__ import annotations

import shutil

from tests import nginx
from tests.browser.conftest import PHONE
from tests.browser.test_offline import TOPIC, controlled, expect_the_caches_of, expect_the_update, retitle
from tests.guide_pages import CONTENT
from tests.servers import free_port, require


def test_a_new_export_arrives_whole_after_one_notice_and_one_reload(browser, tmp_path):
    require(nginx.missing())
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
        expect_the_caches_of(page, "version-one")
        # Deploying is writing the new export where nginx serves from.
        retitle(content, "A new title for version two")
        nginx.make_export(folder, base_url, {"MBC_BUILD_ID": "version-two", "MBC_CONTENT_DIR": str(content)})
        expect_the_update(page, "version-two", "A new title for version two")
    finally:
        context.close()
        nginx.stop(process)
