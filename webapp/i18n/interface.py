"""Interface strings in templates, looked up in the ``messages`` domain.

Jinja's newstyle gettext marks what it returns as safe HTML. A translation is a
volunteer's text, not ours: it is escaped here before Jinja sees it. (One whose
placeholders or numbers differ from the English was left out when the catalogs
were loaded: :mod:`webapp.i18n.catalogs`.)
"""

from __future__ import annotations

from babel.messages.pofile import read_po
from flask import current_app, g
from markupsafe import Markup, escape

from . import SOURCE_LANGUAGE
from .catalogs import Catalogs


def translate(catalogs: Catalogs, context: str | None, msgid: str) -> str:
    """An interface string in the current request's language (plain text)."""
    lang = g.get("lang") or SOURCE_LANGUAGE
    value = catalogs.lookup(lang, "messages", context, msgid) if lang != SOURCE_LANGUAGE else None
    return value if value is not None else msgid


def pgettext(context: str, msgid: str) -> str:
    """For Python code (the manifest): the same lookup as templates, unescaped."""
    return translate(current_app.extensions["guide"].catalogs, context, msgid)


def install(app, catalogs: Catalogs) -> None:
    def lookup(context: str | None, msgid: str) -> Markup:
        return escape(translate(catalogs, context, msgid))

    def plural(context, singular, plural_, n):
        return escape(catalogs.ngettext(g.get("lang") or SOURCE_LANGUAGE, context, singular, plural_, n))

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: lookup(None, s),
        ngettext=lambda s, p, n: plural(None, s, p, n),
        pgettext=lambda c, s: lookup(c, s),
        npgettext=lambda c, s, p, n: plural(c, s, p, n),
        newstyle=True,
    )


def template_keys(template_path) -> list[tuple[str | None, str]]:
    """(context, msgid) of every interface string, from messages.pot."""
    if not template_path.exists():
        return []
    with template_path.open("rb") as f:
        template = read_po(f)
    return [(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id]


def coverage(catalogs: Catalogs, keys: list[tuple[str | None, str]], lang: str) -> float:
    """The share of the interface's strings that ``lang`` translates."""
    if not keys:
        return 0.0
    return sum(catalogs.lookup(lang, "messages", c, i) is not None for c, i in keys) / len(keys)
