"""The sampling rules of an audit programme, as pure functions over candidates the selectors gather (R7.2).

Each rule answers which candidates qualify; drawing the sample from them is `draw`, seeded so that the same
candidates, size and seed always give the same sample (the seed is stored with each chosen case).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Mapping

# R7.2: audit about six weeks after the plan is in place; a fortnight either side of day 42.
PLAN_AGE_DAYS = (35, 49)


def draw(candidates: Iterable[int], *, size: int, seed: int) -> list[int]:
    """`size` candidates chosen at random with `seed` (all of them if there are fewer), in the order drawn.
    Candidates are sorted first so the result does not depend on the order a query returned them in."""
    pool = sorted(set(candidates))
    if size <= 0:
        return []
    return random.Random(seed).sample(pool, min(size, len(pool)))  # noqa: S311 - reproducible, not secret


def plans_about_six_weeks(first_approved: Mapping[int, datetime.date], *, on: datetime.date) -> list[int]:
    """Episodes whose plan was first approved 35 to 49 days before `on` (both ends included)."""
    low, high = PLAN_AGE_DAYS
    return sorted(pk for pk, approved in first_approved.items() if low <= (on - approved).days <= high)


def no_further_action(outcomes: Mapping[int, Iterable[str]], *, nfa: str) -> list[int]:
    """Decisions in which at least one child's outcome was no further action."""
    return sorted(pk for pk, values in outcomes.items() if nfa in set(values))


def parental_risk(risks: Mapping[int, Iterable[str]]) -> list[int]:
    """Episodes with at least one live need carrying a parental risk (domestic abuse, mental ill health,
    substance misuse)."""
    return sorted(pk for pk, values in risks.items() if any(values))
