"""The page scripts and the service worker: one shared module first, names from Python.

What they keep in the browser is named in webapp/browser_names.py and rendered into
them; a script that spelled a name out itself, or used one Python does not define,
would store a reader's data where nothing else looks for it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.guide_pages import page_paths
from tests.test_delivery import needed_scripts
from webapp import ROOT
from webapp.browser_names import BROWSER_NAMES
from webapp.offline import CORE_ASSETS
from webapp.site import StaticAssets

TEMPLATES = ROOT / "webapp" / "templates"
#: Every script we write: the static ones, the shared module and the worker (templates).
SCRIPTS = [
    *sorted((ROOT / "static" / "js").glob("*.js")),
    TEMPLATES / "static/js/common.js",
    TEMPLATES / "offline/sw.js",
]
_COMMENT = re.compile(r"/\*.*?\*/|\{#.*?#\}|\{\{.*?\}\}", re.S)
_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')


def code(path: Path) -> str:
    """A script without its comments (and, for a template, without what Jinja fills in)."""
    return _COMMENT.sub("", path.read_text())


def literals(path: Path) -> list[str]:
    return [match[1:-1] for match in _LITERAL.findall(code(path))]


def spells_out(literal: str, value: str) -> bool:
    """Does a string literal write a name itself? A one-word name ("lang") counts when it is
    the whole literal or a cookie's ``name=``, not inside another word ("data-lang-choice")."""
    if re.fullmatch(r"\w+", value):
        return literal == value or re.search(rf"(?<![\w-]){value}=", literal) is not None
    return value in literal


def test_the_scripts_are_found():
    names = {path.name for path in SCRIPTS}
    assert {"checklist.js", "offline.js", "share.js", "languages.js", "common.js", "sw.js"} <= names


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_a_script_uses_only_names_python_defines(path):
    # Read as NAMES.<name> only (not NAMES[...] nor taken apart), so that this sees every use.
    assert not re.search(r"\bNAMES\s*\[|=\s*(?:common\.)?NAMES\b(?!\.)", code(path))
    used = set(re.findall(r"\bNAMES\.(\w+)", code(path)))
    assert used <= set(BROWSER_NAMES), f"{path.name} uses {used - set(BROWSER_NAMES)}"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_script_spells_out_a_name_itself(path):
    found = [
        (literal, name) for literal in literals(path) for name, v in BROWSER_NAMES.items() if spells_out(literal, v)
    ]
    assert found == [], f"{path.name}: use common.NAMES (or NAMES in sw.js) for {found}"


def test_the_literal_check_can_fail():
    """The two checks above, on the lines the scripts had before the names came from Python."""
    before = ['"mbc-companion:checklist:" + listId', '"/__saved-languages"', '"lang=" + code', '"mbc-pages-" + build']
    for line, name in zip(before, ["checklistKey", "savedLanguages", "langCookie", "pagesCache"], strict=True):
        assert any(spells_out(literal[1:-1], BROWSER_NAMES[name]) for literal in _LITERAL.findall(line)), line
    assert not spells_out("[data-lang-choice]", "lang") and not spells_out("/static/", "mbc-")


def test_every_name_is_used_by_a_script():
    used = set().union(*(re.findall(r"\bNAMES\.(\w+)", code(path)) for path in SCRIPTS))
    assert set(BROWSER_NAMES) <= used


def test_python_spells_out_no_name_but_in_browser_names():
    """Python's one source: the other modules import the names (the cookie, for one)."""
    for path in (ROOT / "webapp").rglob("*.py"):
        if path.name == "browser_names.py":
            continue
        text = path.read_text()
        for value in BROWSER_NAMES.values():
            if not re.fullmatch(r"\w+", value):
                assert value not in text, f"{path.relative_to(ROOT)} spells out {value!r}"


def test_what_readers_saved_stays_where_it_is():
    """Their ticks, notes, downloaded copies, saved languages and language choice live
    under these names on their phones: a new value would lose them."""
    assert BROWSER_NAMES["checklistKey"] == "mbc-companion:checklist:"
    assert BROWSER_NAMES["damagedSuffix"] == ":damaged"
    assert BROWSER_NAMES["checklistFile"] == "mbc-companion-checklist"
    assert BROWSER_NAMES["recordKey"] == "mbc-companion:record:"
    assert BROWSER_NAMES["storeKey"] == "mbc-companion:store"
    assert BROWSER_NAMES["backupFile"] == "mbc-companion-backup"
    assert BROWSER_NAMES["metaCache"] == "mbc-meta"
    assert BROWSER_NAMES["savedLanguages"] == "/__saved-languages"
    assert BROWSER_NAMES["langCookie"] == "lang"
    # The worker deletes old builds' caches by this prefix: every cache must carry it.
    for name in ("pagesCache", "staticCache", "metaCache"):
        assert BROWSER_NAMES[name].startswith(BROWSER_NAMES["cachePrefix"]), name


def test_the_shared_module_and_the_worker_get_the_names_from_python(app, client):
    html = client.get("/en/").get_data(as_text=True)
    (url,) = re.findall(r'<script src="(/static/js/common\.[0-9a-f]{12}\.js)" defer>', html)
    with client.get(url) as response:
        assert "javascript" in response.mimetype and "immutable" in response.headers["Cache-Control"]
        module = response.get_data(as_text=True)
    assert "{{" not in module and "{#" not in module  # rendered, its documentation left out
    assert json.loads(re.search(r"NAMES: Object\.freeze\((\{.*?\})\)", module).group(1)) == BROWSER_NAMES
    worker = client.get("/sw.js").get_data(as_text=True)
    assert json.loads(re.search(r"const NAMES = (\{.*?\});", worker).group(1)) == BROWSER_NAMES
    # By its bare name too (delivery.py), as every static file.
    assert client.get("/static/js/common.js").get_data(as_text=True) == module


def test_a_static_file_and_a_rendered_one_cannot_share_a_name(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "common.js").write_text("/* by hand */")
    with pytest.raises(ValueError, match="static/js/common.js is rendered from templates/static/js/common.js"):
        StaticAssets(tmp_path, {"js/common.js": b"/* rendered */"})
    assert StaticAssets(tmp_path, {"js/other.js": b""}).files.keys() == {"js/common.js", "js/other.js"}


@pytest.mark.parametrize("path", [*page_paths(), "/ar/offline", "/languages"])
def test_the_shared_module_comes_before_every_other_script(client, path):
    html = client.get(path).get_data(as_text=True)
    head = html[: html.index("</head>")]
    scripts = [re.sub(r"\.[0-9a-f]{12}\.js$", ".js", src) for src in re.findall(r'<script src="([^"]+)" defer>', head)]
    ours = [src for src in scripts if src.startswith("/static/js/")]
    assert ours[0] == "/static/js/common.js" and ours.count("/static/js/common.js") == 1, scripts


def test_the_worker_stores_every_script_and_stylesheet_a_saved_page_needs(app, client):
    """A saved language opens offline only if what its pages load was stored at install."""
    site = app.extensions["sites"].public
    core = {f"/static/{name}" for name in CORE_ASSETS}
    needed = set()
    for lang in ("en", "ar"):
        for path in site.saved_offline(lang):
            html = client.get(path).get_data(as_text=True)
            found = re.findall(r'<(?:script|link rel="stylesheet")[^>]+(?:src|href)="(/static/[^"]+)"', html)
            needed |= {re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", url) for url in found}
            needed |= {re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", url) for url in needed_scripts(html)}
    assert needed and needed <= core, needed - core
