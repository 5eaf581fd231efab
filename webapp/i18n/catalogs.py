"""The catalogs the app reads, one per language and domain, checked once as they load.

Catalogs live where gettext tools expect them, under the language's Babel locale
name (``translations/zh_Hans/LC_MESSAGES/content.po``); addresses use BCP 47
(``/zh-Hans/``). The compiled ``.mo`` is read where it is newer than its ``.po``;
otherwise (not compiled yet, or edited since: ``make dev``) the ``.po`` itself.

Every translation is checked here, once, for interface strings, plural forms and
content alike: one that does not keep its source's markup, links, numbers and
placeholders (:func:`translation_problems`) is left out, so the English is shown,
and the problem is logged with the ``.po`` file's name and line. A missing or
broken catalog never takes the app down: that language falls back to English for
that domain.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from . import LANGUAGES

if TYPE_CHECKING:
    from ..guide.emergency import EmergencyNumbers
from .rules import NO_EMERGENCY, Emergency, emergency_rule, translation_problems

log = logging.getLogger(__name__)

DOMAINS = ("messages", "content")


def catalog_path(directory: Path, lang: str, domain: str) -> Path:
    """Where ``lang``'s catalog of ``domain`` is: the folder is its Babel locale name."""
    return directory / LANGUAGES[lang].babel / "LC_MESSAGES" / f"{domain}.po"


def language_of_folder(name: str) -> str | None:
    """The language code whose catalogs live in the folder ``name``, if any."""
    return next((code for code, language in LANGUAGES.items() if language.babel == name), None)


def entry_problems(message: Message, domain: str, num_plurals: int, emergency: Emergency = NO_EMERGENCY) -> list[str]:
    """Why this catalog entry cannot be shown to readers; empty when it can.

    ``emergency``: the emergency numbers a content entry may name (webapp.guide.emergency).
    """
    if not isinstance(message.id, (list, tuple)):
        return translation_problems(message.id, message.string, markdown_text=domain == "content", emergency=emergency)
    strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
    filled = [string for string in strings if string]
    if len(filled) != len(strings) or len(strings) != num_plurals:
        return [f"{len(filled)} plural forms filled; {num_plurals} needed"]
    # Which form stands for which numbers is the language's own rule (Chinese has one
    # form for every number; Arabic's first is for 0): a form may follow either English one.
    found = []
    for string in strings:
        against = [translation_problems(source, string, markdown_text=False) for source in message.id[:2]]
        if all(against):
            found += against[-1]
    return found


def _context(message: Message, catalog: Catalog) -> str | None:
    """The entry's msgctxt as text (Babel's read_mo leaves it as bytes)."""
    context = message.context
    return context.decode(catalog.charset) if isinstance(context, bytes) else context


def is_translated(message: Message) -> bool:
    """Has the entry a translation that may ship (fuzzy ones never do)?"""
    if not message.id or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(strings)


class Catalogs:
    def __init__(self, directory: Path, languages, emergency: EmergencyNumbers | None = None):
        self.directory = directory
        self.emergency = emergency
        self._strings: dict[tuple[str, str], dict[tuple[str | None, str], str | tuple[str, ...]]] = {}
        self._plural: dict[str, Callable[[int], int]] = {}
        for lang in languages:
            for domain in DOMAINS:
                self._load(lang, domain)

    def _read(self, po: Path) -> Catalog | None:
        mo = po.with_suffix(".mo")
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as f:
                return read_mo(f)
        if po.exists():
            with po.open("rb") as f:
                return read_po(f, abort_invalid=True)
        return None

    def _load(self, lang: str, domain: str) -> None:
        po = catalog_path(self.directory, lang, domain)
        try:
            catalog = self._read(po)
        except Exception as error:  # any broken file: fall back, say which
            where = po if po.exists() else po.with_suffix(".mo")
            log.error(f"{where}: cannot be loaded ({error}); {lang} falls back to English for {domain}")
            return
        if catalog is None:
            return
        strings, refused = {}, []
        for message in catalog:
            if not is_translated(message):
                continue
            found = entry_problems(message, domain, catalog.num_plurals, emergency_rule(self.emergency, lang))
            if found:
                refused.append((message, found))
                continue
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            strings[_context(message, catalog), msgid] = (
                tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
            )
        if refused:
            lines = self._lines(po)
            for message, found in refused:
                msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
                line = lines.get((_context(message, catalog), msgid), 0)
                log.error(f"{po}:{line}: translation not used: {'; '.join(found)}")
        self._strings[lang, domain] = strings
        if domain == "messages":
            self._plural[lang] = gettext.c2py(catalog.plural_expr)

    @staticmethod
    def _lines(po: Path) -> dict[tuple[str | None, str], int]:
        """The line of each entry of ``po``, to name it when the .mo was read."""
        if not po.exists():
            return {}
        with po.open("rb") as f:
            catalog = read_po(f)
        return {(m.context, m.id[0] if isinstance(m.id, (list, tuple)) else m.id): m.lineno for m in catalog if m.id}

    def entries(self, lang: str, domain: str) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
        """Every usable translation of one catalog: {(context, msgid): text or plural forms}."""
        return dict(self._strings.get((lang, domain), {}))

    def lookup(self, lang: str, domain: str, context: str | None, msgid: str) -> str | None:
        """The translation of ``msgid``, or None where there is no usable one."""
        value = self._strings.get((lang, domain), {}).get((context, msgid))
        return value if isinstance(value, str) else None

    def ngettext(self, lang: str, context: str | None, singular: str, plural: str, n: int) -> str:
        """The form of an interface string for ``n``, by the language's plural rule."""
        forms = self._strings.get((lang, "messages"), {}).get((context, singular))
        if isinstance(forms, tuple):
            index = self._plural[lang](n)
            if index < len(forms):
                return forms[index]
        return singular if n == 1 else plural
