"""How I have been: the symptom diary, in a real browser through gunicorn.

What she enters never leaves the page (every request is recorded and searched); a severe
warning sign shows the symptoms page's own guidance at once; the summary, the charts and
a year of entries are checked against fixtures written straight into the store.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from tests.browser.test_keeping import add_visit, assert_nothing_sent, looks_right, open_page, recorded
from webapp.keeping import symptoms as diary

gunicorn_only = pytest.mark.parametrize("server", ["gunicorn"], indirect=True)
TODAY = date.today()
NOTE = "Walked to the market, tired after lunch"
SYMPTOM_IDS = [symptom.id for symptom in diary.SYMPTOMS]


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def rate(page, symptom: str, rating: int):
    page.locator(f"label[for=rate-{symptom}-{rating}]").click()


def entry(page, when: str) -> dict:
    return page.evaluate("(id) => store.get(id)", f"diary:{when}") or {}


def write_days(page, days: dict):
    """Entries as the store keeps them, written straight into localStorage (then reload)."""
    page.evaluate(
        """(days) => { for (const [when, values] of Object.entries(days)) {
             const f = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v, 1000]]));
             localStorage.setItem('mbc-companion:record:diary:' + when, JSON.stringify({v: 2, f})); } }""",
        days,
    )


def open_diary(page, server, lang="en"):
    return open_page(page, server, f"/{lang}/diary", "diary")


@gunicorn_only
def test_a_day_is_rated_in_a_few_taps_and_kept(page, server):
    open_diary(recorded(page), server)
    rate(page, "tiredness", 1)
    rate(page, "pain", 2)
    page.fill("#diary-temp", "37.2")
    page.locator("#diary-temp").blur()
    page.get_by_label("Note (anything else about this day)").fill(NOTE)
    assert "Saved" in page.locator("[data-saved]").inner_text()
    page.reload()
    page.wait_for_selector("article.diary.is-interactive")
    assert page.locator("#rate-tiredness-1").is_checked() and page.locator("#rate-pain-2").is_checked()
    assert page.locator("#diary-temp").input_value() == "37.2"
    assert entry(page, day(0)) == {"s.tiredness": 1, "s.pain": 2, "temp": 37.2, "note": NOTE}
    # A rating can be taken back: the symptom is skipped again.
    page.locator("fieldset[data-symptom=pain] .rating-clear").click()
    assert "s.pain" not in entry(page, day(0))
    assert page.locator("[data-warning]").is_hidden()
    assert_nothing_sent(page)
    for method, url, body, headers in page.requests:
        assert NOTE not in " ".join([method, url, body, json.dumps(headers)]) and "tiredness" not in url


@gunicorn_only
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_severe_fever_shows_the_cancer_lines_guidance_at_once(page, server, lang):
    symptoms = page.context.new_page()
    symptoms.goto(f"{server}/{lang}/symptoms")
    heading = symptoms.evaluate("(id) => document.getElementById(id).firstChild.textContent.trim()", diary.CANCER_LINE)
    first_sign = symptoms.locator(f"#{diary.CANCER_LINE} ~ ul li").first.inner_text()
    symptoms.close()
    open_diary(page, server, lang)
    rate(page, "fever", 1)
    assert page.locator("[data-warning]").is_hidden()
    rate(page, "fever", 3)
    warning = page.locator("[data-warning]")
    assert warning.is_visible() and warning.get_attribute("role") == "alert"
    text = warning.inner_text()
    assert heading in text and first_sign in text
    link = warning.locator(f"a[href='/{lang}/symptoms#{diary.HELP_NOW}']")
    assert link.count() == 1
    if lang == "en":
        assert "You noted: Fever or chills: Severe." in text and "cannot tell you what your symptoms mean" in text
        # The diary's own words never reassure (the guide's guidance it shows is its own).
        own_words = page.locator("main").inner_text().replace(text, "").lower()
        for reassuring in ("fine", "normal", "nothing to worry", "no need"):
            assert reassuring not in own_words
    rate(page, "fever", 0)
    assert warning.is_hidden()


@gunicorn_only
def test_severe_breathlessness_or_chest_pain_shows_the_emergency_guidance(page, server):
    open_diary(page, server)
    rate(page, "breathlessness", 4)
    warning = page.locator("[data-warning]")
    assert "Call your local emergency number now" in warning.inner_text()
    assert "Call your 24-hour cancer line" not in warning.inner_text()
    rate(page, "breathlessness", 2)
    assert warning.is_hidden()
    rate(page, "chest-pain", 3)
    assert "Call your local emergency number now" in warning.inner_text()
    rate(page, "tiredness", 4)  # not a warning sign: nothing more is shown for it
    assert "Tiredness" not in warning.inner_text()


@gunicorn_only
def test_a_high_temperature_in_fahrenheit_is_kept_in_celsius_and_warns(page, server):
    open_diary(page, server)
    page.locator("label[for=unit-f]").click()
    page.fill("#diary-temp", "101.3")
    page.locator("#diary-temp").blur()
    assert entry(page, day(0))["temp"] == 38.5
    assert page.evaluate("() => store.get('profile:me').tempUnit") == "F"
    warning = page.locator("[data-warning]")
    assert "a temperature of 101.3 °F" in warning.inner_text()
    assert "Call your 24-hour cancer line" in warning.inner_text()
    page.locator("label[for=unit-c]").click()
    assert page.locator("#diary-temp").input_value() == "38.5"
    page.fill("#diary-temp", "385")  # a slip of the finger is not kept
    page.locator("#diary-temp").blur()
    assert entry(page, day(0))["temp"] == 38.5
    assert "mistyped" in page.locator("[data-status]").inner_text()


@gunicorn_only
def test_a_past_day_and_her_own_symptom_can_be_entered_changed_and_deleted(page, server):
    open_diary(page, server)
    page.fill("#diary-date", day(-3))
    page.locator("#diary-date").dispatch_event("change")
    rate(page, "cough", 2)
    page.get_by_label("Add a symptom of my own").fill("Hot flushes")
    page.get_by_role("button", name="Add", exact=True).click()
    own = page.locator("[data-own-symptoms] fieldset")
    assert own.locator("legend").inner_text() == "Hot flushes"
    own.locator("label").nth(2).click()
    stored = entry(page, day(-3))
    assert stored["s.cough"] == 2 and [v for k, v in stored.items() if k.startswith("s.own-")] == [2]
    assert entry(page, day(0)) == {}
    entries = page.locator("[data-entries] li")
    assert entries.count() == 1
    page.fill("#diary-date", day(0))
    page.locator("#diary-date").dispatch_event("change")
    assert not page.locator("#rate-cough-2").is_checked()
    entries.get_by_role("button", name="Edit").click()
    assert page.locator("#diary-date").input_value() == day(-3) and page.locator("#rate-cough-2").is_checked()
    entries.get_by_role("button", name="Delete").click()
    assert entry(page, day(-3)) == {} and page.locator("[data-entries] li").count() == 0
    page.get_by_role("button", name="Undo").click()
    assert entry(page, day(-3))["s.cough"] == 2
    # A day to come cannot be entered.
    assert page.locator("#diary-date").get_attribute("max") == day(0)


FIXTURE_WEEK = {
    day(-6): {"s.tiredness": 1, "s.pain": 2, "temp": 37.1},
    day(-5): {"s.tiredness": 2, "s.pain": 0, "note": "Bad night"},
    # day(-4): no entry
    day(-3): {"s.tiredness": 3, "s.nausea": 1},
    day(-2): {"s.tiredness": 1, "s.pain": 3, "temp": 38.2},
    day(-1): {"s.tiredness": 0},
    day(0): {"s.tiredness": 2, "s.nausea": 0, "note": "Better"},
}


@gunicorn_only
def test_the_summary_of_a_week_gives_the_worst_ratings_notes_and_temperatures(page, server, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(server + "/en/about")
    write_days(page, FIXTURE_WEEK)
    open_diary(page, server)
    page.fill("#summary-from", day(-6))
    page.locator("#summary-from").dispatch_event("change")
    summary = page.locator("[data-summary]")
    rows = {
        row.locator("th").inner_text(): [cell.inner_text() for cell in row.locator("td").all()]
        for row in summary.locator("tbody tr").all()
    }
    assert rows == {
        "Tiredness": ["Severe", "5", "6"],
        "Pain": ["Severe", "2", "3"],
        "Feeling sick (nausea)": ["Mild", "1", "2"],
    }
    text = summary.inner_text()
    assert "Days with an entry: 6" in text
    assert "38.2 °C" in text and "37.1 °C" in text and "Bad night" in text and "Better" in text
    page.get_by_role("button", name="Share or copy as text").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "- Tiredness: Severe\n  Days I had it: 5" in copied and "Bad night" in copied
    page.evaluate("() => { window.print = () => {}; }")
    page.locator("[data-action=print-summary]").click()
    page.emulate_media(media="print")
    assert summary.is_visible() and page.locator("[data-diary-form]").is_hidden()
    assert page.locator("[data-entries]").is_hidden()


@gunicorn_only
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_charts_leave_days_without_an_entry_empty_and_have_a_table_alternative(page, server, lang):
    page.goto(f"{server}/{lang}/about")
    write_days(page, FIXTURE_WEEK)
    open_diary(page, server, lang)
    chart = page.locator(".chart-figure").first
    bars = chart.locator("rect")
    assert bars.count() == 6  # seven days, one without an entry
    # For screen readers, one table: a row a day, a column a symptom; the charts are hidden from them.
    table = page.locator("[data-chart-table]")
    first_column = table.locator("tbody tr td:first-of-type").all_inner_texts()
    assert len(first_column) == 7 and first_column[2] == page.locator("article").get_attribute("data-t-no-entry")
    assert table.locator("thead th").first.inner_text() == page.locator("legend#legend-tiredness").inner_text()
    assert chart.get_attribute("aria-hidden") == "true"
    xs = [float(x) for x in bars.evaluate_all("(bars) => bars.map((bar) => bar.getAttribute('x'))")]
    # Time runs with the reading direction: today last, on the right in English, on the left in Arabic.
    assert (xs[-1] > xs[0]) == (lang == "en")
    page.get_by_role("button", name=re.compile("30")).click()
    assert table.locator("tbody tr").count() == 30
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "nothing sticks out sideways"


@gunicorn_only
def test_a_year_of_daily_entries_loads_and_draws(page, server):
    page.goto(server + "/en/about")
    year = {
        day(-i): {
            **{f"s.{symptom}": (i + n) % 5 for n, symptom in enumerate(SYMPTOM_IDS)},
            "note": f"Day {i}: " + "words " * 20,
            "temp": 36.5 + (i % 20) / 10,
        }
        for i in range(365)
    }
    write_days(page, year)
    open_diary(page, server)
    assert page.locator(".chart-figure").count() == len(SYMPTOM_IDS)
    page.get_by_role("button", name="Last 30 days").click()
    assert page.locator(".chart-figure").first.locator("rect").count() == 30
    rate(page, "tiredness", 4)
    assert entry(page, day(0))["s.tiredness"] == 4
    measures = page.evaluate("() => performance.getEntriesByType('measure').map((m) => m.name)")
    assert "diary-draw" in measures and "diary-save" in measures
    open_page(page, server, "/en/my-data", "my-data")
    assert page.locator("[data-summary] tr", has_text="diary").locator("td").inner_text() == "365"


@gunicorn_only
def test_a_visits_page_for_the_care_team_includes_how_she_has_been(page, server):
    page.goto(server + "/en/about")
    write_days(page, FIXTURE_WEEK)
    open_page(page, server, "/en/visits", "visits")
    add_visit(page, day=day(2))
    page.get_by_role("button", name="For my care team").click()
    care = page.locator("[data-care-page]")
    assert "How I have been" in care.inner_text()
    row = care.locator("tr[data-symptom=tiredness]")
    assert row.locator("td").first.inner_text() == "Severe"


@gunicorn_only
def test_nothing_typed_in_the_diary_is_sent_and_htmx_keeps_no_snapshot(page, server):
    open_diary(recorded(page), server)
    rate(page, "worry", 3)
    page.get_by_label("Note (anything else about this day)").fill(NOTE)
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_url("**/en/")
    history = page.evaluate("() => localStorage.getItem('htmx-history-cache') || ''")
    assert NOTE not in history and "data-diary" not in history
    for method, url, body, headers in page.requests:
        assert NOTE not in " ".join([url, body, json.dumps(headers)]) and method == "GET"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_diary_filled_in_has_no_accessibility_violations(page, server, axe_source, lang):
    open_diary(page, server, lang)
    rate(page, "fever", 3)
    rate(page, "tiredness", 1)
    looks_right(page, axe_source, f"diary-{lang}")
