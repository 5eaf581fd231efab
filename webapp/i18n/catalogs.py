"""The compiled catalogs the app reads, one per language and domain.

A missing or broken catalog never takes the app down: that language falls back
to English for that domain, and the problem is logged with the file's name.
"""

from __future__ import annotations

import gettext
import io
import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger(__name__)

DOMAINS = ("messages", "content")


class Catalogs:
    def __init__(self, directory: Path, languages):
        self.directory = directory
        self.problems: list[str] = []
        self._catalogs: dict[tuple[str, str], dict[str, str]] = {}
        self._plurals: dict[tuple[str, str], gettext.GNUTranslations] = {}
        for lang in languages:
            for domain in DOMAINS:
                self._load(lang, domain)

    def _load(self, lang: str, domain: str) -> None:
        folder = self.directory / lang / "LC_MESSAGES"
        po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
        try:
            if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
                with mo.open("rb") as f:
                    translations = gettext.GNUTranslations(f)
            elif po.exists():
                # Not compiled yet, or edited since (make dev): read the .po itself.
                with po.open("rb") as f:
                    catalog = read_po(f, abort_invalid=True)
                buffer = io.BytesIO()
                write_mo(buffer, catalog, use_fuzzy=False)
                buffer.seek(0)
                translations = gettext.GNUTranslations(buffer)
            else:
                return
        except Exception as error:  # any broken file: fall back, say which
            problem = (
                f"{po if po.exists() else mo}: cannot be loaded ({error}); {lang} falls back to English for {domain}"
            )
            log.error(problem)
            self.problems.append(problem)
            return
        self._catalogs[lang, domain] = {k: v for k, v in translations._catalog.items() if isinstance(k, str) and v}
        self._plurals[lang, domain] = translations

    def lookup(self, lang: str, domain: str, context: str | None, msgid: str) -> str | None:
        """The translation of ``msgid``, or None where there is none."""
        catalog = self._catalogs.get((lang, domain))
        if not catalog:
            return None
        return catalog.get(f"{context}\x04{msgid}" if context else msgid)

    def ngettext(self, lang: str, context: str | None, singular: str, plural: str, n: int) -> str:
        translations = self._plurals.get((lang, "messages"))
        if translations is None:
            return singular if n == 1 else plural
        if context:
            return translations.npgettext(context, singular, plural, n)
        return translations.ngettext(singular, plural, n)
