"""The Supporting Families rules (R5.5), pure: no database, so every path is tested exhaustively.

A family is eligible with needs under at least SUPPORTING_FAMILIES_MIN_HEADLINES distinct headline outcomes, with
dependent children, a lead practitioner, a whole-family assessment signed off and an approved plan. A claim needs a
positive outcome (significant improvement) on every need at an approved closure, sustained six months later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings


class Status(StrEnum):
    NOT_ELIGIBLE = "not_eligible"
    ELIGIBLE_IN_PROGRESS = "eligible_in_progress"
    OUTCOMES_NOT_MET = "outcomes_not_met"
    AWAITING_SUSTAINMENT = "awaiting_sustainment"
    READY_TO_CLAIM = "ready_to_claim"
    NOT_SUSTAINED = "not_sustained"
    CLAIMED = "claimed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.NOT_ELIGIBLE: "Not eligible",
    Status.ELIGIBLE_IN_PROGRESS: "Eligible: work in progress",
    Status.OUTCOMES_NOT_MET: "Outcomes not met",
    Status.AWAITING_SUSTAINMENT: "Waiting for the six-month check",
    Status.READY_TO_CLAIM: "Ready to claim",
    Status.NOT_SUSTAINED: "Not sustained",
    Status.CLAIMED: "Claimed",
}

SIGNIFICANT = "significant"


@dataclass(frozen=True)
class NeedFact:
    label: str
    headline: str | None  # the Supporting Families headline code, None when the area maps to none
    improvement: str | None = None  # none, some or significant at the approved closure; None when not rated


@dataclass(frozen=True)
class Facts:
    has_children: bool
    needs: tuple[NeedFact, ...]
    assessment_signed_off: bool
    has_lead: bool
    plan_approved: bool
    closed: bool = False  # closed with an approved closure that has not been reopened
    follow_up_due: datetime.date | None = None
    follow_up_checked: bool = False
    came_back: bool | None = None
    claimed: bool = False


@dataclass(frozen=True)
class Result:
    status: Status
    headlines: frozenset[str]
    reasons: tuple[str, ...] = ()  # why not eligible
    needs_not_met: tuple[str, ...] = ()  # the needs without significant improvement
    due_on: datetime.date | None = None  # the six-month check, while awaiting sustainment


def headlines_of(needs: tuple[NeedFact, ...]) -> frozenset[str]:
    return frozenset(need.headline for need in needs if need.headline)


def eligible(headline_codes: set[str] | frozenset[str]) -> bool:
    """At least SUPPORTING_FAMILIES_MIN_HEADLINES distinct headlines (two needs under one headline count once)."""
    return len({code for code in headline_codes if code}) >= settings.SUPPORTING_FAMILIES_MIN_HEADLINES


def eligibility_reasons(facts: Facts) -> tuple[str, ...]:
    headlines = headlines_of(facts.needs)
    reasons = []
    if not facts.has_children:
        reasons.append("The family has no dependent children in this episode")
    if not eligible(headlines):
        reasons.append(
            f"Needs are recorded under {len(headlines)} headline outcome{'s' if len(headlines) != 1 else ''}: "
            f"at least {settings.SUPPORTING_FAMILIES_MIN_HEADLINES} are needed"
        )
    if not facts.has_lead:
        reasons.append("No lead practitioner is allocated")
    if not facts.assessment_signed_off:
        reasons.append("The whole-family assessment is not signed off")
    if not facts.plan_approved:
        reasons.append("The family's plan is not approved")
    return tuple(reasons)


def claim_status(facts: Facts) -> Result:
    headlines = headlines_of(facts.needs)
    if facts.claimed:
        return Result(Status.CLAIMED, headlines)
    reasons = eligibility_reasons(facts)
    if reasons:
        return Result(Status.NOT_ELIGIBLE, headlines, reasons=reasons)
    if not facts.closed:
        return Result(Status.ELIGIBLE_IN_PROGRESS, headlines)
    not_met = tuple(need.label for need in facts.needs if need.improvement != SIGNIFICANT)
    if not_met:
        return Result(Status.OUTCOMES_NOT_MET, headlines, needs_not_met=not_met)
    if facts.follow_up_checked and facts.came_back:
        return Result(Status.NOT_SUSTAINED, headlines)
    if not facts.follow_up_checked:
        return Result(Status.AWAITING_SUSTAINMENT, headlines, due_on=facts.follow_up_due)
    return Result(Status.READY_TO_CLAIM, headlines)
