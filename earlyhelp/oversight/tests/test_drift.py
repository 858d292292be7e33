"""The drift rules (R6.6): each rule alone, none, combinations, and the thresholds on the boundary."""

from __future__ import annotations

import datetime

import pytest

from earlyhelp.oversight.drift import EpisodeFacts, drift_reasons

TODAY = datetime.date(2026, 6, 1)


def facts(days_open: int = 10, reviews: tuple[bool, ...] = (), risks: tuple[str, ...] = ()) -> EpisodeFacts:
    return EpisodeFacts(
        opened_on=TODAY - datetime.timedelta(days=days_open), reviews_progressing=reviews, parental_risks=risks
    )


def reasons(f: EpisodeFacts, **kwargs: int) -> list[str]:
    return drift_reasons(f, today=TODAY, **{"open_days": 270, "reviews_without_progress": 2, **kwargs})


def test_no_drift() -> None:
    assert reasons(facts()) == []


def test_progressing_reviews_with_a_parental_risk_do_not_drift() -> None:
    assert reasons(facts(reviews=(False, True), risks=("Domestic abuse",))) == []


@pytest.mark.parametrize(("days", "drifting"), [(269, False), (270, False), (271, True)])
def test_open_too_long_boundary(days: int, drifting: bool) -> None:
    result = reasons(facts(days_open=days))
    assert bool(result) is drifting
    if drifting:
        assert result == ["Open for 271 days (longer than 270)"]


def test_open_days_is_configurable() -> None:
    assert reasons(facts(days_open=31), open_days=30) == ["Open for 31 days (longer than 30)"]


@pytest.mark.parametrize(
    ("reviews", "drifting"),
    [
        ((), False),
        ((False,), False),  # one review without progress is not yet "in a row"
        ((False, False), True),
        ((True, False, False), True),
        ((False, False, True), False),  # progress at the latest review breaks the run
        ((False, True, False), False),
    ],
)
def test_consecutive_reviews_without_progress(reviews: tuple[bool, ...], drifting: bool) -> None:
    result = reasons(facts(reviews=reviews))
    assert ("2 reviews in a row without progress" in result) is drifting


def test_reviews_threshold_is_configurable() -> None:
    assert reasons(facts(reviews=(False, False)), reviews_without_progress=3) == []
    assert reasons(facts(reviews=(False, False, False)), reviews_without_progress=3) == [
        "3 reviews in a row without progress"
    ]


def test_parental_risk_without_progress_at_latest_review_considers_step_up() -> None:
    result = reasons(facts(reviews=(True, False), risks=("Domestic abuse",)))
    assert result == ["Domestic abuse with no progress at the latest review: consider step-up"]


def test_parental_risk_needs_a_completed_review() -> None:
    assert reasons(facts(risks=("Parental substance misuse",))) == []


def test_parental_risk_without_progress_alone_is_not_drift_without_a_risk() -> None:
    assert reasons(facts(reviews=(True, False))) == []


def test_several_risks_are_named_once_each() -> None:
    result = reasons(facts(reviews=(False,), risks=("Parental mental ill health", "Domestic abuse", "Domestic abuse")))
    assert result == [
        "Domestic abuse, Parental mental ill health with no progress at the latest review: consider step-up"
    ]


def test_all_rules_together() -> None:
    result = reasons(facts(days_open=400, reviews=(False, False), risks=("Domestic abuse",)))
    assert result == [
        "Open for 400 days (longer than 270)",
        "2 reviews in a row without progress",
        "Domestic abuse with no progress at the latest review: consider step-up",
    ]
