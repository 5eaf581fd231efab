"""Browser fixtures: the app served by gunicorn, driven in Debian's Chromium.

Playwright cannot download a browser here, so it launches the system Chromium
through ``executable_path``. In CI a missing browser fails the run; elsewhere the
browser tests are skipped with a reason.
"""

from __future__ import annotations

import shutil

import pytest

from tests.servers import free_port, require, start_gunicorn, stop, wait_until_answers  # noqa: F401 (for the tests)
from webapp import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}

# Flags from the machine notes: no background connections to hosts we cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session", params=["gunicorn", "nginx"])
def server(request, tmp_path_factory):
    """Base URL of the site as served in production: the app under gunicorn, or its
    export (built for nginx's address) under nginx with deploy/nginx.conf."""
    if request.param == "gunicorn":
        process, base = start_gunicorn()
        yield base
        stop(process)
        return
    from tests import nginx

    require(nginx.missing())
    port = free_port()
    export = nginx.make_export(tmp_path_factory.mktemp("export") / "site", f"http://127.0.0.1:{port}")
    process, base = nginx.start_nginx(export, port)
    yield base
    nginx.stop(process)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    require(
        None if executable else "Debian's chromium is not installed (make test installs it where apt-get is allowed)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A phone-sized page that fails the test on any console error (CSP violations included)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    # Requests that fail while a test has switched the network off are expected.
    assert [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run make setup")
    return AXE.read_text()
