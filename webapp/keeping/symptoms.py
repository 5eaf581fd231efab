"""The symptom diary's words and rules: which symptoms it asks about, the scale, and which
ratings show the symptoms page's guidance at once.

The symptoms and the scale are common terms, in the project's own words (no licensed
questionnaire's wording). Each symptom's id is stored on the phone with her ratings: never
change one. A warning sign points at one tier of the symptoms page's "Signs that need help
now"; the diary shows that tier's own text, in her language, from the rendered page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..guide.rendering import Guide, N_p

#: The tiers of content/topics/symptoms.md (its anchors, from the English headings).
EMERGENCY = "call-your-local-emergency-number-now"
CANCER_LINE = "call-your-24-hour-cancer-line-now-do-not-wait"
#: Where the tiers are, on the symptoms page.
SYMPTOMS_PAGE, HELP_NOW = "symptoms", "signs-that-need-help-now"
#: A rating from here up of a warning sign shows its tier: "severe", "very severe".
WARN_FROM = 3
#: Temperatures that show the cancer line's tier (°C), as the symptoms page gives them.
FEVER_FROM, LOW_BELOW = 38.0, 36.0
#: …whose tier is the cancer line's (a temperature is its first sign).
TEMPERATURE_TIER = CANCER_LINE


@dataclass(frozen=True)
class Symptom:
    id: str  # stored with her ratings: never changes
    name: tuple[str, str]  # (context, msgid): translated where it is shown
    tier: str | None = None  # the tier a severe rating shows, if it is a warning sign


SYMPTOMS = (
    Symptom("tiredness", N_p("diary symptom", "Tiredness")),
    Symptom("pain", N_p("diary symptom", "Pain"), CANCER_LINE),
    Symptom("nausea", N_p("diary symptom", "Feeling sick (nausea)")),
    Symptom("vomiting", N_p("diary symptom", "Being sick (vomiting)"), CANCER_LINE),
    Symptom("diarrhoea", N_p("diary symptom", "Diarrhea (loose, watery poop)"), CANCER_LINE),
    Symptom("constipation", N_p("diary symptom", "Constipation")),
    Symptom("appetite", N_p("diary symptom", "Poor appetite")),
    Symptom("mouth-sores", N_p("diary symptom", "Mouth sores")),
    Symptom("numbness", N_p("diary symptom", "Numbness or tingling"), CANCER_LINE),
    Symptom("breathlessness", N_p("diary symptom", "Breathlessness"), EMERGENCY),
    Symptom("chest-pain", N_p("diary symptom", "Chest pain"), EMERGENCY),
    Symptom("cough", N_p("diary symptom", "Cough")),
    Symptom("fever", N_p("diary symptom", "Fever or chills"), CANCER_LINE),
    Symptom("sleep", N_p("diary symptom", "Trouble sleeping")),
    Symptom("low-mood", N_p("diary symptom", "Low mood")),
    Symptom("worry", N_p("diary symptom", "Worry")),
)

#: The scale, 0 to 4.
RATINGS = (
    N_p("diary rating", "None"),
    N_p("diary rating", "Mild"),
    N_p("diary rating", "Moderate"),
    N_p("diary rating", "Severe"),
    N_p("diary rating", "Very severe"),
)

_H3 = re.compile(r'<h3 id="([^"]+)"')
_HEADING_LINK = re.compile(r'<a class="heading-link"[^>]*>.*?</a>', re.S)


def tiers(guide: Guide, lang: str) -> dict[str, Markup]:
    """Each tier of "Signs that need help now", as the symptoms page renders it in ``lang``:
    anchor → its HTML (heading and lists), without the heading's link to itself."""
    page = guide.page("article", lang, SYMPTOMS_PAGE)
    html = str(page.first_html)
    starts = [(match.start(), match.group(1)) for match in _H3.finditer(html)]
    found = {}
    for (start, anchor), (end, _) in zip(starts, [*starts[1:], (len(html), "")], strict=True):
        found[anchor] = Markup(_HEADING_LINK.sub("", html[start:end]))
    missing = {symptom.tier for symptom in SYMPTOMS if symptom.tier} - set(found)
    if missing:
        raise LookupError(f"content/topics/{SYMPTOMS_PAGE}.md has no section {sorted(missing)}")
    return found
