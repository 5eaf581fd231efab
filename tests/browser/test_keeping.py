"""What a patient keeps: visits, medicines and "My data on this phone", in a real browser.

Through gunicorn and Chromium. Nothing she types may leave the page: every request is
recorded and searched for it. The store (static/js/store.js) is tested through the pages
that use it: two tabs at once, a backup round trip, damaged and foreign files, data
written by a newer version.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import icalendar
import pytest

from tests.browser.tools import run_axe, screenshot
from tests.guide_pages import page_of

QUESTIONS = page_of("checklist", "questions")
FIRST = QUESTIONS.items[0]
WHO = "Dr Rivera, Riverside oncology clinic"
NOTE = "Bring the scan report"
QUESTION = "Can I travel to my sister's wedding in March?"
ANSWER = "Yes, with a letter from the clinic; avoid the week after treatment"
SAID = "Blood test on Monday, come back in three weeks"
MEDICINE = {"name": "Letrozole", "dose": "2.5 mg", "times": "Every morning", "reason": "Hormone therapy"}
ALLERGY = "Penicillin: rash"
SECRETS = [WHO, NOTE, QUESTION, ANSWER, SAID, "Letrozole", "Penicillin", "Rivera", "wedding"]
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()
LAST_MONTH = (date.today() - timedelta(days=30)).isoformat()

# Most of these run against gunicorn only: the pages are the same files on nginx, where
# test_pages_open_and_work_offline runs too.
gunicorn_only = pytest.mark.parametrize("server", ["gunicorn"], indirect=True)


def recorded(page):
    page.requests = []
    page.on("request", lambda r: page.requests.append((r.method, r.url, r.post_data or "", dict(r.headers))))
    return page


def open_page(page, server, path, ready):
    page.goto(server + path)
    page.wait_for_selector(f"article.{ready}.is-interactive")
    return page


def add_visit(page, day=NEXT_MONTH, time="10:30", who=WHO, note=NOTE):
    page.fill("#visit-date", day)
    page.fill("#visit-time", time)
    page.fill("#visit-who", who)
    page.fill("#visit-note", note)
    page.get_by_role("button", name="Add the visit").click()
    page.wait_for_selector(".visit .visit-detail")


def ask_own_question(page, text=QUESTION):
    page.get_by_label("Add a question of my own").fill(text)
    page.locator(".visit-detail .add-item button").click()
    page.get_by_text(text, exact=True).wait_for()


def add_medicine(page, **fields):
    for name, value in {**MEDICINE, **fields}.items():
        page.fill(f"#medicine-{name}", value)
    page.get_by_role("button", name="Add the medicine").click()
    page.wait_for_selector(".medicine h3")


def records(page, kind=None) -> dict:
    """What the store holds: record id → {field: value}, as the page reads it."""
    return page.evaluate(
        """(kind) => Object.fromEntries(['visit', 'medicine', 'checklist', 'profile']
              .filter((k) => !kind || k === kind)
              .flatMap((k) => store.list(k).map(({id, values}) => [id, values])))""",
        kind,
    )


def the_visit(page) -> dict:
    (values,) = records(page, "visit").values()
    return values


def assert_nothing_sent(page):
    assert page.requests, "requests are recorded"
    for method, url, body, headers in page.requests:
        everything = " ".join([method, url, body, json.dumps(headers)])
        for secret in SECRETS:
            assert secret not in everything, f"{secret!r} sent in {method} {url}"
        assert method == "GET", url


# --- visits ----------------------------------------------------------------------------


@gunicorn_only
def test_a_visit_with_pinned_questions_answers_and_notes_survives_a_reload(page, server):
    open_page(recorded(page), server, "/en/visits", "visits")
    add_visit(page)
    assert page.locator("[data-list=upcoming] .visit").count() == 1
    assert WHO in page.locator(".visit-who").inner_text()
    page.locator(".pick-questions summary").click()
    page.locator(".choice-list").get_by_role("checkbox", name=FIRST.text).check()
    ask_own_question(page)
    questions = page.locator(".question")
    assert questions.count() == 2
    page.get_by_role("checkbox", name=QUESTION).check()
    page.locator(".question textarea").nth(1).fill(ANSWER)
    page.get_by_label("What my care team said or asked me to do").fill(SAID)
    assert page.locator(".visit-progress").inner_text() == "1 of 2 questions asked"

    page.reload()
    page.wait_for_selector("article.visits.is-interactive")
    page.get_by_role("button", name="Open").click()
    assert page.get_by_role("checkbox", name=QUESTION).is_checked()
    assert not page.locator(".question-list").get_by_role("checkbox", name=FIRST.text).is_checked()
    assert page.locator(".question textarea").nth(1).input_value() == ANSWER
    assert page.get_by_label("What my care team said or asked me to do").input_value() == SAID
    visit = the_visit(page)
    assert visit["date"] == NEXT_MONTH and visit["time"] == "10:30" and visit["who"] == WHO
    assert sorted(v for k, v in visit.items() if k.endswith(".from")) == [f"questions/{FIRST.id}"]
    # Pinned once: the list's checkbox is ticked, and unticking unpins it.
    page.locator(".pick-questions summary").click()
    pin = page.locator(".choice-list").get_by_role("checkbox", name=FIRST.text)
    assert pin.is_checked()
    pin.uncheck()
    assert page.locator(".question").count() == 1
    assert_nothing_sent(page)


@gunicorn_only
def test_her_own_items_of_the_questions_list_can_be_pinned(page, server):
    page.goto(server + "/en/checklists/questions")
    page.wait_for_selector("article.checklist.is-interactive")
    page.get_by_label("Add my own item").fill(QUESTION)
    page.get_by_role("button", name="Add", exact=True).click()
    open_page(page, server, "/en/visits", "visits")
    add_visit(page)
    page.locator(".pick-questions summary").click()
    page.locator(".choice-list").get_by_role("checkbox", name=QUESTION).check()
    assert page.locator(".question label[id^=question-]").inner_text() == QUESTION


@gunicorn_only
def test_visits_are_upcoming_or_past_and_can_be_changed_and_deleted_with_undo(page, server):
    open_page(page, server, "/en/visits", "visits")
    add_visit(page, day=LAST_MONTH, who="Past clinic")
    add_visit(page, day=NEXT_MONTH, who="Next clinic")
    assert page.locator("[data-list=upcoming] .visit-who").all_inner_texts() == ["Next clinic"]
    assert page.locator("[data-list=past] .visit-who").all_inner_texts() == ["Past clinic"]
    page.locator("[data-list=past]").get_by_role("button", name="Change the visit details").click()
    assert page.locator("#visit-who").input_value() == "Past clinic"
    page.fill("#visit-who", "Past clinic, room 4")
    page.get_by_role("button", name="Save the changes").click()
    assert page.locator("[data-list=past] .visit-who").inner_text() == "Past clinic, room 4"
    page.locator("[data-list=past]").get_by_role("button", name="Delete the visit").click()
    assert page.locator("[data-past]").is_hidden()
    assert page.locator("[data-status]").inner_text() == "The visit was deleted."
    page.get_by_role("button", name="Undo").click()
    assert page.locator("[data-list=past] .visit-who").inner_text() == "Past clinic, room 4"


@gunicorn_only
def test_the_page_for_the_care_team_has_questions_answers_and_medicines(page, server, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    open_page(page, server, "/en/medicines", "medicines")
    add_medicine(page)
    add_medicine(page, name="Old pill", dose="", times="", reason="")
    page.locator(".medicine", has_text="Old pill").get_by_role("button", name="I stopped taking it").click()
    page.get_by_label("Medicines or other things that gave you a bad reaction").fill(ALLERGY)
    open_page(page, server, "/en/visits", "visits")
    add_visit(page)
    ask_own_question(page)
    page.locator(".question textarea").fill(ANSWER)
    page.get_by_role("button", name="For my care team").click()
    care = page.locator("[data-care-page]")
    assert care.is_visible() and page.locator("[data-tools]").is_hidden()
    assert page.evaluate("() => document.activeElement.matches('[data-care-page]')")
    text = care.inner_text()
    for expected in (WHO, QUESTION, ANSWER, "Letrozole", "2.5 mg", "Every morning", ALLERGY, "not medical advice"):
        assert expected in text, expected
    assert "Old pill" not in text
    page.emulate_media(media="print")
    assert care.is_visible() and page.locator("h1").is_hidden()
    assert not page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "care-page-print")
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Share or copy as text").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("For my care team\n") and f"1. {QUESTION}" in copied and f"Answer: {ANSWER}" in copied
    assert "- Letrozole, 2.5 mg, Every morning, Hormone therapy" in copied
    page.get_by_role("button", name="Back to my visits").click()
    assert page.locator("[data-tools]").is_visible()
    assert page.evaluate("() => document.activeElement.textContent") == "For my care team"


@gunicorn_only
def test_the_calendar_file_is_a_valid_icalendar_event(page, server, tmp_path):
    open_page(page, server, "/en/visits", "visits")
    add_visit(page, who="Clinic; room 4, level 2", note="Line one\nLine two, with a comma")
    ask_own_question(page, "Ça va? " + "A long question that needs folding " * 4)
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to my calendar").click()
    assert download.value.suggested_filename == f"visit-{NEXT_MONTH}.ics"
    path = tmp_path / "visit.ics"
    download.value.save_as(path)
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded at 75 octets"
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.fromisoformat(f"{NEXT_MONTH}T10:30")
    assert event.decoded("duration") == timedelta(hours=1)
    assert str(event["location"]) == "Clinic; room 4, level 2"
    assert str(event["summary"]) == "Visit: Clinic; room 4, level 2"
    description = str(event["description"])
    assert description.startswith("Line one\nLine two, with a comma\n\nMy questions:\n1. Ça va? A long question")
    assert str(event["uid"]).endswith("@visits.mbc.companion") and "dtstamp" in event
    # Without a time: a whole-day event.
    page.get_by_role("button", name="Change the visit details").click()
    page.fill("#visit-time", "")
    page.get_by_role("button", name="Save the changes").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to my calendar").click()
    (event,) = icalendar.Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == date.fromisoformat(NEXT_MONTH)
    assert event.decoded("dtend") == date.fromisoformat(NEXT_MONTH) + timedelta(days=1)


# --- medicines -------------------------------------------------------------------------


@gunicorn_only
def test_medicines_taken_and_stopped_are_kept_apart_with_a_wallet_card(page, server):
    open_page(recorded(page), server, "/en/medicines", "medicines")
    assert "does not check doses" in page.locator(".callout").inner_text()
    add_medicine(page)
    add_medicine(page, name="Ondansetron", dose="8 mg", times="When I feel sick", reason="Sickness")
    page.get_by_label("Medicines or other things that gave you a bad reaction").fill(ALLERGY)
    current = page.locator("[data-list=current] h3")
    assert current.all_inner_texts() == ["Letrozole", "Ondansetron"]
    page.locator(".medicine", has_text="Ondansetron").get_by_role("button", name="I stopped taking it").click()
    assert current.all_inner_texts() == ["Letrozole"]
    stopped = page.locator("[data-list=stopped] .medicine")
    assert "Stopped on" in stopped.inner_text()
    page.reload()
    page.wait_for_selector("article.medicines.is-interactive")
    assert page.locator("[data-list=stopped] h3").all_inner_texts() == ["Ondansetron"]
    assert page.get_by_label("Medicines or other things that gave you a bad reaction").input_value() == ALLERGY
    page.locator(".medicine", has_text="Letrozole").get_by_role("button", name="Edit").click()
    page.fill("#medicine-dose", "2.5 mg once a day")
    page.get_by_role("button", name="Save the changes").click()
    assert "2.5 mg once a day" in page.locator("[data-list=current] .medicine").inner_text()
    page.locator(".medicine", has_text="Ondansetron").get_by_role("button", name="I am taking it again").click()
    assert current.all_inner_texts() == ["Letrozole", "Ondansetron"]
    page.locator(".medicine", has_text="Ondansetron").get_by_role("button", name="Delete").click()
    assert current.all_inner_texts() == ["Letrozole"]
    page.get_by_role("button", name="Undo").click()
    assert current.all_inner_texts() == ["Letrozole", "Ondansetron"]

    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print a wallet card").click()
    assert page.evaluate("() => window.printed")
    page.emulate_media(media="print")
    card = page.locator("[data-wallet-card]")
    assert card.is_visible() and page.locator("h1").is_hidden()
    text = card.inner_text()
    assert "Letrozole" in text and "2.5 mg once a day" in text and ALLERGY in text and "In an emergency, call:" in text
    assert card.bounding_box()["width"] <= 85 / 25.4 * 96 + 1  # a bank card's width
    screenshot(page, "wallet-card-print")
    assert_nothing_sent(page)


# --- several tabs ------------------------------------------------------------------------


@gunicorn_only
def test_two_tabs_editing_one_visit_keep_both_changes(context, server):
    first = open_page(context.new_page(), server, "/en/visits", "visits")
    add_visit(first)
    ask_own_question(first)
    second = open_page(context.new_page(), server, "/en/visits", "visits")
    second.get_by_role("button", name="Open").click()
    # At once: an answer typed in one, the team's words in the other.
    first.locator(".question textarea").fill(ANSWER)
    second.get_by_label("What my care team said or asked me to do").fill(SAID)
    # Each tab shows the other's change without a reload, and the store holds both.
    second.wait_for_function("(a) => document.querySelector('.question textarea').value === a", arg=ANSWER)
    first.wait_for_function(
        "(s) => [...document.querySelectorAll('.visit-detail textarea')].some((t) => t.value === s)", arg=SAID
    )
    for page in (first, second):
        visit = the_visit(page)
        assert visit["said"] == SAID and ANSWER in visit.values()


@gunicorn_only
def test_two_tabs_ticking_one_checklist_keep_both_ticks(context, server):
    url = server + "/en/checklists/questions"
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(url)
        page.wait_for_selector("article.checklist.is-interactive")
    first.locator(f"#check-item-{QUESTIONS.items[0].id}").check()
    second.locator(f"#check-item-{QUESTIONS.items[1].id}").check()
    for page in (first, second):
        page.wait_for_function(
            "(ids) => ids.every((id) => document.getElementById('check-item-' + id).checked)",
            arg=[QUESTIONS.items[0].id, QUESTIONS.items[1].id],
        )
    first.reload()
    first.wait_for_selector("article.checklist.is-interactive")
    assert first.locator(f"#check-item-{QUESTIONS.items[1].id}").is_checked()


@gunicorn_only
def test_a_write_that_missed_another_tabs_change_is_merged_back(context, server):
    """Two tabs saving at the same moment: each writes what it knew; the storage event
    shows the first tab a record without its change, and it writes the merge back."""
    first = open_page(context.new_page(), server, "/en/medicines", "medicines")
    add_medicine(first)
    second = context.new_page()
    second.goto(server + "/en/about")
    key, raw = second.evaluate(
        """() => { const key = Object.keys(localStorage).find((k) => k.includes(':record:medicine:'));
                   return [key, localStorage.getItem(key)]; }"""
    )
    stale = json.loads(raw)
    stale["f"] = {"name": stale["f"]["name"], "note": ["Written by a tab that never saw the dose", 10**13]}
    second.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(stale)])
    second.wait_for_function(
        "(key) => { const f = JSON.parse(localStorage.getItem(key)).f; return f.dose && f.note; }", arg=key
    )
    first.wait_for_function("() => document.querySelector('.medicine').textContent.includes('never saw')")
    assert "2.5 mg" in first.locator(".medicine").inner_text()


# --- my data: download, erase, load -----------------------------------------------------


def fill_everything(page, server):
    page.goto(server + "/en/checklists/questions")
    page.wait_for_selector("article.checklist.is-interactive")
    page.locator(f"#check-item-{FIRST.id}").check()
    open_page(page, server, "/en/medicines", "medicines")
    add_medicine(page)
    page.get_by_label("Medicines or other things that gave you a bad reaction").fill(ALLERGY)
    open_page(page, server, "/en/visits", "visits")
    add_visit(page)
    ask_own_question(page)
    page.locator(".question textarea").fill(ANSWER)
    add_visit(page, day=LAST_MONTH, who="Deleted clinic")
    page.locator("[data-list=past]").get_by_role("button", name="Delete the visit").click()


def summary(page) -> dict:
    rows = page.locator("[data-summary] tr")
    return dict(row.inner_text().split("\t") for row in rows.all())


@gunicorn_only
def test_download_erase_and_load_give_back_the_same_data(page, server, tmp_path):
    recorded(page)
    fill_everything(page, server)
    before = records(page)
    open_page(page, server, "/en/my-data", "my-data")
    assert summary(page) == {
        "Visits": "1",
        "Medicines": "1",
        "Days in the diary": "0",
        "Checklists with ticks or notes": "1",
        "Allergies and reactions": "1",
    }
    assert page.locator("[data-backed-up]").inner_text() == "Never"
    with page.expect_download() as download:
        page.locator("#download ~ button").click()
    copy = tmp_path / "copy.json"
    download.value.save_as(copy)
    assert download.value.suggested_filename == f"my-data-{date.today().isoformat()}.json"
    assert json.loads(copy.read_text())["format"] == "mbc-companion-backup"
    assert page.locator("[data-backed-up]").inner_text() != "Never"

    page.get_by_role("button", name="Erase everything…").click()
    assert page.evaluate("() => document.activeElement.id") == "erase-question"
    assert records(page) == before, "nothing is erased before she confirms"
    page.get_by_role("button", name="Erase everything", exact=True).click()
    assert records(page) == {}
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('mbc-companion'))") == []
    assert set(summary(page).values()) == {"0"}

    page.locator("input[type=file][data-action=choose]").set_input_files(str(copy))
    plan = page.locator("[data-plan]")
    plan.wait_for()
    assert page.evaluate("() => document.activeElement.id") == "plan-title"
    rows = dict(row.inner_text().split("\t", 1) for row in page.locator("[data-plan-rows] tr").all())
    assert rows == {
        "Visits": "1\t0",
        "Medicines": "1\t0",
        "Checklists with ticks or notes": "1\t0",
        "Allergies and reactions": "1\t0",
    }
    assert records(page) == {}, "nothing is loaded before she confirms"
    page.get_by_role("button", name="Load this copy").click()
    assert records(page) == before
    assert page.locator("[data-status]").inner_text() == "Your copy was loaded."
    # Loaded again: nothing new. And the pages show it all.
    page.locator("input[type=file][data-action=choose]").set_input_files(str(copy))
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('already')")
    open_page(page, server, "/en/visits", "visits")
    assert page.locator(".visit").count() == 1 and "Deleted clinic" not in page.locator("main").inner_text()
    assert_nothing_sent(page)


@gunicorn_only
@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("not json at all", "not a copy"),
        (json.dumps({"format": "mbc-companion-checklist", "version": 1, "list": "questions"}), "not a copy"),
        (
            json.dumps({"format": "mbc-companion-backup", "version": 2, "records": {"visit:a": {"v": 2, "f": {}}}})[
                :-9
            ],
            "not a copy",
        ),
        (
            json.dumps(
                {
                    "format": "mbc-companion-backup",
                    "version": 2,
                    "records": {"visit:a": {"v": 2, "f": {"date": ["tomorrow", 1]}}},
                }
            ),
            "not a copy",
        ),
        (
            json.dumps({"format": "mbc-companion-backup", "version": 2, "records": {"secret:a": {"v": 2, "f": {}}}}),
            "not a copy",
        ),
        (json.dumps({"format": "mbc-companion-backup", "version": 9, "records": {}}), "newer version"),
    ],
    ids=["garbage", "a-checklist-copy", "cut-short", "bad-value", "unknown-kind", "newer"],
)
def test_a_damaged_or_foreign_file_is_refused_and_changes_nothing(page, server, tmp_path, content, said):
    open_page(page, server, "/en/medicines", "medicines")
    add_medicine(page)
    before = page.evaluate("() => JSON.stringify(localStorage)")
    open_page(page, server, "/en/my-data", "my-data")
    path = tmp_path / "file.json"
    path.write_text(content)
    page.locator("input[type=file][data-action=choose]").set_input_files(str(path))
    page.wait_for_function("(said) => document.querySelector('[data-status]').textContent.includes(said)", arg=said)
    assert "Nothing was changed" in page.locator("[data-status]").inner_text()
    assert page.locator("[data-plan]").is_hidden()
    assert page.evaluate("() => JSON.stringify(localStorage)") == before


@gunicorn_only
def test_what_a_newer_version_wrote_is_never_overwritten(page, server):
    page.goto(server + "/en/about")
    newer = json.dumps({"v": 3, "f": {"name": ["Written by version 3", 1]}, "more": "unknown"})
    page.evaluate("(v) => localStorage.setItem('mbc-companion:record:medicine:abc', v)", newer)
    page.evaluate("() => localStorage.setItem('mbc-companion:record:visit:zzz', '{broken')")
    open_page(page, server, "/en/medicines", "medicines")
    page.get_by_label("Medicines or other things that gave you a bad reaction").fill(ALLERGY)
    assert page.evaluate("() => localStorage.getItem('mbc-companion:record:medicine:abc')") == newer
    # A record it cannot read is kept aside, not thrown away.
    assert page.evaluate("() => localStorage.getItem('mbc-companion:record:visit:zzz:damaged')") == "{broken"
    # A store of a newer version: nothing is written, and the page says why.
    page.evaluate("() => localStorage.setItem('mbc-companion:store', JSON.stringify({v: 3}))")
    open_page(page, server, "/en/medicines", "medicines")
    page.fill("#medicine-name", "Anything")
    page.get_by_role("button", name="Add the medicine").click()
    alert = page.locator("[data-alert]")
    assert alert.is_visible() and "newer version" in alert.inner_text()
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.includes(':record:medicine:'))") == [
        "mbc-companion:record:medicine:abc"
    ]


@gunicorn_only
def test_a_reminder_to_download_a_copy_comes_after_two_weeks(page, server):
    open_page(page, server, "/en/medicines", "medicines")
    add_medicine(page)
    assert page.locator("[data-backup-reminder]").is_hidden()
    long_ago = (datetime.now() - timedelta(days=20)).isoformat()
    page.evaluate("(since) => localStorage.setItem('mbc-companion:store', JSON.stringify({v: 2, since}))", long_ago)
    open_page(page, server, "/en/visits", "visits")
    reminder = page.locator("[data-backup-reminder]")
    assert reminder.is_visible() and "not downloaded a copy" in reminder.inner_text()
    reminder.get_by_role("link", name="Download a copy").click()
    page.wait_for_url("**/en/my-data#download")
    page.wait_for_selector("article.my-data.is-interactive")
    with page.expect_download():
        page.locator("#download ~ button").click()
    assert page.locator("[data-backup-reminder]").is_hidden()


# --- every page --------------------------------------------------------------------------


def looks_right(page, axe_source, name):
    """axe finds nothing; every control visible is 44 px high; nothing scrolls sideways."""
    assert run_axe(page, axe_source) == [], name
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              '.kept button, .kept a:not(.prose a), .kept summary, .kept input:not([type=checkbox], .visually-hidden, .rating-input), ' +
              '.file-button, .rating-input + label')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim() || e.id, e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)"""
    )
    assert small == [], name
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), name
    screenshot(page, name)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_pages_filled_in_have_no_accessibility_violations(page, server, axe_source, lang):
    open_page(page, server, f"/{lang}/medicines", "medicines")
    page.fill("#medicine-name", "Letrozole")
    page.locator("[data-medicine-form] [data-submit]").click()
    page.wait_for_selector(".medicine h3")
    looks_right(page, axe_source, f"keeping-{lang}-medicines")
    open_page(page, server, f"/{lang}/visits", "visits")
    page.fill("#visit-date", NEXT_MONTH)
    page.locator("[data-visit-form] [data-submit]").click()
    page.wait_for_selector(".visit .visit-detail")
    page.locator(".visit-detail .add-item input").fill(QUESTION)
    page.locator(".visit-detail .add-item button").click()
    page.locator(".question").wait_for()
    page.locator(".pick-questions summary").click()
    looks_right(page, axe_source, f"keeping-{lang}-visits")
    page.locator(".visit-detail .button-row button").first.click()
    looks_right(page, axe_source, f"keeping-{lang}-care")
    open_page(page, server, f"/{lang}/my-data", "my-data")
    page.locator("[data-action=ask-erase]").click()
    looks_right(page, axe_source, f"keeping-{lang}-my-data")


@gunicorn_only
def test_a_visit_can_be_planned_with_the_keyboard_alone(page, server):
    open_page(page, server, "/en/visits", "visits")
    page.focus("#visit-date")
    page.keyboard.type(date.fromisoformat(NEXT_MONTH).strftime("%m%d%Y"))
    for _ in range(8):  # through the date's and the time's parts, leaving the time empty
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "visit-who":
            break
    page.keyboard.type("Clinic")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".visit .visit-detail")
    assert page.evaluate("() => document.activeElement.tagName") == "H3"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed with keys")
    page.keyboard.press("Enter")
    page.get_by_text("Typed with keys", exact=True).wait_for()
    visit = the_visit(page)
    assert visit["date"] == NEXT_MONTH and visit["who"] == "Clinic" and "Typed with keys" in visit.values()


def test_the_pages_open_and_work_offline(page, server, context):
    page.goto(server + "/en/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.locator("[data-save]").click()
    page.wait_for_function("() => document.querySelector('[data-save-status]').textContent.includes('Saved')")
    context.set_offline(True)
    try:
        for path, ready in (("visits", "visits"), ("medicines", "medicines"), ("my-data", "my-data")):
            open_page(page, server, f"/en/{path}", ready)
        open_page(page, server, "/en/visits", "visits")
        add_visit(page)
        page.reload()
        page.wait_for_selector("article.visits.is-interactive")
        assert page.locator(".visit").count() == 1
    finally:
        context.set_offline(False)


def test_without_javascript_the_pages_say_what_they_need(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + "/en/visits")
    assert "this browser is not running it" in page.locator("main").inner_text()
    page.get_by_role("link", name="Print the questions list").click()
    page.wait_for_url("**/en/checklists/questions/handout")
    page.goto(server + "/en/medicines")
    assert "does not check doses" in page.locator("main").inner_text()
    assert "this browser is not running it" in page.locator("main").inner_text()
    assert page.locator("[data-medicine-form]").is_hidden()
    context.close()


@gunicorn_only
def test_the_pages_stay_out_of_htmx_history(page, server):
    open_page(page, server, "/en/visits", "visits")
    add_visit(page)
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_url("**/en/")
    history = page.evaluate("() => localStorage.getItem('htmx-history-cache') || ''")
    assert WHO not in history and "data-visits" not in history
