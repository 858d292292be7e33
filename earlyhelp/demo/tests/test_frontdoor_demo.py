"""manage.py seed fills the front door: a queue with work in it, decisions of every kind, and their follow-up."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from earlyhelp.frontdoor.models import (
    ChildOutcome,
    Decision,
    Feedback,
    NfaReview,
    Outcome,
    RequestPerson,
    RequestSource,
    RequestStatus,
    SupportRequest,
    Urgency,
)
from earlyhelp.frontdoor.quality import check_referral_quality
from earlyhelp.frontdoor.selectors import early_help_teams, triage_counts
from earlyhelp.timescales.working_days import clock_start

OPEN = [RequestStatus.NEW, RequestStatus.AWAITING_INFORMATION]


def run_seed(**options: object) -> str:
    out = io.StringIO()
    call_command("seed", stdout=out, **{"families": 30, "seed": 7, "no_progress": True, "verbosity": 0, **options})
    return out.getvalue()


@pytest.fixture
def seeded(db: None) -> None:
    run_seed()


def test_the_queue_has_open_overdue_and_urgent_work(seeded: None) -> None:
    counts = triage_counts()
    assert counts["all"] >= 12
    assert counts["overdue"] >= 1
    assert counts["awaiting"] >= 1
    open_requests = SupportRequest.objects.filter(status__in=OPEN)
    assert open_requests.filter(urgency=Urgency.SAFEGUARDING, source=RequestSource.PROFESSIONAL).exists()
    assert open_requests.filter(due_at__gte=timezone.now()).exists()  # not everything is late
    professional = open_requests.filter(source=RequestSource.PROFESSIONAL)
    assert {r.created_by.email for r in professional} >= {"dsl@example.org", "referrer@example.org"}
    assert all(1 <= len(r.children) <= 3 for r in professional.prefetch_related("people"))
    # Some requests meet all eight features of a good referral, others miss several.
    met = [sum(f.met for f in check_referral_quality(r)) for r in professional.prefetch_related("people")]
    assert max(met) == 8
    assert min(met) <= 4
    assert professional.filter(suggested_level__isnull=False, suggested_indicators__isnull=False).exists()


def test_families_ask_for_help_themselves(seeded: None) -> None:
    family = SupportRequest.objects.filter(source=RequestSource.FAMILY)
    assert family.count() == 3
    assert all(r.status == RequestStatus.NEW and r.contact_name and r.submission_token for r in family)


def test_decided_requests_show_every_outcome_and_what_follows(seeded: None) -> None:
    decided = SupportRequest.objects.filter(status=RequestStatus.DECIDED)
    assert decided.count() >= 8
    assert set(ChildOutcome.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    teams = set(early_help_teams().values_list("pk", flat=True))
    for outcome in ChildOutcome.objects.filter(outcome=Outcome.EARLY_HELP):
        assert outcome.team_id in teams
    assert ChildOutcome.objects.filter(outcome=Outcome.SOCIAL_CARE, social_care_reference__startswith="CSC-").exists()
    assert not ChildOutcome.objects.filter(outcome=Outcome.ADVICE, support_detail="").exists()
    # R1.7: the "Identified need, no help in place" list is not empty.
    assert ChildOutcome.objects.filter(
        outcome=Outcome.NO_FURTHER_ACTION, decision__needs_identified=True, offer_of_help=""
    ).exclude(no_help_reason="")
    assert set(Decision.objects.values_list("decided_by__email", flat=True)) == {"frontdoor@example.org"}
    # Every child in a decided request is linked to the register.
    assert not RequestPerson.objects.filter(request__in=decided, is_child=True, matched_person=None).exists()
    sent = Feedback.objects.filter(sent_at__isnull=False)
    assert sent.count() > Feedback.objects.count() / 2
    assert sent.filter(read_at__isnull=False).exists()
    assert NfaReview.objects.filter(reviewed_at__isnull=True).exists()
    assert NfaReview.objects.filter(reviewed_by__email="teammanager@example.org").exists()


def test_dates_spread_over_the_year_with_due_times_from_the_clock(seeded: None) -> None:
    now = timezone.now()
    submitted = SupportRequest.objects.exclude(status=RequestStatus.DRAFT)
    oldest = min(r.submitted_at for r in submitted if r.submitted_at)
    assert (now - oldest).days > 365
    for request in submitted:
        assert request.submitted_at is not None
        assert request.created_at <= request.submitted_at <= now
        assert request.due_at == clock_start(request.submitted_at).due_at
        assert request.reference == f"R{timezone.localtime(request.submitted_at):%y}-{request.pk:06d}"
    for decision in Decision.objects.select_related("request"):
        assert decision.request.submitted_at is not None
        assert decision.request.submitted_at < decision.decided_at < now
    references = list(submitted.values_list("reference", flat=True))
    assert len(set(references)) == len(references)
    numbers = [n for n in RequestPerson.objects.values_list("nhs_number", flat=True) if n]
    assert numbers
    assert all(n.startswith("999") for n in numbers)


def test_an_open_request_is_a_repeat_of_an_earlier_one(seeded: None) -> None:
    earlier = RequestPerson.objects.filter(
        request__status=RequestStatus.DECIDED, is_child=True, matched_person__isnull=False
    ).values("matched_person")
    repeat = RequestPerson.objects.filter(request__status__in=OPEN, is_child=True, matched_person__in=earlier)
    assert repeat.exists()
    assert NfaReview.objects.filter(reason=NfaReview.Reason.REPEAT).exists()


def test_some_names_differ_from_the_register_so_matching_has_work(seeded: None) -> None:
    people = RequestPerson.objects.filter(request__status__in=OPEN, is_child=True).exclude(matched_person=None)
    assert people.exists()
    unmatched = RequestPerson.objects.filter(request__status__in=OPEN, is_child=True, matched_person=None)
    assert unmatched.count() >= 10


def test_the_same_seed_gives_the_same_front_door(db: None) -> None:
    fingerprints = []
    for _ in range(2):
        with transaction.atomic():
            run_seed()
            fingerprints.append(
                sorted(
                    RequestPerson.objects.values_list(
                        "request__source", "request__status", "first_name", "last_name", "date_of_birth"
                    )
                )
            )
            transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]


def test_if_empty_on_a_seeded_database_adds_no_requests(seeded: None) -> None:
    before = (SupportRequest.objects.count(), RequestPerson.objects.count(), Decision.objects.count())
    output = run_seed(if_empty=True, families=5, seed=99, verbosity=1)
    assert "nothing added" in output
    assert (SupportRequest.objects.count(), RequestPerson.objects.count(), Decision.objects.count()) == before
