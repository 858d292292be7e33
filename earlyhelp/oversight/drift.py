"""Drift rules for the manager dashboard (R6.6, PS8). Pure: facts in, reasons out; no database, no settings.

The selector gathers an `EpisodeFacts` for each open episode in a fixed number of queries and passes the
configured thresholds (DRIFT_OPEN_DAYS, DRIFT_REVIEWS_WITHOUT_PROGRESS).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EpisodeFacts:
    opened_on: datetime.date
    # One entry per completed review, oldest first: True when at least one outcome was rated as progressing.
    reviews_progressing: tuple[bool, ...] = ()
    # Labels of the identified needs that carry a parental risk (domestic abuse, mental ill health, substance misuse).
    parental_risks: tuple[str, ...] = field(default_factory=tuple)


def drift_reasons(
    facts: EpisodeFacts, *, today: datetime.date, open_days: int = 270, reviews_without_progress: int = 2
) -> list[str]:
    """Why this episode is drifting, in plain words; empty when it is not."""
    reasons: list[str] = []
    days_open = (today - facts.opened_on).days
    if days_open > open_days:
        reasons.append(f"Open for {days_open} days (longer than {open_days})")
    reviews = facts.reviews_progressing
    recent = reviews[-reviews_without_progress:] if reviews_without_progress > 0 else ()
    if recent and len(reviews) >= reviews_without_progress and not any(recent):
        reasons.append(f"{reviews_without_progress} reviews in a row without progress")
    if facts.parental_risks and reviews and not reviews[-1]:
        risks = ", ".join(sorted(set(facts.parental_risks)))
        reasons.append(f"{risks} with no progress at the latest review: consider step-up")
    return reasons
