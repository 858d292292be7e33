"""The pages of a professional's request for support, in order. One thing per page (GOV.UK pattern)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from earlyhelp.frontdoor import forms as f


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[forms.BaseForm] | None = None  # None: a list page (children, household)


STEPS = (
    Step("harm", "Risk of significant harm", f.HarmForm),
    Step("referrer", "About you", f.ReferrerForm),
    Step("children", "The children"),
    Step("household", "Adults in the family"),
    Step("concerns", "What you are worried about", f.ConcernsForm),
    Step("consent", "Parents' knowledge and consent", f.ConsentForm),
    Step("professionals", "Other professionals", f.ProfessionalsForm),
    Step("language", "Language and interpreters", f.LanguageForm),
    Step("level", "Level of need", f.LevelForm),
    Step("indicators", "What you see", f.IndicatorsForm),
    Step("urgency", "How soon", f.UrgencyForm),
)
BY_SLUG = {step.slug: step for step in STEPS}
CHECK = "check"


def next_slug(slug: str) -> str:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index + 1].slug if index + 1 < len(STEPS) else CHECK


def previous_slug(slug: str) -> str | None:
    index = [s.slug for s in STEPS].index(slug) if slug != CHECK else len(STEPS)
    return STEPS[index - 1].slug if index > 0 else None
