"""``flask content …``: recording clinical reviews and seeing every page's state.

A clinical review is recorded only by this command, for a real reviewer, with a
fingerprint of the English text they read (see :mod:`webapp.reviews`). Nothing in
the project records one on its own.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import click
from flask import Blueprint, current_app

from ..reviews import CLINICAL, CLINICAL_REVIEWS_FILE, record_review

bp = Blueprint("content_cli", __name__, cli_group=None)


def _reviews_path() -> Path:
    return Path(current_app.config["CONTENT_DIR"]) / CLINICAL_REVIEWS_FILE


@bp.cli.group()
def content():
    """Clinical reviews of the guide's pages."""


@content.command()
@click.argument("page_id")
@click.option("--reviewer", required=True, help='Who reviewed it, with their role: "Dr Ana García, breast oncologist".')
@click.option(
    "--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="When they reviewed it (default: today)."
)
def review(page_id, reviewer, date_):
    """Record that REVIEWER checked the medical content of page PAGE_ID (outlook or article/outlook)."""
    from .rendering import current_guide

    page = current_guide().library.find(page_id)
    if page is None:
        raise click.ClickException(
            f"no page {page_id!r}: use an id such as outlook, article/outlook or checklist/questions"
        )
    if not reviewer.strip():
        raise click.BadParameter("give the reviewer's name and role", param_hint="--reviewer")
    when = date_.date() if date_ else datetime.date.today()
    if when > datetime.date.today():
        raise click.BadParameter(f"{when} is in the future", param_hint="--date")
    record_review(_reviews_path(), CLINICAL, page, reviewer, when)
    click.echo(f"recorded: {page.context} clinically reviewed by {reviewer.strip()} on {when}")


@content.command()
def status():
    """Every page's clinical review: reviewed (and when it is due), stale, overdue or never reviewed."""
    from .rendering import current_guide

    guide = current_guide()
    labels = {
        "draft": "not yet reviewed by a clinician",
        "stale": "changed since its review: needs a new one",
        "overdue": "review overdue",
        "reviewed": "reviewed",
    }
    counts = dict.fromkeys(labels, 0)
    click.echo(f"{'page':<28} {'state':<44} {'reviewed':<11} {'due':<11} by")
    for page in guide.library.all():
        state = guide.clinical[page.context]
        counts[state.state] += 1
        review = state.review
        click.echo(
            f"{page.context:<28} {labels[state.state]:<44} "
            f"{review.date.isoformat() if review else '-':<11} {state.due.isoformat() if state.due else '-':<11} "
            f"{review.reviewer if review else ''}".rstrip()
        )
    click.echo(
        f"{len(guide.library.all())} pages: {counts['reviewed']} reviewed, {counts['overdue']} overdue, "
        f"{counts['stale']} stale, {counts['draft']} never reviewed"
    )
