"""``flask translations …``: the translators' commands (also ``make translations-…``)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import click
from flask import Blueprint, current_app

from ..i18n import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.catalogs import DOMAINS
from ..i18n.interface import template_keys
from ..i18n.rules import emergency_rule
from ..reviews import INTERFACE, SECOND_READINGS_FILE, record_review, record_second_reading, source_messages
from . import pipeline
from .check import check_catalog

bp = Blueprint("translations", __name__, cli_group=None)


def _dirs() -> tuple[Path, Path]:
    translations = Path(current_app.config["TRANSLATIONS_DIR"])
    return translations.parent, translations


def _languages(given: tuple[str, ...]) -> list[str]:
    unknown = [code for code in given if code not in LANGUAGES or code == SOURCE_LANGUAGE]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)}: not a target language (add it to LANGUAGES in webapp/i18n/__init__.py first)"
        )
    return list(given) or pipeline.target_languages()


@bp.cli.group()
def translations():
    """Extract, update, compile, check and count the gettext catalogs."""


@translations.command()
def extract():
    """Write translations/messages.pot and content.pot from the templates and content/."""
    root, folder = _dirs()
    for domain in DOMAINS:
        click.echo(f"extracted {pipeline.extract(root, folder, domain).relative_to(root)}")


@translations.command()
@click.argument("lang")
def init(lang):
    """Start the catalogs of a new language LANG (after adding it to LANGUAGES)."""
    root, folder = _dirs()
    _languages((lang,))
    for domain in DOMAINS:
        po = pipeline.po_path(folder, lang, domain)
        if po.exists():
            raise click.ClickException(f"{po.relative_to(root)} exists already: use 'update'")
        click.echo(f"created {pipeline.init(folder, lang, domain).relative_to(root)}")


@translations.command()
@click.argument("langs", nargs=-1)
def update(langs):
    """Extract, then merge the new templates into every catalog (or LANGS).

    Entries whose English changed become fuzzy with the previous English shown;
    fuzzy entries are not shown to readers until a translator confirms them.
    """
    root, folder = _dirs()
    for domain in DOMAINS:
        pipeline.extract(root, folder, domain)
    for lang in _languages(langs):
        for domain in DOMAINS:
            click.echo(f"updated {pipeline.update(folder, lang, domain).relative_to(root)}")


@translations.command("compile")
def compile_():
    """Compile every catalog to .mo (fuzzy entries are left out)."""
    root, folder = _dirs()
    for _lang, _domain, po in pipeline.shipped_catalogs(folder):
        try:
            pipeline.compile_catalog(po)
        except Exception as error:
            raise click.ClickException(f"{po.relative_to(root)}: {error}") from error
    click.echo(f"compiled {len(pipeline.shipped_catalogs(folder))} catalogs")


@translations.command()
def check():
    """Check every catalog: markup, links, numbers, placeholders, plurals, msgfmt."""
    from ..guide.rendering import current_guide

    root, folder = _dirs()
    problems = []
    catalogs = pipeline.shipped_catalogs(folder)
    numbers = current_guide().library.emergency
    for lang, domain, po in catalogs:
        problems += check_catalog(po, domain, emergency_rule(numbers, lang))
    for path, line, message in problems:
        click.echo(f"{path.relative_to(root)}:{line}: {message}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problems in the catalogs")
    click.echo(f"{len(catalogs)} catalogs checked: no problems")


@translations.command()
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the counts here."
)
def status(json_path):
    """How complete each language is, per domain, in entries and words."""
    root, folder = _dirs()
    rows = [pipeline.count(po, lang, domain) for lang, domain, po in pipeline.shipped_catalogs(folder)]
    click.echo(
        f"{'language':<9} {'domain':<9} {'done':>6} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'words':>12}"
    )
    for row in rows:
        click.echo(
            f"{row.lang:<9} {row.domain:<9} {row.percent:5.1f}% {row.translated:>10} {row.fuzzy:>6} "
            f"{row.untranslated:>12} {row.translated_words:>5}/{row.words:<6}"
        )
    click.echo("\nsecond readings (a reader who did not write the draft read it against the English):")
    for lang, (pages, current, interface) in _readings(folder).items():
        click.echo(f"{lang:<9} {current}/{pages} pages current, interface {interface}")
    offered = current_app.extensions["offered_languages"]
    click.echo(
        f"offered to readers: {', '.join(offered)} (threshold {current_app.config['TRANSLATION_THRESHOLD']:.0%})"
    )
    if json_path:
        data = {"languages": [row.as_dict() for row in rows], "offered": list(offered)}
        json_path.write_text(json.dumps(data, indent=2) + "\n")


def _readings(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Per language: pages, pages whose second reading is current, the interface's state."""
    from ..guide.rendering import current_guide

    guide, keys = current_guide(), template_keys(pipeline.pot_path(folder, "messages"))
    found = {}
    for lang in pipeline.target_languages():
        pages = guide.library.all()
        current = sum(guide.reading_state(lang, p.context, guide.reading_source(p, lang)) == "current" for p in pages)
        found[lang] = (len(pages), current, guide.reading_state(lang, INTERFACE, guide.interface_source(lang, keys)))
    return found


@translations.command("second-reading")
@click.argument("lang")
@click.argument("page_ids", nargs=-1)
@click.option("--reader", required=True, help="Who read it: not the person (or tool) who wrote the draft.")
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="Default: today.")
def second_reading(lang, page_ids, reader, date_):
    """Record that READER, who did not write LANG's draft, read it against the English.

    PAGE_IDS (e.g. article/outlook, or "interface" for messages.po); default: every page
    and the interface. Each must be wholly translated, and the reader's findings must be
    in translations/<folder>/NOTES.md. Not a review: pages then say "checked by a second
    reader, not yet reviewed by a person".
    """
    from ..guide.rendering import current_guide

    _, folder = _dirs()
    _languages((lang,))
    notes = folder / LANGUAGES[lang].babel / "NOTES.md"
    if "second reading" not in (notes.read_text(encoding="utf-8").lower() if notes.exists() else ""):
        raise click.ClickException(f"{notes}: write what the second reading found and fixed there first")
    guide = current_guide()
    wanted = list(page_ids) or [*(p.context for p in guide.library.all()), INTERFACE]
    when = date_.date() if date_ else datetime.date.today()
    records = []
    for page_id in wanted:
        if page_id == INTERFACE:
            keys = template_keys(pipeline.pot_path(folder, "messages"))
            missing = [k for k in keys if k not in guide.catalogs.entries(lang, "messages")]
            records.append((INTERFACE, guide.interface_source(lang, keys), len(missing)))
            continue
        page = guide.library.find(page_id)
        if page is None:
            raise click.ClickException(f"no page {page_id!r}: use an id such as article/outlook, or {INTERFACE}")
        missing = [m for m in source_messages(page) if guide.catalogs.lookup(lang, "content", page.context, m) is None]
        records.append((page.context, guide.reading_source(page, lang), len(missing)))
    incomplete = [f"{context} ({missing} untranslated or refused)" for context, _, missing in records if missing]
    if incomplete:
        raise click.ClickException(
            f"{lang}: a second reading is of a whole translation; not yet: {', '.join(incomplete)}"
        )
    for context, source, _ in records:
        record_second_reading(folder / SECOND_READINGS_FILE, lang, context, reader, when, source)
    pages = sum(context != INTERFACE for context, _, _ in records)
    interface = " and the interface" if len(records) > pages else ""
    click.echo(f"recorded: {lang} second reading of {pages} pages{interface} by {reader} on {when}")


@translations.command()
@click.argument("lang")
@click.argument("page_id")
@click.option("--reviewer", required=True, help='Who reviewed it, e.g. "Ana García, oncology nurse".')
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="Default: today.")
def review(lang, page_id, reviewer, date_):
    """Record that REVIEWER checked page PAGE_ID (e.g. article/outlook) in LANG."""
    from ..guide.rendering import current_guide

    _, folder = _dirs()
    _languages((lang,))
    page = current_guide().library.find(page_id)
    if page is None:
        raise click.ClickException(f"no page {page_id!r}: use an id such as article/outlook or checklist/questions")
    when = date_.date() if date_ else datetime.date.today()
    record_review(folder / "reviews.yaml", lang, page, reviewer, when)
    click.echo(f"recorded: {lang} {page.context} reviewed by {reviewer} on {when}")
