"""Second readings: recorded only for a wholly translated page, shown honestly, stale after
any edit of the English or the translation, and a language ships only once it is read."""

from __future__ import annotations

import datetime

import yaml
from babel.messages.pofile import read_po, write_po

from tests.guide_pages import LIBRARY, app_for
from webapp.i18n import LANGUAGES
from webapp.reviews import INTERFACE, SECOND_READINGS_FILE
from webapp.translating import pipeline

READER = "Second reader (not the draft's writer)"
CHECKED = "Draft translation, checked by a second reader, not yet reviewed by a person."
DRAFT = "Draft translation, not yet checked by a reviewer."


def second_reading(tree, *args):
    return app_for(tree).test_cli_runner().invoke(args=["translations", "second-reading", *args])


def fresh(tree):
    """The tree without any second reading recorded."""
    (tree / "translations" / SECOND_READINGS_FILE).unlink(missing_ok=True)
    return tree


def in_spanish(app, msgid: str) -> str:
    return app.extensions["guide"].catalogs.lookup("es", "messages", "page facts", msgid) or msgid


def edit_translation(tree, lang: str, context: str, change) -> None:
    po = pipeline.po_path(tree / "translations", lang, "content")
    with po.open("rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.context == context and m.id and m.string)
    message.string = change(message.string)
    with po.open("wb") as f:
        write_po(f, catalog, width=79)


def test_a_second_reading_is_shown_for_what_was_read_and_goes_stale_when_the_text_changes(tree):
    fresh(tree)
    result = second_reading(tree, "es", "article/outlook", "--reader", READER, "--date", "2026-12-02")
    assert result.exit_code == 0, result.output
    recorded = yaml.safe_load((tree / "translations" / SECOND_READINGS_FILE).read_text())
    assert recorded["es"]["article/outlook"]["reviewer"] == READER
    assert recorded["es"]["article/outlook"]["date"] == datetime.date(2026, 12, 2)

    app = app_for(tree)
    client = app.test_client()
    assert in_spanish(app, CHECKED) in client.get("/es/outlook").get_data(as_text=True)
    # Only the page that was read; and never "reviewed": no person reviewed it.
    other = client.get("/es/tests").get_data(as_text=True)
    assert in_spanish(app, DRAFT) in other and in_spanish(app, CHECKED) not in other

    # An edit of the translation makes the reading stale by itself.
    edit_translation(tree, "es", "article/outlook", lambda text: text + " ")
    app = app_for(tree)
    html = app.test_client().get("/es/outlook").get_data(as_text=True)
    assert in_spanish(app, DRAFT) in html and in_spanish(app, CHECKED) not in html


def test_an_edit_of_the_english_makes_the_reading_stale(tree):
    fresh(tree)
    assert second_reading(tree, "es", "article/outlook", "--reader", READER).exit_code == 0
    topic = tree / "content" / "topics" / "outlook.md"
    topic.write_text(topic.read_text().replace("Outlook and survival", "Outlook and survival rates", 1))
    guide = app_for(tree).extensions["guide"]
    assert guide.translation_status(guide.library.find("article/outlook"), "es").state == "draft"


def test_the_command_refuses_what_is_not_a_whole_second_reading(tree):
    fresh(tree)
    # A page with an untranslated entry.
    edit_translation(tree, "es", "article/outlook", lambda text: "")
    result = second_reading(tree, "es", "article/outlook", "--reader", READER)
    assert result.exit_code != 0 and "article/outlook (1 untranslated or refused)" in result.output
    # A language whose reader wrote down nothing.
    (tree / "translations" / "es" / "NOTES.md").unlink()
    result = second_reading(tree, "es", "article/tests", "--reader", READER)
    assert result.exit_code != 0 and "NOTES.md" in result.output
    assert second_reading(tree, "es", "article/tests").exit_code != 0  # --reader is required
    assert not (tree / "translations" / SECOND_READINGS_FILE).exists()


def test_a_language_is_offered_only_once_a_second_reader_has_read_it(tree):
    fresh(tree)
    app = app_for(tree)
    assert list(app.extensions["offered_languages"]) == ["en"]
    assert app.test_client().get("/", headers={"Accept-Language": "es"}).headers["Location"].endswith("/en/")

    result = second_reading(tree, "es", "--reader", READER)  # every page and the interface
    assert result.exit_code == 0, result.output
    recorded = yaml.safe_load((tree / "translations" / SECOND_READINGS_FILE).read_text())
    assert set(recorded["es"]) == {page.context for page in LIBRARY.all()} | {INTERFACE}
    app = app_for(tree)
    assert list(app.extensions["offered_languages"]) == ["en", "es"]

    status = app.test_cli_runner().invoke(args=["translations", "status"])
    total = len(LIBRARY.all())
    assert f"es        {total}/{total} pages current, interface current" in status.output
    assert f"fr        0/{total} pages current, interface none" in status.output


def test_every_offered_language_was_read_by_a_second_reader(app):
    """The project's promise: every draft is checked by a second reader before it ships."""
    guide = app.extensions["guide"]
    for code in app.extensions["offered_languages"]:
        if code == "en":
            continue
        assert (code, INTERFACE) in guide.readings, code
        unread = [p.context for p in LIBRARY.all() if (code, p.context) not in guide.readings]
        assert not unread, f"{code}: no second reading of {unread}"
        notes = pipeline.po_path(app.config["TRANSLATIONS_DIR"], code, "content").parents[1] / "NOTES.md"
        assert "## Second reading" in notes.read_text(encoding="utf-8"), notes


def test_all_thirteen_languages_are_offered(app):
    assert list(app.extensions["offered_languages"]) == list(LANGUAGES)
    assert len(LANGUAGES) == 13
