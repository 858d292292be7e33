"""The eight features of a good referral (R1.3, Ofsted 2015 para 38), computed from the answers.

Shown to the referrer as prompts before they submit, and to the triage worker as a checklist. Computed, never
ticked: a box someone ticks says nothing about the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from earlyhelp.frontdoor.models import Consent, SupportRequest
from earlyhelp.people.models import YesNoUnknown

# Below this many characters an answer is a word, not an explanation.
MEANINGFUL = 40


@dataclass(frozen=True)
class QualityFeature:
    key: str
    title: str
    met: bool
    prompt: str
    step: str


def _says_something(text: str) -> bool:
    return len(text.strip()) >= MEANINGFUL


def check_referral_quality(request: SupportRequest) -> list[QualityFeature]:
    children = request.children
    consent_clear = request.parents_aware == YesNoUnknown.YES and request.consent == Consent.GIVEN
    consent_explained = bool(request.consent) and request.consent != Consent.GIVEN and bool(request.consent_reason)
    return [
        QualityFeature(
            "concerns",
            "The concerns and why they matter",
            _says_something(request.concerns),
            "Say what you have seen or heard, and why it worries you.",
            "concerns",
        ),
        QualityFeature(
            "threshold",
            "Reference to the threshold document",
            request.suggested_level_id is not None,
            "Say which level of need you think applies, and the indicators you see.",
            "level",
        ),
        QualityFeature(
            "impact_each_child",
            "The impact on each child",
            bool(children) and all(_says_something(c.impact) for c in children),
            "Describe how it affects each child day to day, one by one.",
            "children",
        ),
        QualityFeature(
            "consent",
            "Discussed with the parents, and consent",
            consent_clear or consent_explained,
            "Talk to the parents before you ask for help, unless that would put a child at risk; say why if not.",
            "consent",
        ),
        QualityFeature(
            "history",
            "What has been tried, and how it went",
            _says_something(request.tried_before) and bool(request.tried_outcome.strip()),
            "Say what help the family has had and whether it worked.",
            "concerns",
        ),
        QualityFeature(
            "strengths",
            "Strengths as well as risks",
            bool(request.strengths.strip()),
            "Say what is going well: strengths help plan the right support.",
            "concerns",
        ),
        QualityFeature(
            "professionals",
            "The views of other professionals",
            bool(request.professional_views.strip()),
            "Say what other professionals who know the family think.",
            "professionals",
        ),
        QualityFeature(
            "language",
            "Language and interpreter needs",
            request.interpreter_needed in (YesNoUnknown.YES, YesNoUnknown.NO),
            "Say whether anyone needs an interpreter, so the family is never asked to use a child.",
            "language",
        ),
    ]
