"""Fixtures shared by every test: the app, its clients, and the pages of the guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.guide_pages import CONTENT
from webapp import create_app

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
