"""Checklists kept on the phone, in a real browser through gunicorn.

Nothing of what a patient ticks or writes may leave the page: every request the
page makes is recorded and searched for it.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from babel.messages.pofile import read_po

from tests.browser.conftest import PHONE, free_port, start_gunicorn, stop
from tests.browser.tools import run_axe, screenshot
from tests.guide_pages import CONTENT, page_of
from webapp import ROOT

QUESTIONS = page_of("checklist", "questions")
FIRST, SECOND = QUESTIONS.items[0], QUESTIONS.items[1]
URL = "/en/checklists/questions"
SECRET_NOTE = "Dr Rivera said HER2-low, scan in March"
OWN_ITEM = "Ask about my sister's genetic test"


@pytest.fixture
def checklist(page, server):
    """The questions checklist, with every request it makes recorded."""
    page.requests = []
    page.on("request", lambda r: page.requests.append((r.method, r.url, r.post_data or "", dict(r.headers))))
    page.goto(server + URL)
    page.wait_for_selector("article.checklist.is-interactive")
    return page


def box(page, item_id):
    return page.locator(f"#check-item-{item_id}")


def progress(page) -> str:
    return page.locator("[data-progress]").inner_text()


def stored(page) -> dict | None:
    """The list as the store keeps it (static/js/store.js), in checklist.js's own terms."""
    raw = page.evaluate("() => localStorage.getItem('mbc-companion:record:checklist:questions')")
    if raw is None:
        return None
    items, own = {}, {}
    for name, (value, _time) in json.loads(raw)["f"].items():
        part, key, field = name.split(".")
        if value is not None and field != "order":
            (items if part == "item" else own).setdefault(key, {})[field] = value
    return {
        "items": {key: {"done": False, "note": "", **entry} for key, entry in items.items()},
        "own": [{"id": key, **entry} for key, entry in sorted(own.items()) if "text" in entry],
    }


def add_own(page, text):
    page.get_by_label("Add my own item").fill(text)
    page.get_by_role("button", name="Add", exact=True).click()


def write_note(page, item_id, text):
    page.locator(f'li[data-item="{item_id}"] .note-toggle').click()
    page.locator(f"#note-input-item-{item_id}").fill(text)


def test_ticks_survive_a_reload_and_progress_is_announced(checklist):
    total = len(QUESTIONS.items)
    assert progress(checklist) == f"0 of {total} ticked"
    assert checklist.locator("[data-progress]").get_attribute("role") == "status"
    box(checklist, FIRST.id).check()
    box(checklist, SECOND.id).check()
    box(checklist, SECOND.id).uncheck()
    assert progress(checklist) == f"1 of {total} ticked"
    checklist.reload()
    checklist.wait_for_selector("article.checklist.is-interactive")
    assert box(checklist, FIRST.id).is_checked() and not box(checklist, SECOND.id).is_checked()
    assert progress(checklist) == f"1 of {total} ticked"
    assert stored(checklist)["items"][FIRST.id]["done"] is True


def test_own_items_can_be_added_edited_ticked_and_deleted_with_undo(checklist):
    add_own(checklist, OWN_ITEM)
    own = checklist.locator("li[data-own]")
    assert own.count() == 1 and OWN_ITEM in own.inner_text()
    own.get_by_role("button", name="Edit").click()
    checklist.locator("li[data-own] input").fill(OWN_ITEM + " (BRCA)")
    checklist.locator("li[data-own]").get_by_role("button", name="Save").click()
    checklist.locator("li[data-own] input[type=checkbox]").check()
    checklist.reload()
    own = checklist.locator("li[data-own]")
    assert OWN_ITEM + " (BRCA)" in own.inner_text()
    assert own.locator("input[type=checkbox]").is_checked()
    assert progress(checklist) == f"1 of {len(QUESTIONS.items) + 1} ticked"
    own.get_by_role("button", name="Delete").click()
    assert checklist.locator("li[data-own]").count() == 0
    checklist.get_by_role("button", name="Undo").click()
    assert checklist.locator("li[data-own]").count() == 1


def test_a_note_under_an_item_is_kept(checklist):
    write_note(checklist, FIRST.id, SECRET_NOTE)
    checklist.reload()
    note_button = checklist.locator(f'li[data-item="{FIRST.id}"] .note-toggle')
    assert note_button.inner_text() == "Edit note"
    note_button.click()
    assert checklist.locator(f"#note-input-item-{FIRST.id}").input_value() == SECRET_NOTE


def test_reset_clears_everything_and_undo_brings_it_back(checklist):
    box(checklist, FIRST.id).check()
    write_note(checklist, SECOND.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    checklist.get_by_role("button", name="Clear ticks, notes and own items").click()
    assert not box(checklist, FIRST.id).is_checked() and checklist.locator("li[data-own]").count() == 0
    assert "cleared" in checklist.locator("[data-status]").inner_text()
    checklist.get_by_role("button", name="Undo").click()
    checklist.reload()
    assert box(checklist, FIRST.id).is_checked() and checklist.locator("li[data-own]").count() == 1
    assert stored(checklist)["items"][SECOND.id]["note"] == SECRET_NOTE


def test_everything_works_with_the_network_off(checklist, context):
    context.set_offline(True)
    box(checklist, FIRST.id).check()
    write_note(checklist, FIRST.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    assert stored(checklist)["own"][0]["text"] == OWN_ITEM
    context.set_offline(False)
    checklist.reload()
    assert box(checklist, FIRST.id).is_checked()
    assert checklist.locator("li[data-own]").count() == 1


def test_a_list_kept_by_an_earlier_version_is_still_there(page, server):
    """What a patient ticked before an update is stored under this key, in this form."""
    kept = {
        "version": 1,
        "items": {FIRST.id: {"done": True, "note": SECRET_NOTE, "text": FIRST.text}},
        "own": [{"id": "own-abc123", "text": OWN_ITEM, "done": True, "note": ""}],
    }
    page.goto(server + "/en/about")
    page.evaluate("(kept) => localStorage.setItem('mbc-companion:checklist:questions', JSON.stringify(kept))", kept)
    page.goto(server + URL)
    page.wait_for_selector("article.checklist.is-interactive")
    assert box(page, FIRST.id).is_checked()
    assert page.locator(f'li[data-item="{FIRST.id}"] .note-toggle').inner_text() == "Edit note"
    assert OWN_ITEM in page.locator("li[data-own]").inner_text()
    assert progress(page) == f"2 of {len(QUESTIONS.items) + 1} ticked"
    # Moved into the store, the old key gone: the list is kept once.
    assert page.evaluate("() => localStorage.getItem('mbc-companion:checklist:questions')") is None
    assert stored(page) == {
        "items": {FIRST.id: {"done": True, "note": SECRET_NOTE, "text": FIRST.text}},
        "own": [{"id": "own-abc123", "text": OWN_ITEM, "done": True, "note": ""}],
    }


def test_a_damaged_list_of_an_earlier_version_is_kept_aside(page, server):
    page.goto(server + "/en/about")
    page.evaluate("() => localStorage.setItem('mbc-companion:checklist:questions', '{\"version\": 1, \"items\": 3')")
    page.goto(server + URL)
    page.wait_for_selector("article.checklist.is-interactive")
    kept = page.evaluate("() => localStorage.getItem('mbc-companion:checklist:questions:damaged')")
    assert kept == '{"version": 1, "items": 3'
    assert progress(page) == f"0 of {len(QUESTIONS.items)} ticked"


def test_nothing_of_the_list_is_ever_sent(checklist):
    box(checklist, FIRST.id).check()
    write_note(checklist, FIRST.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    checklist.get_by_role("link", name="How your list is kept").click()
    checklist.wait_for_url("**/en/about#your-privacy")
    checklist.go_back()
    checklist.wait_for_selector("article.checklist.is-interactive")
    assert checklist.requests, "requests are recorded"
    for method, url, body, headers in checklist.requests:
        everything = " ".join([method, url, body, json.dumps(headers)])
        for secret in (SECRET_NOTE, OWN_ITEM, FIRST.id, "Dr Rivera", "sister"):
            assert secret not in everything, f"{secret!r} sent in {method} {url}"
        assert method == "GET"


def test_a_checklist_reached_by_a_boosted_link_works_too(page, server):
    """From the home page, which carries no checklist.js: offline.js loads it for the swap."""
    page.goto(server + "/en/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSameDocument = true }")
    page.get_by_role("link", name=QUESTIONS.title).first.click()
    page.wait_for_selector("article.checklist.is-interactive")
    assert page.evaluate("() => window.stillTheSameDocument === true")
    box(page, FIRST.id).check()
    assert stored(page)["items"][FIRST.id]["done"] is True
    assert page.get_by_role("button", name="Share or copy the link").is_visible()
    scripts = page.evaluate("() => Array.from(document.scripts, (s) => s.src)")
    loaded = sorted(re.sub(r"\.[0-9a-f]{12}\.js$", ".js", s) for s in scripts if "/static/js/" in s)
    assert [s for s in loaded if s.endswith(("checklist.js", "share.js"))] == [
        server + "/static/js/checklist.js",
        server + "/static/js/share.js",
    ]


def test_checklist_pages_stay_out_of_htmx_history(checklist):
    write_note(checklist, FIRST.id, SECRET_NOTE)
    checklist.get_by_role("link", name="Home").first.click()
    checklist.wait_for_url("**/en/")
    history = checklist.evaluate("() => localStorage.getItem('htmx-history-cache') || ''")
    assert SECRET_NOTE not in history and "data-checklist" not in history


def test_export_then_import_gives_the_same_list(checklist, tmp_path):
    box(checklist, FIRST.id).check()
    write_note(checklist, SECOND.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    before = stored(checklist)
    with checklist.expect_download() as download:
        checklist.get_by_role("button", name="Download a copy").click()
    saved = tmp_path / "copy.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "mbc-companion-checklist" and data["list"] == "questions"
    checklist.get_by_role("button", name="Clear ticks, notes and own items").click()
    assert stored(checklist)["items"] == {}
    checklist.locator("input[type=file][data-action=import]").set_input_files(str(saved))
    checklist.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('loaded')")
    assert stored(checklist) == before
    assert box(checklist, FIRST.id).is_checked() and checklist.locator("li[data-own]").count() == 1


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        json.dumps({"format": "something-else", "version": 1}),
        json.dumps(
            {
                "format": "mbc-companion-checklist",
                "version": 1,
                "list": "questions",
                "items": {"x": {"done": "yes"}},
                "own": [],
            }
        ),
        json.dumps({"format": "mbc-companion-checklist", "version": 1, "list": "coping", "items": {}, "own": []}),
    ],
    ids=["garbage", "other-format", "bad-values", "other-list"],
)
def test_a_damaged_import_is_refused_and_changes_nothing(checklist, tmp_path, content):
    box(checklist, FIRST.id).check()
    before = stored(checklist)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(content)
    checklist.locator("input[type=file][data-action=import]").set_input_files(str(damaged))
    checklist.wait_for_function(
        "() => document.querySelector('[data-status]').textContent.includes('Nothing was changed')"
    )
    assert stored(checklist) == before
    assert box(checklist, FIRST.id).is_checked()


def test_share_without_the_web_share_api_copies_the_text(checklist, context, server):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    assert checklist.evaluate("() => navigator.share === undefined")
    box(checklist, FIRST.id).check()
    write_note(checklist, FIRST.id, SECRET_NOTE)
    checklist.get_by_role("button", name="Share or copy as text").click()
    checklist.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('Copied')")
    text = checklist.evaluate("() => navigator.clipboard.readText()")
    assert text.startswith(QUESTIONS.title)
    assert f"☑ {FIRST.text}" in text and f"Note: {SECRET_NOTE}" in text and f"☐ {SECOND.text}" in text


def test_full_or_blocked_storage_is_said_not_silently_lost(context, server):
    context.add_init_script(
        """Storage.prototype.setItem = function () {
             throw new DOMException('full', 'QuotaExceededError'); };"""
    )
    page = context.new_page()
    page.goto(server + URL)
    box(page, FIRST.id).check()
    alert = page.locator("[data-alert]")
    assert alert.is_visible() and "storage is full" in alert.inner_text()


def test_persistent_storage_is_asked_for_when_the_list_is_first_used(context, server):
    context.add_init_script(
        """window.persistAsked = 0;
           navigator.storage.persist = () => { window.persistAsked += 1; return Promise.resolve(true); };"""
    )
    page = context.new_page()
    page.goto(server + URL)
    assert page.evaluate("() => window.persistAsked") == 0
    box(page, FIRST.id).check()
    box(page, SECOND.id).check()
    assert page.evaluate("() => window.persistAsked") == 1


def test_keyboard_alone_ticks_and_notes(checklist):
    box(checklist, FIRST.id).focus()
    checklist.keyboard.press("Space")
    assert box(checklist, FIRST.id).is_checked()
    checklist.keyboard.press("Tab")
    checklist.keyboard.press("Enter")  # the "Add a note" button
    checklist.keyboard.type("typed by keyboard")
    assert stored(checklist)["items"][FIRST.id]["note"] == "typed by keyboard"


def test_the_interactive_list_has_no_accessibility_violations(checklist, axe_source):
    box(checklist, FIRST.id).check()
    write_note(checklist, FIRST.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    assert run_axe(checklist, axe_source) == []
    screenshot(checklist, "phone_checklist_in_use")


def test_print_shows_ticks_notes_and_own_items_but_no_buttons(checklist):
    box(checklist, FIRST.id).check()
    write_note(checklist, FIRST.id, SECRET_NOTE)
    add_own(checklist, OWN_ITEM)
    checklist.emulate_media(media="print")
    assert checklist.locator(f'li[data-item="{FIRST.id}"] .note-print').inner_text() == SECRET_NOTE
    assert checklist.locator("li[data-own]").is_visible()
    assert not checklist.get_by_role("button", name="Download a copy").is_visible()
    assert not checklist.locator(".note-toggle").first.is_visible()


def test_item_texts_follow_the_language_and_own_items_stay_as_written(page, server):
    page.goto(server + "/es" + URL[3:])
    page.get_by_label(page.locator(".add-item label").inner_text()).fill(OWN_ITEM)
    page.locator(".add-item button").click()
    assert page.locator("li[data-own]").inner_text().startswith(OWN_ITEM)
    assert page.evaluate("() => document.documentElement.lang") == "es"
    with (ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        template = read_po(f).get("%(done)s of %(total)s ticked", context="checklist").string
    expected = template.replace("%(done)s", "0").replace("%(total)s", str(len(QUESTIONS.items) + 1))
    assert page.locator("[data-progress]").inner_text() == expected


def test_a_content_edit_keeps_ticks_and_notes(browser, tmp_path):
    """An item reworded keeps its tick; an item removed keeps its note, shown apart."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    process, base = start_gunicorn(port=port)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(base + URL)
        box(page, FIRST.id).check()
        write_note(page, SECOND.id, SECRET_NOTE)
        box(page, SECOND.id).check()
    finally:
        stop(process)

    # A new version of the content: the first item reworded, the second removed.
    path = content / "checklists" / "questions.yaml"
    text = path.read_text()
    text = text.replace(FIRST.text, "Which subtype is my cancer (HER2, hormone receptors)?")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {SECOND.id}")
    del lines[start : start + 2]
    path.write_text("\n".join(lines))
    process, base = start_gunicorn(env={"MBC_CONTENT_DIR": str(content)}, port=port)
    try:
        page.goto(base + URL)
        page.wait_for_selector("article.checklist.is-interactive")
        assert "Which subtype is my cancer" in page.locator(f'li[data-item="{FIRST.id}"]').inner_text()
        assert box(page, FIRST.id).is_checked()
        removed = page.locator("[data-removed]")
        assert removed.is_visible()
        assert SECOND.text in removed.inner_text() and SECRET_NOTE in removed.inner_text()
    finally:
        context.close()
        stop(process)
