"""Every HTML document the site sends is valid HTML, by the W3C Nu HTML Checker.

vnu.jar (npm's ``vnu-jar``, pinned in package.json) runs once, in one JVM, over:

- every page of the site in every language: home, topics, checklists, handouts,
  the offline and 404 pages, the language list (what ``make export`` writes);
- the page other errors get (a 405 here), in every language;
- every htmx fragment, inside the ``<main>`` it is swapped into, in a minimal
  document of its language (a fragment alone is no document: vnu would report
  the missing doctype and title, not the fragment's own faults).

Errors and warnings fail the test, each listed with its page, line and message.
Without Java or vnu.jar the test is skipped, and fails in CI (``CI=true``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from tests.guide_pages import LIBRARY
from tests.servers import require
from webapp import ROOT
from webapp.i18n import LANGUAGES
from webapp.pages import FRAGMENT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: One short run: the JVM's quick compiler alone checks these pages about twice as
#: fast as with its optimizing one too, and needs a deeper stack than its default.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss4m")
#: A document vnu must find fault with: proof that it read the files and that
#: its answers are matched to them.
CANARY = ("(canary)", b'<!doctype html><html lang="en"><title>x</title><p hx-boost="true">x</p></html>')


def missing() -> str | None:
    """Why the checker cannot run here, or None."""
    if not shutil.which("java"):
        return "Java is not installed (make system-packages installs Debian's default-jre-headless)"
    if not VNU.exists():
        return f"{VNU.relative_to(ROOT)} is missing (npm ci installs vnu-jar: make setup)"
    return None


def in_a_document(fragment: bytes, lang: str) -> bytes:
    """A fragment where htmx puts it: inside ``<main>``, its lines numbered as its own."""
    head = f'<!doctype html><html lang="{lang}" dir="{LANGUAGES[lang].dir}"><head><meta charset="utf-8">'
    head += "<title>fragment</title></head><body><main>"
    return head.encode() + fragment + b"</main></body></html>\n"


def documents(app) -> dict[str, bytes]:
    """Every HTML document the site sends, by a name that says where it comes from."""
    site = app.extensions["sites"].public
    found: dict[str, bytes] = {}
    for path, route in site.routes.items():
        page = site.get(path)
        if page.mimetype != "text/html":
            continue
        found[path] = page.body
        fragment = site.get(path, FRAGMENT)
        if fragment is not page:  # (a path without a fragment answers with its page)
            found[f"{path} (htmx fragment)"] = in_a_document(fragment.body, route.lang)
    client = app.test_client()
    for code in LANGUAGES:
        response = client.post(f"/{code}/", headers={"Accept-Language": code})
        body = response.get_data()
        assert response.status_code == 405 and f'<html lang="{code}"'.encode() in body, code
        found[f"POST /{code}/ (error page, {response.status_code})"] = body
    return found


def check(docs: dict[str, bytes], folder: Path) -> list[dict]:
    """vnu's messages for ``docs``, each with ``document`` (its name) added: one run."""
    names = {}
    for number, (name, body) in enumerate(docs.items()):
        (folder / f"{number:04}.html").write_bytes(body)
        names[f"{number:04}.html"] = name
    result = subprocess.run(
        ["java", *JVM_OPTIONS, "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", str(folder)],
        capture_output=True,
        timeout=600,
    )
    try:  # vnu says some of its own failures (a stack overflow) as text, exiting 0
        messages = json.loads(result.stdout)["messages"]
    except ValueError:
        raise AssertionError(f"vnu answered no JSON: {(result.stdout + result.stderr).decode()[-2000:]}") from None
    for message in messages:
        url = message.get("url", "")  # file:/tmp/…/0042.html
        message["document"] = names.get(url.rsplit("/", 1)[-1], url)
    return messages


def is_fault(message: dict) -> bool:
    """Errors (and vnu's own failures to read a file) and warnings; plain notes are not."""
    return message["type"] != "info" or message.get("subType") == "warning"


def describe(message: dict) -> str:
    where = message["document"]
    if "lastLine" in message:
        where += f":{message.get('firstLine', message['lastLine'])}"
    kind = message.get("subType") or message["type"]
    extract = " ".join(message.get("extract", "").split())
    return f"{where}: {kind}: {message['message']}" + (f"  [{extract}]" if extract else "")


def test_every_page_and_fragment_is_valid_html(app, tmp_path):
    require(missing())
    docs = documents(app)
    topic = LIBRARY.articles[0].slug
    for code in LANGUAGES:
        kinds = {f"/{code}/", f"/{code}/{topic}", f"/{code}/{topic}/handout", f"/{code}/offline", f"/{code}/404.html"}
        assert kinds <= set(docs), kinds - set(docs)
    docs[CANARY[0]] = CANARY[1]
    started = time.monotonic()
    messages = check(docs, tmp_path)
    seconds = time.monotonic() - started
    canary = [m["message"] for m in messages if m["document"] == CANARY[0]]
    assert canary == ["Attribute “hx-boost” not allowed on element “p” at this point."], canary
    faults = sorted(describe(m) for m in messages if m["document"] != CANARY[0] and is_fault(m))
    assert not faults, f"{len(faults)} faults in {len(docs) - 1} documents ({seconds:.0f} s):\n" + "\n".join(faults)
