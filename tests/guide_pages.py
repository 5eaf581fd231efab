"""What the tests run over: the guide as it is in content/, every page in every language."""

from __future__ import annotations

from webapp import ROOT
from webapp.content import load_library
from webapp.i18n import LANGUAGES

CONTENT = ROOT / "content"
#: Tests run over every page, never a picked few.
LIBRARY = load_library(CONTENT)


def page_paths() -> list[str]:
    """The path of every page of the guide in every language."""
    paths = []
    for lang in LANGUAGES:
        paths.append(f"/{lang}/")
        paths += [f"/{lang}/{a.slug}" for a in LIBRARY.articles]
        paths += [f"/{lang}/checklists/{c.slug}" for c in LIBRARY.checklists]
    return paths
