"""The diary's rules (webapp/keeping/symptoms.py): the guidance a warning shows exists in
every language, and the page sends it, the symptoms and the scale."""

from __future__ import annotations

import re

import pytest

from tests.guide_pages import app_for
from webapp.i18n import LANGUAGES
from webapp.keeping import symptoms as diary


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_warning_sign_shows_a_tier_of_the_symptoms_page_in_every_language(app, lang):
    tiers = diary.tiers(app.extensions["guide"], lang)
    wanted = {symptom.tier for symptom in diary.SYMPTOMS if symptom.tier} | {diary.TEMPERATURE_TIER}
    assert wanted <= set(tiers)
    for anchor in wanted:
        assert tiers[anchor].startswith(f'<h3 id="{anchor}"') and "<li>" in tiers[anchor]
        assert "heading-link" not in tiers[anchor]


def test_the_warning_signs_are_those_the_issue_names():
    warned = {symptom.id for symptom in diary.SYMPTOMS if symptom.tier}
    assert {"fever", "breathlessness", "chest-pain"} <= warned
    assert {"tiredness", "low-mood", "worry", "sleep"}.isdisjoint(warned)
    assert len(diary.SYMPTOMS) == 16 and len(diary.RATINGS) == 5
    assert len({symptom.id for symptom in diary.SYMPTOMS}) == 16


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_page_sends_the_symptoms_the_scale_and_the_tiers(client, lang):
    html = client.get(f"/{lang}/diary").get_data(as_text=True)
    assert re.findall(r'<li data-symptom="([a-z-]+)"', html) == [symptom.id for symptom in diary.SYMPTOMS]
    assert len(re.findall(r'<li data-rating="\d"', html)) == 5
    assert set(re.findall(r'<template data-tier="([^"]+)"', html)) >= {diary.EMERGENCY, diary.CANCER_LINE}
    assert f'data-warn-from="{diary.WARN_FROM}"' in html and 'data-fever-from="38.0"' in html
    # Every rating is a radio of its symptom's group, labelled; nothing is ever submitted.
    assert len(re.findall(r'<input class="rating-input" type="radio" id="rate-', html)) == 16 * 5
    assert 'data-diary-form data-hx-boost="false"' in html and not re.search(r"<form[^>]* (action|method)=", html)


def test_a_symptoms_page_without_the_tiers_is_named_when_the_diary_is_built(content_copy):
    page = content_copy / "topics" / "symptoms.md"
    page.write_text(page.read_text().replace("### Call your local emergency number now", "### Call for help"))
    app = app_for(content_copy.parent)
    with pytest.raises(LookupError, match=r"content/topics/symptoms.md has no section \['call-your-local"):
        diary.tiers(app.extensions["guide"], "en")
