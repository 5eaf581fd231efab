"""The translators' pipeline and what readers see of it."""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import os
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from markupsafe import escape

from tests.conftest import PUBLIC_BASE_URL
from tests.guide_pages import LIBRARY, app_for, page_of, page_paths
from tests.nginx import COOKIE_CASES, NEGOTIATION_CASES
from webapp import ROOT
from webapp.guide import markdown
from webapp.i18n import LANGUAGES, SOURCE_LANGUAGE
from webapp.i18n.catalogs import DOMAINS
from webapp.i18n.rules import emergency_rule
from webapp.reviews import fingerprint
from webapp.translating import pipeline
from webapp.translating.check import check_catalog

TRANSLATIONS = ROOT / "translations"
TARGETS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def write(path: Path, catalog) -> None:
    with path.open("wb") as f:
        write_po(f, catalog, width=79)


# --- what translators get ------------------------------------------------------------


def test_every_block_of_every_page_is_one_entry_with_context_comment_and_line():
    catalog = read(TRANSLATIONS / "content.pot")
    entries = {(m.context, m.id): m for m in catalog if m.id}
    for article in LIBRARY.articles:
        lines = article.path.read_text().split("\n")
        for segment in markdown.segments(article.body):
            message = entries[article.context, segment.text]
            path, line = next((p, n) for p, n in message.locations if p.endswith(article.path.name))
            assert segment.text.split()[0] in lines[line - 1], f"{path}:{line} is not where the block is"
            assert message.auto_comments, "translators are told what the block is"
            assert "no-python-format" in message.flags and "python-format" not in message.flags
    for checklist in LIBRARY.checklists:
        for item in checklist.items:
            message = entries[checklist.context, item.text]
            assert any(item.id in comment for comment in message.auto_comments)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_templates_are_up_to_date(tmp_path, domain):
    fresh = read(pipeline.extract(ROOT, tmp_path, domain))
    committed = read(TRANSLATIONS / f"{domain}.pot")
    assert [(m.context, m.id) for m in fresh] == [(m.context, m.id) for m in committed], (
        "run: flask translations update"
    )


@pytest.mark.parametrize("lang", TARGETS)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_has_both_catalogs_with_every_entry(lang, domain):
    po = pipeline.po_path(TRANSLATIONS, lang, domain)
    template = {(m.context, m.id) for m in read(TRANSLATIONS / f"{domain}.pot") if m.id}
    assert template <= {(m.context, m.id) for m in read(po) if m.id}


@pytest.mark.parametrize(("lang", "domain", "po"), pipeline.shipped_catalogs(TRANSLATIONS), ids=lambda v: str(v)[-40:])
def test_every_shipped_catalog_passes_the_check(lang, domain, po):
    assert check_catalog(po, domain, emergency_rule(LIBRARY.emergency, lang)) == []


def test_all_target_languages_are_translated_and_offered(app):
    assert list(app.extensions["offered_languages"]) == list(LANGUAGES)


# --- the check names file and line ------------------------------------------------------

BROKEN = [
    # (what the chosen English entry contains, the broken translation, what check says)
    ("", "<script>alert(1)</script> Texto.", "raw HTML is not allowed"),
    ("](", "Vea [esta página](https://example.com/estafa).", "links or code differ"),
    ("**", "Vea **esta página.", "Markdown marks, links or code differ"),
    ("1", "Cerca de dos de cada tres personas.", "numbers differ"),
    (  # a paragraph of an article
        markdown.segments(page_of("article", "outlook").body)[0].text,
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "raw HTML is not allowed",
    ),
]


def first_entry_with(catalog, predicate):
    return next(m for m in catalog if m.id and predicate(m))


@pytest.mark.parametrize(
    ("contains", "translation", "expected"), BROKEN, ids=["html", "link", "emphasis", "number", "html-in-a-paragraph"]
)
def test_check_fails_on_a_broken_content_translation_with_file_and_line(tree, contains, translation, expected):
    po = pipeline.po_path(tree / "translations", "es", "content")
    catalog = read(po)
    message = first_entry_with(catalog, lambda m: contains in m.id)
    message.string = translation
    message.flags.discard("fuzzy")
    write(po, catalog)
    line = read(po).get(message.id, context=message.context).lineno
    result = app_for(tree).test_cli_runner().invoke(args=["translations", "check"])
    assert result.exit_code == 1
    reported = [row for row in result.output.splitlines() if expected in row]
    assert reported, result.output
    assert reported[0].startswith(f"translations/es/LC_MESSAGES/content.po:{line}:")
    # And the page shows the English block instead of the broken one, as it does an untranslated one.
    kind, slug = message.context.split("/")  # the page's id, which is its slug here
    path = f"/es/checklists/{slug}" if kind == "checklist" else f"/es/{slug}"
    html = app_for(tree, BUILD_ID="same").test_client().get(path).get_data(as_text=True)
    assert translation not in html and str(escape(translation)) not in html
    message.string = ""
    write(po, catalog)
    assert html == app_for(tree, BUILD_ID="same").test_client().get(path).get_data(as_text=True)


def test_check_fails_on_a_wrong_placeholder_and_wrong_plural_forms(tree):
    po = pipeline.po_path(tree / "translations", "es", "messages")
    message = first_entry_with(read(po), lambda m: "%(reviewer)s" in m.id)
    catalog = read(po)
    for m in catalog:
        if m.id == message.id:
            m.string = m.id.replace("%(reviewer)s", "%(revisor)s")
    write(po, catalog)
    text = po.read_text()
    text += '\nmsgid "one page"\nmsgid_plural "%(num)d pages"\nmsgstr[0] "una página"\n'
    po.write_text(text)
    problems = [message for _, _, message in check_catalog(po, "messages")]
    assert any("placeholders differ" in p for p in problems)
    assert any("plural forms" in p for p in problems)


def test_check_reports_what_msgfmt_rejects(tree):
    po = pipeline.po_path(tree / "translations", "fr", "messages")
    po.write_text(po.read_text() + '\nmsgid "Home"\nmsgstr "Accueil"\n\nmsgid "Home"\nmsgstr "Maison"\n')
    problems = check_catalog(po, "messages")
    assert problems and all(path == po for path, _, _ in problems)
    assert any(line > 0 for _, line, _ in problems)


# --- update, fuzzy, compile, status ----------------------------------------------------------


def test_update_keeps_a_translation_as_fuzzy_with_the_previous_english(tree):
    topic = tree / "content" / "topics" / "outlook.md"
    article = next(a for a in LIBRARY.topics if a.slug == "outlook")
    old = markdown.segments(article.body)[0].text
    new = old.replace("numbers", "figures", 1)
    assert new != old
    topic.write_text(topic.read_text().replace(old, new))
    runner = app_for(tree).test_cli_runner()
    assert runner.invoke(args=["translations", "update", "es"]).exit_code == 0
    catalog = read(pipeline.po_path(tree / "translations", "es", "content"))
    message = catalog.get(new, context=article.context)
    assert message.fuzzy and message.string
    po_text = pipeline.po_path(tree / "translations", "es", "content").read_text()
    assert f'#| msgid "{old[:30]}' in po_text.replace('"\n#| "', "")  # the previous English, shown
    # Fuzzy never ships: after compiling, the block is shown in English, marked so.
    assert runner.invoke(args=["translations", "compile"]).exit_code == 0
    html = app_for(tree).test_client().get("/es/outlook").get_data(as_text=True)
    assert '<p lang="en" dir="ltr">' in html and 'class="notice"' in html
    status = runner.invoke(args=["translations", "status"]).output
    es_content = next(line for line in status.splitlines() if line.startswith("es ") and "content" in line)
    assert " 1 " in es_content  # one fuzzy entry, not counted as translated


def test_status_prints_counts_and_writes_json(tree, tmp_path):
    runner = app_for(tree).test_cli_runner()
    out = tmp_path / "status.json"
    result = runner.invoke(args=["translations", "status", "--json", str(out)])
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    rows = {(r["lang"], r["domain"]): r for r in data["languages"]}
    assert set(rows) == {(lang, domain) for lang in TARGETS for domain in DOMAINS}
    for row in rows.values():
        assert row["translated"] + row["fuzzy"] + row["untranslated"] == row["total"] > 0
        assert row["words"] > 0
    assert "translated" in result.output and "es" in result.output


def test_init_starts_a_new_language_and_refuses_to_overwrite(tree):
    runner = app_for(tree).test_cli_runner()
    result = runner.invoke(args=["translations", "init", "es"])
    assert result.exit_code != 0 and "exists already" in result.output
    assert runner.invoke(args=["translations", "init", "xx"]).exit_code != 0


# --- readers: fallback, thresholds, broken catalogs ----------------------------------------


def test_an_untranslated_block_falls_back_to_english_and_the_page_says_so(tree):
    po = pipeline.po_path(tree / "translations", "es", "content")
    catalog = read(po)
    outlook = next(a for a in LIBRARY.topics if a.slug == "outlook")
    first = markdown.segments(outlook.body)[0].text
    catalog.get(first, context=outlook.context).string = ""
    write(po, catalog)
    client = app_for(tree).test_client()
    html = client.get("/es/outlook").get_data(as_text=True)
    assert '<p lang="en" dir="ltr">' in html
    assert 'class="notice"' in html
    assert 'class="notice"' not in client.get("/es/coping").get_data(as_text=True)


def test_a_language_under_the_threshold_is_not_offered(tree):
    po = pipeline.po_path(tree / "translations", "vi", "content")
    catalog = read(po)
    for message in catalog:
        if message.id:
            message.string = ""
    write(po, catalog)
    client = app_for(tree).test_client()
    home = client.get("/es/").get_data(as_text=True)
    assert 'hreflang="vi"' not in home
    assert client.get("/", headers={"Accept-Language": "vi"}).headers["Location"] == "/en/"
    vi = client.get("/vi/outlook").get_data(as_text=True)  # still readable, for translators
    assert '<meta name="robots" content="noindex">' in vi


@pytest.mark.parametrize("damage", ["broken po", "corrupt mo", "missing"])
def test_a_broken_or_missing_catalog_falls_back_and_is_logged(tree, caplog, damage):
    folder = tree / "translations" / "fr" / "LC_MESSAGES"
    if damage == "broken po":
        (folder / "content.po").write_text('msgid "a"\nmsgstr "b"\nthis is not a catalog\n')
    elif damage == "corrupt mo":
        (folder / "content.mo").write_bytes(b"\x00not a compiled catalog")
    else:
        (folder / "content.po").unlink()
    with caplog.at_level(logging.ERROR):
        client = app_for(tree).test_client()
    response = client.get("/fr/outlook")
    assert response.status_code == 200
    assert '<p lang="en" dir="ltr">' in response.get_data(as_text=True)
    if damage != "missing":
        assert any("fr/LC_MESSAGES/content." in r.getMessage() for r in caplog.records)
    assert client.get("/es/outlook").status_code == 200


@pytest.mark.parametrize("compiled", [False, True], ids=["po", "mo"])
def test_an_interface_translation_that_breaks_a_rule_is_left_out_when_loaded_with_file_and_line(tree, caplog, compiled):
    """The check runs once, as catalogs load, for interface strings as for content:
    a wrong placeholder or a changed number never reaches a page."""
    po = pipeline.po_path(tree / "translations", "es", "messages")
    catalog = read(po)
    placeholder = first_entry_with(catalog, lambda m: "%(reviewer)s" in m.id)
    placeholder.string = placeholder.string.replace("%(reviewer)s", "%(revisor)s")
    kept = catalog.get("Topics", context="home")
    write(po, catalog)
    line = read(po).get(placeholder.id, context=placeholder.context).lineno
    if compiled:
        assert app_for(tree).test_cli_runner().invoke(args=["translations", "compile"]).exit_code == 0
    with caplog.at_level(logging.ERROR):
        app = app_for(tree)
    catalogs = app.extensions["guide"].catalogs
    assert catalogs.lookup("es", "messages", placeholder.context, placeholder.id) is None
    assert catalogs.lookup("es", "messages", "home", "Topics") == kept.string
    logged = {r.getMessage() for r in caplog.records if "translation not used" in r.getMessage()}
    assert len(logged) == 1 and logged.pop().startswith(f"{po}:{line}: translation not used: placeholders differ")


PLURALS = """
msgctxt "test"
msgid "%(num)d day"
msgid_plural "%(num)d days"
{forms}
"""


def test_plural_forms_follow_each_language_and_a_broken_one_is_left_out(tree, caplog):
    arabic = pipeline.po_path(tree / "translations", "ar", "messages")
    forms = [f"form {name} %(num)d" for name in "abcdef"]
    arabic.write_text(
        arabic.read_text() + PLURALS.format(forms="\n".join(f'msgstr[{i}] "{f}"' for i, f in enumerate(forms)))
    )
    french = pipeline.po_path(tree / "translations", "fr", "messages")
    french.write_text(french.read_text() + PLURALS.format(forms='msgstr[0] "%(num)d jour"'))
    with caplog.at_level(logging.ERROR):
        catalogs = app_for(tree).extensions["guide"].catalogs
    # Arabic has six forms; its catalog's Plural-Forms numbers them: 0, 1, 2, 3–10 (of
    # each hundred), 100–102 (0–2 of each hundred above the first), and the rest (11–99).
    chosen = {n: catalogs.ngettext("ar", "test", "%(num)d day", "%(num)d days", n) for n in (0, 1, 2, 5, 11, 100, 205)}
    assert chosen == {0: forms[0], 1: forms[1], 2: forms[2], 5: forms[3], 100: forms[4], 11: forms[5], 205: forms[3]}
    # Chinese has one form for every number: it follows the English plural, not the singular.
    chinese = pipeline.po_path(tree / "translations", "zh-Hans", "messages")
    chinese.write_text(
        chinese.read_text()
        + '\nmsgctxt "test"\nmsgid "one page"\nmsgid_plural "%(num)d pages"\nmsgstr[0] "%(num)d 页"\n'
    )
    catalogs = app_for(tree).extensions["guide"].catalogs
    assert catalogs.ngettext("zh-Hans", "test", "one page", "%(num)d pages", 1) == "%(num)d 页"
    # French needs two forms: one given is not used, and the English is.
    assert catalogs.ngettext("fr", "test", "%(num)d day", "%(num)d days", 3) == "%(num)d days"
    assert any(f"{french}:" in r.getMessage() and "plural forms" in r.getMessage() for r in caplog.records)


# --- languages, negotiation, the picker -------------------------------------------------


@pytest.mark.parametrize(("header", "expected"), NEGOTIATION_CASES)
def test_root_negotiates_scripts_and_qualities(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{expected}/"
    assert "Accept-Language" in response.headers["Vary"]
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize(("header", "cookie", "expected"), COOKIE_CASES)
def test_a_saved_choice_wins_over_the_browser(app, header, cookie, expected):
    client = app.test_client(use_cookies=False)  # which sends the Cookie header as given
    response = client.get("/", headers={"Accept-Language": header, "Cookie": cookie})
    assert (response.status_code, response.headers["Location"]) == (302, f"/{expected}/")


@pytest.mark.parametrize("path", [p for p in page_paths() if p.startswith("/en/")])
def test_every_page_offers_itself_in_every_language(client, path):
    html = client.get(path).get_data(as_text=True)
    for code in LANGUAGES:
        same_page = "/" + code + path[3:]
        assert f'href="{same_page}" lang="{code}"' in html.split("data-lang-choices", 1)[1]
        assert f'hreflang="{code}" href="{PUBLIC_BASE_URL}{same_page}"' in html


@pytest.mark.parametrize("lang", TARGETS)
def test_no_english_leaks_from_the_interface(client, lang):
    catalog = read(pipeline.po_path(TRANSLATIONS, lang, "messages"))
    english = [m.id for m in catalog if m.id and m.string and m.string != m.id and len(m.id) > 8 and "%" not in m.id]
    for path in [f"/{lang}/", f"/{lang}/outlook", f"/{lang}/checklists/questions", f"/{lang}/no-such-page"]:
        html = client.get(path).get_data(as_text=True)
        leaked = [text for text in english if text in html]
        assert leaked == [], path


def test_dates_are_written_the_way_each_language_writes_them(client):
    assert page_of("article", "outlook").updated == datetime.date(2026, 12, 1)
    assert "1 de diciembre de 2026" in client.get("/es/outlook").get_data(as_text=True)
    assert "1 décembre 2026" in client.get("/fr/outlook").get_data(as_text=True)
    assert "December 1, 2026" in client.get("/en/outlook").get_data(as_text=True)
    assert "ديسمبر" in client.get("/ar/outlook").get_data(as_text=True)


# --- translation review ---------------------------------------------------------------------


def test_translated_pages_say_they_are_drafts_until_reviewed(tree):
    (tree / "translations" / "second-readings.yaml").unlink(missing_ok=True)  # (tests/test_second_reading.py)
    client = app_for(tree).test_client()
    assert "Draft translation" not in client.get("/en/outlook").get_data(as_text=True)
    es = read(pipeline.po_path(TRANSLATIONS, "es", "messages"))
    draft = es.get("Draft translation, not yet checked by a reviewer.", context="page facts").string
    assert draft in client.get("/es/outlook").get_data(as_text=True)

    runner = app_for(tree).test_cli_runner()
    result = runner.invoke(
        args=["translations", "review", "es", "article/outlook", "--reviewer", "Ana García, RN", "--date", "2026-11-20"]
    )
    assert result.exit_code == 0, result.output
    html = app_for(tree).test_client().get("/es/outlook").get_data(as_text=True)
    assert "Ana García, RN" in html and draft not in html

    # An edit of the English page makes the review stale by itself.
    topic = tree / "content" / "topics" / "outlook.md"
    key_point = page_of("article", "outlook").key_points[0][0]
    topic.write_text(topic.read_text().replace(key_point, key_point.rstrip(".") + ", as far as anyone knows."))
    html = app_for(tree).test_client().get("/es/outlook").get_data(as_text=True)
    assert "Ana García, RN" in html
    stale = es.get(
        "Draft translation. The English page changed after %(reviewer)s checked the translation on %(date)s.",
        context="page facts",
    ).string
    assert stale.split("%(reviewer)s")[0].strip() in html


def test_the_review_fingerprint_follows_the_english_text():
    outlook = page_of("article", "outlook")
    (point, line), *others = outlook.key_points
    edits = [
        dataclasses.replace(outlook, body=outlook.body + "\n\nOne more sentence.\n"),
        dataclasses.replace(outlook, key_points=((point.rstrip(".") + ", as far as anyone knows.", line), *others)),
        dataclasses.replace(outlook, title=outlook.title + " today"),
        dataclasses.replace(outlook, summary=outlook.summary + " More."),
    ]
    assert len({fingerprint(page) for page in [outlook, *edits]}) == 1 + len(edits)
    # What readers and translators never see leaves it as it was.
    unseen = dataclasses.replace(outlook, updated=outlook.updated + datetime.timedelta(days=1), order=99)
    assert fingerprint(unseen) == fingerprint(outlook)


def test_update_drops_entries_whose_english_is_gone(tree):
    """No obsolete ``#~`` entries: an old mistranslation does not linger in the file."""
    topic = tree / "content" / "topics" / "outlook.md"
    article = page_of("article", "outlook")
    gone = next(s.text for s in markdown.segments(article.body) if s.kind == "paragraph")
    topic.write_text(topic.read_text().replace(gone + "\n", ""))
    assert app_for(tree).test_cli_runner().invoke(args=["translations", "update", "es"]).exit_code == 0
    po = pipeline.po_path(tree / "translations", "es", "content")
    assert read(po).get(gone, context=article.context) is None
    assert "\n#~ " not in po.read_text()
    assert read(po).get(article.title, context=article.context).string  # the rest is kept


def test_an_edited_catalog_shows_without_compiling(tree):
    """make dev: the reloader restarts the app, which reads a .po newer than its .mo."""
    runner = app_for(tree).test_cli_runner()
    assert runner.invoke(args=["translations", "compile"]).exit_code == 0
    po = pipeline.po_path(tree / "translations", "es", "messages")
    catalog = read(po)
    catalog.get("Topics", context="home").string = "Temas de la guía (editado)"
    write(po, catalog)
    mo = po.with_suffix(".mo")
    mo_time = mo.stat().st_mtime
    os.utime(po, (mo_time + 5, mo_time + 5))
    assert "Temas de la guía (editado)" in app_for(tree).test_client().get("/es/").get_data(as_text=True)


def test_every_content_entry_says_on_which_page_and_section_it_is_shown():
    """A translator opens the address in `make dev` and sees the entry in place."""
    for page in LIBRARY.articles:
        section = None
        for segment in markdown.segments(page.body):
            section = segment.anchor or section
            entry = read(TRANSLATIONS / "content.pot").get(segment.text, context=page.context)
            where = f"(/en/{page.slug}#{section})." if section else f"(/en/{page.slug})."
            assert where in " ".join(entry.auto_comments), (page.slug, segment.text[:40])
    questions = page_of("checklist", "questions")
    item = questions.groups[0].items[0]
    entry = read(TRANSLATIONS / "content.pot").get(item.text, context=questions.context)
    assert f"(/en/checklists/questions#item-{item.id})." in " ".join(entry.auto_comments)
