"""manage.py seed --history: case history in proportion to the families, consistent, and enough for every report."""

from __future__ import annotations

import io
from collections import Counter

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from earlyhelp.closures.models import Closure, ClosureStatus, NeedOutcome
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.frontdoor.models import ChildOutcome, Decision, RequestStatus, SupportRequest
from earlyhelp.people.models import Family
from earlyhelp.reporting.filters import ReportFilter, financial_year_of
from earlyhelp.reporting.registry import sections
from earlyhelp.transitions.models import StepUp

# Above the 80 families the demo's own episodes take (synthetic.AccessPlan), so history has families to draw from.
FAMILIES = 200


def test_seed_with_history(db: None) -> None:
    """One seed, several checks: seeding is the slow part."""
    call_command(
        "seed", families=FAMILIES, seed=3, no_progress=True, history=True, stdout=io.StringIO(), stderr=io.StringIO()
    )
    check_history_in_proportion_to_the_families()
    check_references_are_unique()
    check_every_decided_request_has_one_decision()
    check_every_closed_episode_has_an_approved_closure_with_an_outcome_per_need()
    check_every_report_section_builds()


def history_episodes() -> list[Episode]:
    return list(Episode.objects.filter(reference__contains="-H"))


def check_history_in_proportion_to_the_families() -> None:
    requests = SupportRequest.objects.filter(reference__startswith="RH")
    assert Family.objects.count() == FAMILIES
    assert 0 < requests.count() < FAMILIES
    episodes = history_episodes()
    assert 0 < len(episodes) < requests.count()
    assert {e.status for e in episodes} >= {EpisodeStatus.OPEN, EpisodeStatus.CLOSED}
    # Spread over three years, none in the future.
    dates = sorted(requests.values_list("submitted_at", flat=True))
    assert dates[-1] < timezone.now()
    assert (dates[-1] - dates[0]).days > 365 * 2
    # Every request names at least one child, matched to the register.
    assert not requests.annotate(n=Count("people")).filter(n=0).exists()


def check_references_are_unique() -> None:
    for values in (
        SupportRequest.objects.values_list("reference", flat=True),
        Episode.objects.values_list("reference", flat=True),
        StepUp.objects.values_list("reference", flat=True),
    ):
        counts = Counter(values)
        assert not [ref for ref, n in counts.items() if n > 1]


def check_every_decided_request_has_one_decision() -> None:
    decided = SupportRequest.objects.filter(reference__startswith="RH", status=RequestStatus.DECIDED)
    assert decided.exists()
    assert Decision.objects.filter(request__in=decided).count() == decided.count()
    assert not Decision.objects.filter(request__reference__startswith="RH").exclude(request__in=decided).exists()
    # Each child has an outcome, and early help decisions opened the episode.
    for decision in Decision.objects.filter(request__in=decided).prefetch_related("outcomes", "request__people"):
        assert len(decision.outcomes.all()) == len(decision.request.people.all())
    early_help = ChildOutcome.objects.filter(decision__request__in=decided, outcome="early_help")
    assert Episode.objects.filter(source_decision__in=early_help.values("decision")).count() == (
        early_help.values("decision").distinct().count()
    )


def check_every_closed_episode_has_an_approved_closure_with_an_outcome_per_need() -> None:
    closed = [e for e in history_episodes() if e.status == EpisodeStatus.CLOSED]
    assert closed
    for episode in closed:
        closure = Closure.objects.get(episode=episode)
        assert closure.status == ClosureStatus.APPROVED
        assert closure.decided_at == episode.closed_at
        assert episode.closure_reason == closure.reason
        needs = set(episode.needs.values_list("pk", flat=True))
        assert needs
        assert set(NeedOutcome.objects.filter(closure=closure).values_list("need_id", flat=True)) == needs
        assert closure.follow_ups.count() == 2


def check_every_report_section_builds() -> None:
    start, _ = financial_year_of(timezone.localdate())
    last_start, last_end = financial_year_of(start.replace(year=start.year - 1))
    for f in (ReportFilter(start=last_start, end=last_end), ReportFilter(start=start, end=timezone.localdate())):
        for section in sections():
            assert section.build(f) is not None, section.slug
