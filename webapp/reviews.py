"""Who checked which page, against which version of its English text.

Two kinds of review use one record: a clinician's review of a page's medical
content (``content/reviews.yaml``, scope ``clinical``) and a translator's review
of one language (``translations/reviews.yaml``, scope = the language code). Each
entry keeps the reviewer, the date and a fingerprint of every English text of the
page that readers and translators see. When the English changes, so does its
fingerprint, and the review is stale by itself: no one has to remember to reset it.
Nothing here writes a review but :func:`record_review`, which a command runs for
a real reviewer.

A third record is not a review: a *second reading* (``translations/second-readings.yaml``)
says that a reader who did not write a language's draft read every entry of the page
against the English, and fixed what was wrong (their findings are in the language's
``NOTES.md``). Its fingerprint covers the translation too, so an edit of either text
makes it stale. The page then says "checked by a second reader, not yet reviewed by
a person", never that it was reviewed.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .guide.content import Checklist, ContentError, Page

#: Scope of the clinical review in content/reviews.yaml.
CLINICAL = "clinical"
#: Clinical reviews live with the content they review, in this file of the content folder.
CLINICAL_REVIEWS_FILE = "reviews.yaml"
#: Second readings live with the catalogs, in this file of the translations folder.
SECOND_READINGS_FILE = "second-readings.yaml"
#: The second reading of a language's interface (messages.po), beside its pages.
INTERFACE = "interface"
#: A clinical review is due again one year after it was made.
CLINICAL_REVIEW_INTERVAL_YEARS = 1

HEADERS = {
    CLINICAL: """\
# Clinical reviews: which health professional checked which page, when, and against
# which version of its English text (a fingerprint). Only a reviewer records one:
#   flask content review PAGE --reviewer "Name, role"
# Any edit of the English page changes its fingerprint and makes the review stale.
""",
    "translation": """\
# Translation reviews: who checked which page in which language, against which
# version of the English text (a fingerprint). Record one with
#   flask translations review LANG PAGE --reviewer "Name, role"
# An edit of the English page changes its fingerprint and makes the review stale.
""",
    "second reading": """\
# Second readings (not reviews): a reader who did not write the draft read every entry
# of the page in that language against the English, and fixed what was wrong; what they
# found is in translations/<folder>/NOTES.md. Recorded with
#   flask translations second-reading LANG [PAGE ...] --reader "who read it"
# The fingerprint covers the English and the translation: editing either makes it stale.
""",
}


@dataclass(frozen=True)
class Review:
    reviewer: str
    date: datetime.date
    source: str  # fingerprint of the English text reviewed against


@dataclass(frozen=True)
class ReviewStatus:
    state: str  # "draft" (never reviewed), "reviewed", "overdue" or "stale"
    review: Review | None = None
    due: datetime.date | None = None  # when the next review is due, where there is an interval


def source_messages(page: Page) -> list[str]:
    from .translating.extract import article_messages, checklist_messages

    messages = checklist_messages(page) if isinstance(page, Checklist) else article_messages(page)
    return [msgid for _, _, msgid, _ in messages]


def fingerprint(page: Page) -> str:
    """A short hash of every English text of ``page`` that readers and translators see."""
    return _hash(source_messages(page))


def _hash(texts) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:12]


def reading_fingerprint(pairs) -> str:
    """A short hash of (English, translation) pairs: what a second reader read."""
    return _hash(f"{source}\x01{translation or ''}" for source, translation in pairs)


def load_reviews(path: Path) -> dict[tuple[str, str], Review]:
    """``{(scope, page context): Review}`` from a reviews file; a broken one names its line."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError([(path, (mark.line + 1) if mark else 1, f"invalid YAML: {error}")]) from error
    if not isinstance(data, dict):
        raise ContentError([(path, 1, "a reviews file is a mapping of scope → page → review")])
    reviews = {}
    problems = []
    for scope, pages in data.items():
        for context, entry in (pages or {}).items():
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("reviewer"), str)
                and entry["reviewer"].strip()
                and isinstance(entry.get("date"), datetime.date)
                and isinstance(entry.get("source"), str)
            ):
                problems.append((path, 1, f"{scope} {context}: needs reviewer, date and source"))
                continue
            reviews[scope, context] = Review(entry["reviewer"], entry["date"], entry["source"])
    if problems:
        raise ContentError(problems)
    return reviews


def record_review(path: Path, scope: str, page: Page, reviewer: str, date: datetime.date) -> Review:
    """Write a reviewer's review of ``page`` as it is now; the only writer of reviews."""
    header = HEADERS[CLINICAL if scope == CLINICAL else "translation"]
    return _record(path, header, scope, page.context, reviewer, date, fingerprint(page))


def record_second_reading(path: Path, lang: str, context: str, reader: str, date: datetime.date, source: str) -> Review:
    """Write that ``reader`` read ``context`` in ``lang`` as it is now (``source``: its
    :func:`reading_fingerprint`); the only writer of second readings."""
    return _record(path, HEADERS["second reading"], lang, context, reader, date, source)


def _record(path: Path, header: str, scope: str, context: str, who: str, date: datetime.date, source: str) -> Review:
    if not who.strip():
        raise ValueError("a review or reading needs the name (and role) of who did it")
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    review = Review(who.strip(), date, source)
    data.setdefault(scope, {})[context] = {"reviewer": review.reviewer, "date": date, "source": review.source}
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return review


def _years_later(date: datetime.date, years: int) -> datetime.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def review_status(
    reviews: dict[tuple[str, str], Review],
    scope: str,
    page: Page,
    today: datetime.date | None = None,
) -> ReviewStatus:
    review = reviews.get((scope, page.context))
    if review is None:
        return ReviewStatus("draft")
    if review.source != fingerprint(page):
        return ReviewStatus("stale", review)
    if scope != CLINICAL:
        return ReviewStatus("reviewed", review)
    due = _years_later(review.date, CLINICAL_REVIEW_INTERVAL_YEARS)
    return ReviewStatus("overdue" if (today or datetime.date.today()) > due else "reviewed", review, due)
