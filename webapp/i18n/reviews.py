"""Who reviewed which translated page, against which version of the English text.

``translations/reviews.yaml`` records, per language and page, the reviewer, the
date and a fingerprint of the English text they reviewed against. When the
English text changes, its fingerprint changes, and the review is stale by itself:
no one has to remember to reset it.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content import Checklist, ContentError, Page

HEADER = """\
# Translation reviews: who checked which page in which language, against which
# version of the English text (a fingerprint). Record one with
#   flask translations review LANG PAGE --reviewer "Name, role"
# An edit of the English page changes its fingerprint and makes the review stale.
"""


@dataclass(frozen=True)
class Review:
    reviewer: str
    date: datetime.date
    source: str  # fingerprint of the English text reviewed against


@dataclass(frozen=True)
class ReviewStatus:
    state: str  # "draft", "reviewed" or "stale"
    review: Review | None = None


def source_messages(page: Page) -> list[str]:
    from .extract import article_messages, checklist_messages

    messages = checklist_messages(page) if isinstance(page, Checklist) else article_messages(page)
    return [msgid for _, _, msgid, _ in messages]


def fingerprint(page: Page) -> str:
    """A short hash of every English text of ``page`` that translators see."""
    return hashlib.sha256("\x00".join(source_messages(page)).encode()).hexdigest()[:12]


def load_reviews(path: Path) -> dict[tuple[str, str], Review]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError([(path, (mark.line + 1) if mark else 1, f"invalid YAML: {error}")]) from error
    reviews = {}
    problems = []
    for lang, pages in data.items():
        for context, entry in (pages or {}).items():
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("reviewer"), str)
                and isinstance(entry.get("date"), datetime.date)
                and isinstance(entry.get("source"), str)
            ):
                problems.append((path, 1, f"{lang} {context}: needs reviewer, date and source"))
                continue
            reviews[lang, context] = Review(entry["reviewer"], entry["date"], entry["source"])
    if problems:
        raise ContentError(problems)
    return reviews


def record_review(path: Path, lang: str, page: Page, reviewer: str, date: datetime.date) -> Review:
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    review = Review(reviewer, date, fingerprint(page))
    data.setdefault(lang, {})[page.context] = {"reviewer": reviewer, "date": date, "source": review.source}
    path.write_text(HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return review


def review_status(reviews: dict[tuple[str, str], Review], lang: str, page: Page) -> ReviewStatus:
    review = reviews.get((lang, page.context))
    if review is None:
        return ReviewStatus("draft")
    return ReviewStatus("reviewed" if review.source == fingerprint(page) else "stale", review)
