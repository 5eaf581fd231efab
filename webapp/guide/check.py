"""``python -m webapp.guide.check [DIR]``: check every content file, print reading levels.

The same checks run when the app starts; this adds each article's reading level,
so an author can see which page to simplify.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import ROOT
from . import markdown
from .content import ContentError, load_library
from .readability import MAX_GRADE, reading_grade


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
    return status


if __name__ == "__main__":
    raise SystemExit(main())
