"""Fixtures shared by every test: the app, its clients, and the pages of the guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.guide_pages import CONTENT
from webapp import ROOT, create_app

#: The address people share; links, QR codes and previews must use it.
PUBLIC_BASE_URL = "https://mbc.example.org"


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True, "PUBLIC_BASE_URL": PUBLIC_BASE_URL})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def hx(app):
    """A client whose requests come from htmx (not boosted navigation)."""
    client = app.test_client()
    client.environ_base["HTTP_HX_REQUEST"] = "true"
    return client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/, for tests that break or change it."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the parts of the repo the app and the translators' pipeline read and write."""
    for name in ("content", "translations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("babel.cfg", "babel-content.cfg"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "webapp" / "templates", tmp_path / "webapp" / "templates")
    for mo in tmp_path.glob("translations/*/LC_MESSAGES/*.mo"):
        mo.unlink()
    return tmp_path
