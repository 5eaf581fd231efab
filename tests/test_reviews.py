"""Clinical reviews: recorded only for a real reviewer, shown honestly, stale after any edit."""

from __future__ import annotations

import datetime

import pytest
import yaml

from tests.guide_pages import LIBRARY, app_for
from webapp.guide.content import ContentError
from webapp.reviews import CLINICAL, Review, fingerprint, load_reviews, review_status

OUTLOOK = next(a for a in LIBRARY.topics if a.slug == "outlook")


def review(tree, *args):
    return app_for(tree).test_cli_runner().invoke(args=["content", "review", *args])


def test_no_page_is_shown_as_reviewed_that_no_one_reviewed(client):
    for page in LIBRARY.all():
        path = f"/en/checklists/{page.slug}" if page.kind == "checklist" else f"/en/{page.slug}"
        html = client.get(path).get_data(as_text=True)
        assert "Not yet reviewed by a clinician." in html, path
        assert "Clinically reviewed by" not in html, path


def test_a_recorded_review_shows_who_when_and_when_the_next_is_due(tree):
    result = review(tree, "outlook", "--reviewer", "Dr Ana García, breast oncologist", "--date", "2026-11-30")
    assert result.exit_code == 0, result.output
    recorded = yaml.safe_load((tree / "content" / "reviews.yaml").read_text())
    assert recorded == {
        CLINICAL: {
            "article/outlook": {
                "reviewer": "Dr Ana García, breast oncologist",
                "date": datetime.date(2026, 11, 30),
                "source": fingerprint(OUTLOOK),
            }
        }
    }
    client = app_for(tree).test_client()
    html = client.get("/en/outlook").get_data(as_text=True)
    assert (
        "Clinically reviewed by Dr Ana García, breast oncologist on November 30, 2026."
        " Next review due November 30, 2027." in html
    )
    assert "Not yet reviewed by a clinician" not in html
    # Only that page: every other one still says it is not reviewed.
    assert "Not yet reviewed by a clinician." in client.get("/en/tests").get_data(as_text=True)


def test_any_edit_of_the_english_makes_the_review_stale(tree):
    assert (
        review(tree, "article/outlook", "--reviewer", "Sam Lee, breast care nurse", "--date", "2026-11-30").exit_code
        == 0
    )
    topic = tree / "content" / "topics" / "outlook.md"
    key_point = OUTLOOK.key_points[0][0]
    topic.write_text(topic.read_text().replace(key_point, key_point.rstrip(".") + ", as far as anyone knows."))
    html = app_for(tree).test_client().get("/en/outlook").get_data(as_text=True)
    assert "Clinically reviewed by" not in html
    assert (
        "Not yet reviewed by a clinician in its current form. Sam Lee, breast care nurse reviewed an earlier"
        " version on November 30, 2026." in html
    )


def test_a_review_is_overdue_a_year_later():
    done = datetime.date(2025, 2, 28)
    reviews = {(CLINICAL, OUTLOOK.context): Review("A. Reviewer, RN", done, fingerprint(OUTLOOK))}
    on_time = review_status(reviews, CLINICAL, OUTLOOK, today=datetime.date(2026, 2, 28))
    assert (on_time.state, on_time.due) == ("reviewed", datetime.date(2026, 2, 28))
    late = review_status(reviews, CLINICAL, OUTLOOK, today=datetime.date(2026, 3, 1))
    assert late.state == "overdue"
    leap = {(CLINICAL, OUTLOOK.context): Review("A. Reviewer, RN", datetime.date(2028, 2, 29), fingerprint(OUTLOOK))}
    assert review_status(leap, CLINICAL, OUTLOOK, today=datetime.date(2028, 3, 1)).due == datetime.date(2029, 2, 28)


def test_the_command_refuses_what_is_not_a_review(tree):
    before = (tree / "content" / "reviews.yaml").read_text()
    assert "no page 'nope'" in review(tree, "nope", "--reviewer", "Dr X, GP").output
    assert review(tree, "outlook", "--reviewer", "  ").exit_code != 0
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert "in the future" in review(tree, "outlook", "--reviewer", "Dr X, GP", "--date", tomorrow).output
    assert review(tree, "outlook").exit_code != 0  # --reviewer is required
    assert (tree / "content" / "reviews.yaml").read_text() == before


def test_status_lists_every_page_and_what_is_overdue(tree):
    assert review(tree, "questions", "--reviewer", "Dr X, oncologist", "--date", "2024-01-15").exit_code == 0
    assert review(tree, "tests", "--reviewer", "Dr Y, oncologist").exit_code == 0
    result = app_for(tree).test_cli_runner().invoke(args=["content", "status"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:-1]}
    assert set(rows) == {page.context for page in LIBRARY.all()}
    assert "review overdue" in rows["checklist/questions"] and "2025-01-15" in rows["checklist/questions"]
    assert "reviewed" in rows["article/tests"] and "Dr Y, oncologist" in rows["article/tests"]
    assert "not yet reviewed by a clinician" in rows["article/outlook"]
    total = len(LIBRARY.all())
    assert (
        result.output.splitlines()[-1] == f"{total} pages: 1 reviewed, 1 overdue, 0 stale, {total - 2} never reviewed"
    )


def test_a_broken_reviews_file_is_named(tmp_path):
    path = tmp_path / "reviews.yaml"
    path.write_text("clinical:\n  article/outlook: {reviewer: '', date: 2026-01-01, source: abc}\n")
    with pytest.raises(ContentError, match="clinical article/outlook: needs reviewer, date and source"):
        load_reviews(path)
