"""``python -m webapp.guide.check [DIR]``: check every content file, print reading levels.

The same checks run when the app starts; this adds each article's reading level,
so an author can see which page to simplify, and each translated page's (by its
language's formula, or its sentence length beside the English), so a translator can.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import ROOT
from . import markdown
from .content import ContentError, load_library
from .readability import MAX_GRADE, reading_grade, translated_measure

#: A translated page is measured once this share of its blocks is translated.
MEASURED_SHARE = 0.9


def main(argv: list[str] | None = None) -> int:
    """Return 0 if every file is sound and every article plain enough, else 1."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else ROOT / "content"
    try:
        library = load_library(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    status = 0
    print(f"{'grade':>5}  {'words':>5}  file")
    for article in library.articles:
        grade = reading_grade(article.body)
        words = len(markdown.plain_text(article.body).split())
        flag = "" if grade <= MAX_GRADE else f"  above grade {MAX_GRADE:g}: simplify"
        status |= grade > MAX_GRADE
        print(f"{grade:5.1f}  {words:5d}  {article.path}{flag}")
    print(f"{len(library.topics)} topics, {len(library.pages)} pages, {len(library.checklists)} checklists: ok")
    translations = root.parent / "translations"
    if translations.is_dir():
        print_translated_readability(library, translations)
    return status


def print_translated_readability(library, translations: Path) -> None:
    """Each translated article's measure, beside the English page's (a report, not a gate)."""
    from ..i18n import LANGUAGES, SOURCE_LANGUAGE
    from ..i18n.catalogs import Catalogs
    from ..reviews import source_messages

    langs = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    catalogs = Catalogs(translations, langs, library.emergency)
    print(f"\n{'lang':8} {'page':20} measure (the English page's)")
    for lang in langs:
        for article in library.articles:
            english = source_messages(article)
            pairs = [(m, catalogs.lookup(lang, "content", article.context, m)) for m in english]
            blocks = [t for _, t in pairs if t]
            if len(blocks) < MEASURED_SHARE * len(english):
                print(f"{lang:8} {article.slug:20} not measured: {len(blocks)} of {len(english)} blocks translated")
                continue
            measure = translated_measure([m for m, t in pairs if t], blocks, lang)
            against = (
                "Flesch reading ease" if measure.name not in ("words per sentence", "characters per sentence") else ""
            )
            print(
                f"{lang:8} {article.slug:20} {measure.name} {measure.value:.1f} (English {against + ' ' if against else ''}{measure.english:.1f})"
            )


if __name__ == "__main__":
    raise SystemExit(main())
