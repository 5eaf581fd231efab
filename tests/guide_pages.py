"""What the tests run over: the guide as it is in content/, every page in every language."""

from __future__ import annotations

from pathlib import Path

from webapp import ROOT, create_app
from webapp.guide.content import load_library
from webapp.i18n import LANGUAGES

CONTENT = ROOT / "content"
#: Tests run over every page, never a picked few.
LIBRARY = load_library(CONTENT)


#: The pages of what a patient keeps (webapp/keeping), after /<lang>/.
KEEPING = ("visits", "medicines", "diary", "my-data")


def page_paths() -> list[str]:
    """The path of every page of the guide in every language."""
    paths = []
    for lang in LANGUAGES:
        paths.append(f"/{lang}/")
        paths += [f"/{lang}/{a.slug}" for a in LIBRARY.articles]
        paths += [f"/{lang}/checklists/{c.slug}" for c in LIBRARY.checklists]
        paths += [f"/{lang}/{name}" for name in KEEPING]
        paths.append(f"/{lang}/search")
    return paths


def app_for(tree: Path, **config):
    """The app over a copy of the repo made by the ``tree`` fixture."""
    return create_app(
        {"TESTING": True, "CONTENT_DIR": tree / "content", "TRANSLATIONS_DIR": tree / "translations", **config}
    )


def page_of(format: str, slug: str):
    """The page of ``format`` ("article" or "checklist") at ``slug``."""
    return next(page for page in LIBRARY.of(format) if page.slug == slug)
