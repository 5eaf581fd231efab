"""The translators' pipeline: extract, init, update, compile and count catalogs.

Two domains per language, in ``translations/<locale>/LC_MESSAGES/`` (the folder is the
language's Babel locale name, ``zh_Hans``; see :func:`webapp.i18n.catalogs.catalog_path`):
``messages`` (the interface) and ``content`` (articles and checklists).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ..i18n import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.catalogs import catalog_path, language_of_folder

MAPPING = {"messages": "babel.cfg", "content": "babel-content.cfg"}
PROJECT = "MBC Companion"
#: N_p(context, msgid) marks a string in Python that is translated later.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_p": ((1, "c"), 2)}
_CATALOG_INFO = dict(
    project=PROJECT,
    version="1",
    copyright_holder="the MBC Companion contributors",
    msgid_bugs_address="see TRANSLATING.md",
    charset="utf-8",
    fuzzy=False,
)


def pot_path(translations: Path, domain: str) -> Path:
    return translations / f"{domain}.pot"


def po_path(translations: Path, lang: str, domain: str) -> Path:
    return catalog_path(translations, lang, domain)


def target_languages() -> list[str]:
    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def shipped_catalogs(translations: Path) -> list[tuple[str, str, Path]]:
    """(lang, domain, path) of every .po file in the tree."""
    found = []
    for po in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        found.append((language_of_folder(po.parent.parent.name) or po.parent.parent.name, po.stem, po))
    return found


def extract(root: Path, translations: Path, domain: str) -> Path:
    """Write ``translations/<domain>.pot`` from the source tree."""
    with (root / MAPPING[domain]).open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(**_CATALOG_INFO)
    # The date would change every run and make every extraction a diff.
    catalog.creation_date = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        flags = ("no-python-format",) if domain == "content" else ()
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context, flags=flags)
    if domain == "content":
        # Babel flags "20%" as a python-format string; content has no placeholders.
        for message in catalog:
            if message.id:
                message.flags.discard("python-format")
                message.flags.add("no-python-format")
    target = pot_path(translations, domain)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_po(out, catalog, width=79, include_previous=False)
    return target


def init(translations: Path, lang: str, domain: str) -> Path:
    """Start ``lang``'s catalog for ``domain`` from the template."""
    language = LANGUAGES[lang]
    with pot_path(translations, domain).open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale=Locale.parse(language.babel), **_CATALOG_INFO)
    catalog.last_translator = "draft by the project, not yet reviewed"
    catalog.revision_date = catalog.creation_date
    catalog.language_team = f"{language.english_name} <{lang}>"
    catalog.update(template, no_fuzzy_matching=True)
    target = po_path(translations, lang, domain)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_po(out, catalog, width=79)
    return target


def update(translations: Path, lang: str, domain: str) -> Path:
    """Merge the template into ``lang``'s catalog with GNU msgmerge.

    ``--previous`` keeps the old msgid beside each entry that became fuzzy, so a
    translator sees what changed (Babel's own --previous output is rejected by msgfmt).
    Entries whose English is gone are then dropped (msgattrib --no-obsolete): kept as
    ``#~`` comments they pile up, and an old mistranslation lingers in the file where
    a translator searching for a term finds it; git keeps the history.
    """
    po = po_path(translations, lang, domain)
    if not po.exists():
        return init(translations, lang, domain)
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        raise RuntimeError("msgmerge is missing: install GNU gettext (apt-get install gettext)")
    subprocess.run(
        [
            msgmerge,
            "--quiet",
            "--previous",
            "--update",
            "--backup=none",
            "--width=79",
            str(po),
            str(pot_path(translations, domain)),
        ],
        check=True,
    )
    msgattrib = shutil.which("msgattrib")
    if msgattrib is None:
        raise RuntimeError("msgattrib is missing: install GNU gettext (apt-get install gettext)")
    subprocess.run([msgattrib, "--no-obsolete", "--width=79", "--output-file", str(po), str(po)], check=True)
    return po


def compile_catalog(po: Path) -> Path:
    """Write the .mo beside ``po``; fuzzy entries are left out, so they never ship."""
    with po.open("rb") as f:
        catalog = read_po(f, abort_invalid=True)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as out:
        write_mo(out, catalog, use_fuzzy=False)
    return mo


@dataclass
class Counts:
    lang: str
    domain: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words: int = 0
    translated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "total": self.total, "percent": round(self.percent, 1)}


def count(po: Path, lang: str, domain: str) -> Counts:
    """How much of a catalog is translated; fuzzy never counts as translated."""
    with po.open("rb") as f:
        catalog = read_po(f)
    counts = Counts(lang, domain)
    for message in catalog:
        if not message.id:
            continue
        words = len((message.id if isinstance(message.id, str) else message.id[0]).split())
        counts.words += words
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            counts.fuzzy += 1
        elif all(strings):
            counts.translated += 1
            counts.translated_words += words
        else:
            counts.untranslated += 1
    return counts
