"""Choosing an audit programme's sample (R7.2, ADR 0011): the pure rules in quality/sampling.py, the selectors that
gather their candidates from the database, and the services that store the chosen cases."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from earlyhelp.access import roles
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.frontdoor.models import ChildOutcome, Decision, Outcome
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.plans.models import Plan
from earlyhelp.quality import sampling
from earlyhelp.quality.models import AuditProgramme, AuditTemplate, CaseAudit, SampleRule
from earlyhelp.quality.selectors import decision_candidates, episode_candidates
from earlyhelp.quality.services import programme_case_add, programme_sample
from earlyhelp.thresholds.selectors import threshold_current

ON = datetime.date(2026, 11, 24)
_references = count(1)


# The pure rules


def test_draw_is_reproducible_with_the_same_seed():
    """The seed stored with a sample reproduces it exactly."""
    pool = list(range(1, 101))
    assert sampling.draw(pool, size=10, seed=7) == sampling.draw(pool, size=10, seed=7)
    assert sampling.draw(pool, size=10, seed=7) != sampling.draw(pool, size=10, seed=8)


def test_draw_does_not_depend_on_the_order_of_the_candidates():
    """A query returning the same candidates in another order still gives the same sample."""
    pool = list(range(1, 51))
    assert sampling.draw(pool, size=5, seed=3) == sampling.draw(list(reversed(pool)), size=5, seed=3)
    assert sampling.draw(pool, size=5, seed=3) == sampling.draw(sorted(pool, key=lambda n: n % 7), size=5, seed=3)


def test_draw_takes_the_whole_pool_when_asked_for_more_than_it_holds():
    assert sorted(sampling.draw([5, 3, 9], size=10, seed=1)) == [3, 5, 9]


@pytest.mark.parametrize("size", [0, -1])
def test_draw_of_no_cases_is_empty(size):
    assert sampling.draw([1, 2, 3], size=size, seed=1) == []
    assert sampling.draw([], size=3, seed=1) == []


def test_draw_never_repeats_a_candidate():
    """Duplicates in the candidates (a join returning a row twice) never put a case in the sample twice."""
    drawn = sampling.draw([1, 1, 2, 2, 3, 3, 4], size=4, seed=11)
    assert len(drawn) == len(set(drawn)) == 4


@given(
    pool=st.lists(st.integers(min_value=1, max_value=10_000), max_size=60),
    size=st.integers(min_value=0, max_value=80),
    seed=st.integers(min_value=0, max_value=2**31),
)
def test_draw_is_a_subset_of_the_pool_of_the_expected_size(pool, size, seed):
    """Property: the sample holds min(size, distinct candidates) distinct members of the pool."""
    drawn = sampling.draw(pool, size=size, seed=seed)
    assert set(drawn) <= set(pool)
    assert len(drawn) == len(set(drawn)) == min(size, len(set(pool)))


@pytest.mark.parametrize(("days", "included"), [(34, False), (35, True), (42, True), (49, True), (50, False)])
def test_plans_about_six_weeks_boundaries(days, included):
    """First approved 35 to 49 days before the sampling date, both ends included."""
    chosen = sampling.plans_about_six_weeks({1: ON - datetime.timedelta(days=days)}, on=ON)
    assert chosen == ([1] if included else [])


def test_plans_about_six_weeks_sorts_its_result():
    approvals = {9: ON - datetime.timedelta(days=40), 2: ON - datetime.timedelta(days=36), 5: ON}
    assert sampling.plans_about_six_weeks(approvals, on=ON) == [2, 9]


def test_no_further_action_needs_one_child_with_that_outcome():
    outcomes = {3: ["advice", "nfa"], 1: ["nfa"], 2: ["advice", "early_help"], 4: []}
    assert sampling.no_further_action(outcomes, nfa="nfa") == [1, 3]


def test_parental_risk_ignores_needs_with_no_risk():
    """A need area with a blank parental risk does not qualify an episode."""
    risks = {1: ["", "domestic_abuse"], 2: ["", ""], 3: [], 4: ["substance_misuse"]}
    assert sampling.parental_risk(risks) == [1, 4]


# Candidates from the database


def make_episode(*, status: str = EpisodeStatus.OPEN, **extra) -> Episode:
    n = next(_references)
    return Episode.objects.create(
        reference=f"EH26-S{n:05d}",
        family=FamilyFactory(name=f"Sample family {n}"),
        status=status,
        opened_at=timezone.now() - datetime.timedelta(days=60),
        **extra,
    )


def make_decision(user, *, outcomes: tuple[str, ...], days_ago: int = 1) -> Decision:
    request = SupportRequestFactory(status="decided", reference=f"R26-S{next(_references):04d}", created_by=user)
    level = threshold_current().levels.first()
    decision = Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=timezone.now() - datetime.timedelta(days=days_ago),
        threshold_document=level.document,
        level=level,
        needs_identified=False,
        rationale="Test",
        consent_position="given",
    )
    for outcome in outcomes:
        ChildOutcome.objects.create(decision=decision, child=RequestChildFactory(request=request), outcome=outcome)
    return decision


@pytest.fixture
def sampler(make_user):
    return make_user(roles.TEAM_MANAGER)


@pytest.mark.django_db
def test_random_candidates_are_the_open_live_episodes():
    """Closed and archived episodes are never sampled."""
    open_episode = make_episode()
    waiting = make_episode(status=EpisodeStatus.AWAITING_ALLOCATION)
    closed = make_episode(status=EpisodeStatus.CLOSED, closed_at=timezone.now())
    archived = make_episode(archived_at=timezone.now())
    chosen = episode_candidates(rule=SampleRule.RANDOM, on=timezone.localdate())
    assert {open_episode.pk, waiting.pk} <= set(chosen)
    assert closed.pk not in chosen
    assert archived.pk not in chosen


@pytest.mark.django_db
def test_plan_candidates_are_plans_first_approved_about_six_weeks_ago(sampler):
    now = timezone.now()
    forty = make_episode()
    Plan.objects.create(episode=forty, created_by=sampler, first_approved_at=now - datetime.timedelta(days=40))
    twenty = make_episode()
    Plan.objects.create(episode=twenty, created_by=sampler, first_approved_at=now - datetime.timedelta(days=20))
    never = make_episode()
    Plan.objects.create(episode=never, created_by=sampler)
    closed = make_episode(status=EpisodeStatus.CLOSED, closed_at=now)
    Plan.objects.create(episode=closed, created_by=sampler, first_approved_at=now - datetime.timedelta(days=40))
    archived = make_episode()
    Plan.objects.create(
        episode=archived, created_by=sampler, first_approved_at=now - datetime.timedelta(days=40), archived_at=now
    )
    assert episode_candidates(rule=SampleRule.PLAN_SIX_WEEKS, on=timezone.localdate()) == [forty.pk]


@pytest.mark.django_db
def test_parental_risk_candidates_have_a_live_need_with_a_risk(sampler):
    """A live domestic-abuse need qualifies; an archived one, or a need with no parental risk, does not."""
    domestic_abuse = NeedArea.objects.filter(parental_risk="domestic_abuse").first()
    no_risk = NeedArea.objects.filter(parental_risk="").first()
    assert domestic_abuse is not None, "need areas are seeded by migration"
    assert no_risk is not None
    now = timezone.now()

    def need(episode, area, **extra):
        return EpisodeNeed.objects.create(
            episode=episode, area=area, description="Seen", identified_at=now, identified_by=sampler, **extra
        )

    live = make_episode()
    need(live, domestic_abuse)
    archived = make_episode()
    need(archived, domestic_abuse, archived_at=now, archive_reason="Recorded in error")
    other = make_episode()
    need(other, no_risk)
    assert episode_candidates(rule=SampleRule.PARENTAL_RISK, on=timezone.localdate()) == [live.pk]


@pytest.mark.django_db
def test_episode_candidates_refuse_a_rule_for_decisions():
    with pytest.raises(ValueError, match="nfa"):
        episode_candidates(rule=SampleRule.NO_FURTHER_ACTION, on=timezone.localdate())


@pytest.mark.django_db
def test_nfa_candidates_are_decisions_within_the_lookback(sampler):
    """No further action for at least one child, decided in the last 90 days."""
    recent = make_decision(sampler, outcomes=("advice", Outcome.NO_FURTHER_ACTION), days_ago=10)
    old = make_decision(sampler, outcomes=(Outcome.NO_FURTHER_ACTION,), days_ago=100)
    advice = make_decision(sampler, outcomes=(Outcome.ADVICE,), days_ago=10)
    today = timezone.localdate()
    assert decision_candidates(rule=SampleRule.NO_FURTHER_ACTION, on=today) == [recent.request_id]
    assert set(decision_candidates(rule=SampleRule.RANDOM, on=today)) == {recent.request_id, advice.request_id}
    assert old.request_id in decision_candidates(rule=SampleRule.RANDOM, on=today - datetime.timedelta(days=30))


# Sampling into a programme


def programme(lead, code: str = "early-help-case-audit") -> AuditProgramme:
    today = timezone.localdate()
    return AuditProgramme.objects.create(
        name=f"Programme {next(_references)}",
        template=AuditTemplate.objects.get(code=code),
        window_start=today,
        window_end=today + datetime.timedelta(days=28),
        lead=lead,
    )


@pytest.mark.django_db
def test_only_the_lead_may_sample(sampler, make_user):
    make_episode()
    with pytest.raises(PermissionDenied):
        programme_sample(user=make_user(roles.TEAM_MANAGER), programme=programme(sampler), rule="random", size=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("early-help-case-audit", SampleRule.NO_FURTHER_ACTION),
        ("front-door-threshold-audit", SampleRule.PLAN_SIX_WEEKS),
        ("front-door-threshold-audit", SampleRule.PARENTAL_RISK),
        ("early-help-case-audit", SampleRule.BY_HAND),
    ],
)
def test_the_rule_must_fit_the_template(sampler, code, rule):
    with pytest.raises(ValidationError) as refused:
        programme_sample(user=sampler, programme=programme(sampler, code), rule=rule, size=1)
    assert "rule" in refused.value.error_dict


@pytest.mark.django_db
def test_sampled_cases_store_the_rule_and_the_seed(sampler):
    episodes = {make_episode().pk for _ in range(3)}
    chosen = programme_sample(user=sampler, programme=programme(sampler), rule=SampleRule.RANDOM, size=2, seed=99)
    assert len(chosen) == 2
    for case in chosen:
        case.refresh_from_db()
        assert (case.rule, case.sample_seed, case.chosen_by) == (SampleRule.RANDOM, 99, sampler)
        assert case.episode_id in episodes
        assert case.family_id == case.episode.family_id


@pytest.mark.django_db
def test_sampling_twice_never_adds_a_case_twice(sampler):
    episodes = {make_episode().pk for _ in range(3)}
    target = programme(sampler)
    programme_sample(user=sampler, programme=target, rule=SampleRule.RANDOM, size=2, seed=1)
    programme_sample(user=sampler, programme=target, rule=SampleRule.RANDOM, size=2, seed=2)
    sampled = list(target.cases.values_list("episode_id", flat=True))
    assert sorted(sampled) == sorted(episodes)


@pytest.mark.django_db
def test_the_same_draw_sent_twice_adds_its_cases_once(sampler):
    """A double submit (same rule, same seed) returns the first draw's cases instead of drawing again."""
    for _ in range(6):
        make_episode()
    target = programme(sampler)
    first = programme_sample(user=sampler, programme=target, rule=SampleRule.RANDOM, size=2, seed=9)
    again = programme_sample(user=sampler, programme=target, rule=SampleRule.RANDOM, size=2, seed=9)
    assert [c.pk for c in again] == [c.pk for c in first]
    assert target.cases.count() == 2


@pytest.mark.django_db
def test_the_same_seed_on_the_same_data_gives_the_same_episodes(sampler):
    for _ in range(8):
        make_episode()
    first = programme_sample(user=sampler, programme=programme(sampler), rule=SampleRule.RANDOM, size=3, seed=2026)
    again = programme_sample(user=sampler, programme=programme(sampler), rule=SampleRule.RANDOM, size=3, seed=2026)
    assert [c.episode_id for c in first] == [c.episode_id for c in again]


@pytest.mark.django_db
def test_a_threshold_programme_samples_decided_requests(sampler):
    nfa = make_decision(sampler, outcomes=(Outcome.NO_FURTHER_ACTION,))
    make_decision(sampler, outcomes=(Outcome.ADVICE,))
    chosen = programme_sample(
        user=sampler,
        programme=programme(sampler, "front-door-threshold-audit"),
        rule=SampleRule.NO_FURTHER_ACTION,
        size=5,
        seed=4,
    )
    assert [(c.request_id, c.episode_id, c.rule) for c in chosen] == [
        (nfa.request_id, None, SampleRule.NO_FURTHER_ACTION)
    ]


@pytest.mark.django_db
def test_a_case_is_added_by_hand_by_its_reference(sampler):
    episode = make_episode()
    target = programme(sampler)
    case = programme_case_add(user=sampler, programme=target, reference=f"  {episode.reference.lower()} ")
    assert (case.episode, case.family, case.rule, case.sample_seed) == (
        episode,
        episode.family,
        SampleRule.BY_HAND,
        None,
    )


@pytest.mark.django_db
def test_adding_an_unknown_reference_is_refused(sampler):
    with pytest.raises(ValidationError) as refused:
        programme_case_add(user=sampler, programme=programme(sampler), reference="EH26-NOPE")
    assert "reference" in refused.value.error_dict


@pytest.mark.django_db
def test_adding_a_case_already_in_the_programme_is_refused(sampler):
    episode = make_episode()
    target = programme(sampler)
    first = programme_case_add(user=sampler, programme=target, reference=episode.reference)
    with pytest.raises(ValidationError) as refused:
        programme_case_add(user=sampler, programme=target, reference=episode.reference)
    assert first.reference in str(refused.value.error_dict["reference"])
    assert CaseAudit.objects.filter(programme=target).count() == 1


@pytest.mark.django_db
def test_only_the_lead_may_add_by_hand(sampler, make_user):
    episode = make_episode()
    with pytest.raises(PermissionDenied):
        programme_case_add(
            user=make_user(roles.TEAM_MANAGER), programme=programme(sampler), reference=episode.reference
        )
