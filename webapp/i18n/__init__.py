"""Languages: which ones the guide speaks, the language in every URL, and negotiation.

Every page lives under ``/<lang>/`` with a BCP 47 code (``/en/``, ``/zh-Hans/``).
Only ``/`` picks a language for the reader: a saved preference first, then the
browser's ``Accept-Language``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import Babel

from ..browser_names import BROWSER_NAMES
from ..site import published

bp = Blueprint("i18n", __name__)
babel = Babel()

#: Cookie that remembers the reader's choice of language (the only cookie there is:
#: the language switch's script sets it, static/js/offline.js).
LANG_COOKIE = BROWSER_NAMES["langCookie"]


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as it appears in URLs, in <html lang> and in the commands translators type
    name: str  # the language's own name for itself, for the language picker
    english_name: str  # for translators and logs
    #: Babel's locale identifier, for plural forms and date formats; also the name of
    #: its catalogs' folder, as gettext tools expect (translations/zh_Hans/).
    babel: str
    dir: str = "ltr"
    #: Other primary language subtags that this language serves ("fil": Filipino,
    #: which phones in the Philippines send as fil-PH, is served Tagalog).
    aliases: tuple[str, ...] = ()


#: Every language the guide has catalogs for, the source language first. A language
#: is *offered* (picker, negotiation, hreflang) only once enough of it is translated.
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English", "en"),
        Language("es", "Español", "Spanish", "es"),
        Language("zh-Hans", "简体中文", "Chinese (Simplified)", "zh_Hans"),
        Language("vi", "Tiếng Việt", "Vietnamese", "vi"),
        Language("tl", "Tagalog", "Tagalog", "fil", aliases=("fil",)),
        Language("fr", "Français", "French", "fr"),
        Language("ar", "العربية", "Arabic", "ar", "rtl"),
        Language("zh-Hant", "繁體中文", "Chinese (Traditional)", "zh_Hant"),
        Language("ko", "한국어", "Korean", "ko"),
        Language("ru", "Русский", "Russian", "ru"),
        Language("pt", "Português", "Portuguese (Brazil)", "pt"),
        Language("ht", "Kreyòl ayisyen", "Haitian Creole", "ht"),
        Language("ur", "اردو", "Urdu", "ur", "rtl"),
    )
}
SOURCE_LANGUAGE = "en"

#: Chinese written in Traditional characters must never be served Simplified, and
#: the reverse: browsers often send only a region, so infer the script from it.
_CHINESE_SCRIPT_BY_REGION = {"TW": "Hant", "HK": "Hant", "MO": "Hant"}
#: A primary subtag → the language code that serves it, for every alias above.
ALIASES = {alias: language.code for language in LANGUAGES.values() for alias in language.aliases}


def _canonical(tag: str) -> str:
    """``zh-TW`` → ``zh-Hant``, ``es-MX`` → ``es-MX``: language, script where it matters."""
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    if not parts:
        return ""
    language, script, region = parts[0].lower(), None, None
    language = ALIASES.get(language, language)
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
    if language == "zh" and script is None:
        script = _CHINESE_SCRIPT_BY_REGION.get(region or "", "Hans")
    return f"{language}-{script}" if script else language


def match_language(tag: str, offered, chinese_script: str | None = None) -> str | None:
    """The offered language code that serves a reader who asked for ``tag``, if any.

    ``chinese_script`` is the script of a Chinese tag the reader preferred before
    this one: after ``zh-TW``, a bare ``zh`` still means Traditional.
    """
    if chinese_script and tag.lower() == "zh":
        tag = f"zh-{chinese_script}"
    wanted = _canonical(tag).lower()
    if not wanted:
        return None
    by_lower = {code.lower(): code for code in offered}
    if wanted in by_lower:
        return by_lower[wanted]
    # "es-MX" is served by "es"; "zh-Hant" is not served by "zh-Hans".
    primary = wanted.split("-")[0]
    if primary == "zh":
        return None
    return by_lower.get(primary)


def negotiate(offered) -> str:
    """Pick a language for ``/``: the saved choice, then Accept-Language, then English."""
    saved = request.cookies.get(LANG_COOKIE, "")
    if saved in offered:
        return saved
    # werkzeug has already parsed the header and sorted it by quality, dropping
    # what it could not parse: no header value can make this raise.
    chinese_script = None
    for tag, quality in request.accept_languages:
        if quality <= 0 or tag == "*":
            continue
        match = match_language(tag, offered, chinese_script)
        if match:
            return match
        canonical = _canonical(tag)
        if chinese_script is None and canonical.startswith("zh-"):
            chinese_script = canonical.split("-", 1)[1]
    return SOURCE_LANGUAGE


def offered_languages() -> dict[str, Language]:
    """The languages translated well enough to offer readers (see create_app)."""
    return current_app.extensions.get("offered_languages", {SOURCE_LANGUAGE: LANGUAGES[SOURCE_LANGUAGE]})


def current_language() -> Language:
    return LANGUAGES.get(g.get("lang") or SOURCE_LANGUAGE, LANGUAGES[SOURCE_LANGUAGE])


def url_in(code: str) -> str:
    """This page's URL in another language (the home page where this page has none)."""
    endpoint, args = request.endpoint, dict(request.view_args or {})
    if request.url_rule is None or "lang" not in request.url_rule.arguments or endpoint is None:
        return url_for("guide.home", lang=code)
    args["lang"] = code
    return url_for(endpoint, **args)


@bp.route("/languages")
@published()
def languages():
    """The list of languages: what ``/`` shows on a static host (the export's index.html)."""
    return render_template("i18n/languages.html", chinese_scripts=_CHINESE_SCRIPT_BY_REGION, aliases=ALIASES)


@bp.route("/")
def root():
    response = redirect(url_for("guide.home", lang=negotiate(offered_languages())))
    response.vary.update(("Accept-Language", "Cookie"))
    response.cache_control.private = True
    return response


def pull_lang(endpoint, values):
    """Take ``lang`` out of the URL values of every page; unknown languages are 404."""
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in LANGUAGES:
        g.lang = None
        abort(404)
    g.lang = lang


def add_lang(endpoint, values):
    """Links built while serving a page stay in that page's language."""
    if "lang" in values or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return
    values["lang"] = g.get("lang") or SOURCE_LANGUAGE


def _babel_locale() -> str:
    return current_language().babel


def init_app(app):
    babel.init_app(app, locale_selector=_babel_locale)
    app.url_value_preprocessor(pull_lang)
    app.url_defaults(add_lang)
    app.register_blueprint(bp)

    @app.context_processor
    def language_context():
        offered = offered_languages()
        lang = current_language()
        return {
            "lang": lang,
            "source_language": LANGUAGES[SOURCE_LANGUAGE],
            "languages_offered": offered,
            "language_is_offered": lang.code in offered,
            "url_in": url_in,
        }
