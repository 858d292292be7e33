"""Management oversight on the child's file, supervision and the manager dashboard (R6.1, R6.2, R6.6, PS8)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.audit.models import AccessEvent
from earlyhelp.closures.models import Closure
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.oversight import selectors, services
from earlyhelp.oversight.models import OversightEntry, Supervision, SupervisionCase
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.reviews.models import Progress, Review, ReviewOutcome, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER, team=team)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "manager": manager, "nurse": nurse, "team": team}


def record(case: dict[str, Any], user: Any, **extra: Any) -> OversightEntry:
    return services.oversight_record(
        user=user,
        episode=case["episode"],
        children=[case["maisie"]],
        plan_effectiveness="Attendance is up",
        child_circumstances="Improving",
        decisions="Continue the plan",
        **extra,
    )


# last_oversight_at ---------------------------------------------------------------------------------------------------


def _set_sources(case: dict[str, Any], latest: str) -> datetime.datetime:
    episode = case["episode"]
    base = timezone.now() - datetime.timedelta(days=20)
    winner = timezone.now() - datetime.timedelta(days=2)
    times = dict.fromkeys(("entry", "supervision", "assessment", "plan", "closure"), base)
    times[latest] = winner
    OversightEntry.objects.create(
        episode=episode,
        recorded_by=case["manager"],
        recorded_at=times["entry"],
        plan_effectiveness="x",
        child_circumstances="x",
        decisions="x",
    )
    supervision = Supervision.objects.create(
        practitioner=case["lead"], supervisor=case["manager"], held_on=timezone.localdate(times["supervision"])
    )
    SupervisionCase.objects.create(supervision=supervision, episode=episode, discussion="Discussed")
    case["assessment"].__class__.objects.filter(pk=case["assessment"].pk).update(signed_off_at=times["assessment"])
    case["plan"].__class__.objects.filter(pk=case["plan"].pk).update(approved_at=times["plan"])
    Closure.objects.create(episode=episode, requested_by=case["lead"], decided_at=times["closure"])
    if latest == "supervision":
        return selectors._noon(timezone.localdate(winner))
    return winner


@pytest.mark.parametrize("latest", ["entry", "supervision", "assessment", "plan", "closure"])
def test_last_oversight_at_picks_the_latest_source(case, latest, django_assert_max_num_queries) -> None:
    expected = _set_sources(case, latest)
    with django_assert_max_num_queries(5):
        assert selectors.last_oversight_at(case["episode"]) == expected


def test_last_oversight_at_is_none_without_oversight(case) -> None:
    assert selectors.last_oversight_at(case["episode"]) is None
    assert selectors.last_oversight_map([case["episode"].pk]) == {}


def test_last_oversight_map_uses_fixed_queries(case, django_assert_max_num_queries) -> None:
    _set_sources(case, "entry")
    with django_assert_max_num_queries(5):
        result = selectors.last_oversight_map([case["episode"].pk, 999999])
    assert set(result) == {case["episode"].pk}


# oversight_record ----------------------------------------------------------------------------------------------------


def test_manager_records_oversight_with_a_chronology_line(case) -> None:
    entry = record(case, case["manager"], actions="Review in four weeks")
    assert list(entry.children.all()) == [case["maisie"]]
    assert ChronologyEntry.objects.filter(episode=case["episode"], kind=ChronologyKind.OVERSIGHT).count() == 1
    assert selectors.last_oversight_at(case["episode"]) == entry.recorded_at


def test_lead_cannot_record_oversight(case) -> None:
    with pytest.raises(PermissionDenied):
        record(case, case["lead"])
    assert not OversightEntry.objects.exists()


def test_double_submit_records_once(case) -> None:
    token = uuid.uuid4()
    first = record(case, case["manager"], token=token)
    second = record(case, case["manager"], token=token)
    assert first.pk == second.pk
    assert OversightEntry.objects.count() == 1


def test_oversight_pages(case, sign_in) -> None:
    episode = case["episode"]
    add_url = reverse("oversight:entry_add", args=[episode.pk])
    assert sign_in(case["nurse"]).get(reverse("oversight:episode", args=[episode.pk])).status_code == 404
    assert sign_in(case["nurse"]).get(add_url).status_code == 404
    assert sign_in(case["lead"]).get(add_url).status_code == 404
    client = sign_in(case["manager"])
    token = str(uuid.uuid4())
    data = {
        "token": token,
        "children": [str(case["maisie"].pk), str(case["noah"].pk)],
        "plan_effectiveness": "Attendance is up",
        "child_circumstances": "Improving",
        "decisions": "Continue",
    }
    assert client.post(add_url, data).status_code == 302
    assert client.post(add_url, data).status_code == 302
    assert OversightEntry.objects.count() == 1
    page = client.get(reverse("oversight:episode", args=[episode.pk]))
    assert page.status_code == 200
    assert "Last management oversight:" in page.content.decode()
    assert "Attendance is up" in page.content.decode()
    empty = client.post(add_url, {"token": str(uuid.uuid4())})
    assert "Select which children the oversight is about" in empty.content.decode()


# Supervision ---------------------------------------------------------------------------------------------------------


def test_supervision_scoping(case, make_user, council, sign_in) -> None:
    other_team = TeamFactory(agency=council)
    stranger = make_user(roles.PRACTITIONER, team=other_team)
    manager = case["manager"]
    assert set(selectors.supervisees(manager)) == {case["lead"]}
    client = sign_in(manager)
    assert client.get(reverse("oversight:supervision_add", args=[stranger.pk])).status_code == 404
    listing = client.get(reverse("oversight:supervisions"))
    assert case["lead"].get_full_name() in listing.content.decode()
    assert stranger.get_full_name() not in listing.content.decode()
    service_manager = make_user(roles.SERVICE_MANAGER)
    assert stranger in set(selectors.supervisees(service_manager))
    with pytest.raises(PermissionDenied):
        services.supervision_record(user=manager, practitioner=stranger, held_on=timezone.localdate(), reflective=True)


def test_supervision_case_discussion_counts_as_oversight(case, sign_in) -> None:
    episode = case["episode"]
    client = sign_in(case["manager"])
    today = timezone.localdate()
    data = {
        "token": str(uuid.uuid4()),
        "held_on_day": today.day,
        "held_on_month": today.month,
        "held_on_year": today.year,
        "reflective": "yes",
        "cases": [str(episode.pk)],
        f"discussion_{episode.pk}": "Talked about Maisie's attendance",
        f"decisions_{episode.pk}": "Keep going",
    }
    response = client.post(reverse("oversight:supervision_add", args=[case["lead"].pk]), data)
    assert response.status_code == 302, response.content.decode()
    supervision = Supervision.objects.get()
    assert supervision.cases.get().episode == episode
    assert selectors.last_oversight_at(episode) == selectors._noon(today)
    detail = reverse("oversight:supervision_detail", args=[supervision.pk])
    assert sign_in(case["lead"]).get(detail).status_code == 200
    own = sign_in(case["lead"]).get(reverse("oversight:supervisions"))
    assert detail in own.content.decode()
    assert sign_in(case["nurse"]).get(detail).status_code == 404
    page = sign_in(case["manager"]).get(reverse("oversight:episode", args=[episode.pk]))
    assert "Talked about Maisie" in page.content.decode()


def test_supervision_case_must_be_discussed(case, sign_in) -> None:
    episode = case["episode"]
    today = timezone.localdate()
    data = {
        "token": str(uuid.uuid4()),
        "held_on_day": today.day,
        "held_on_month": today.month,
        "held_on_year": today.year,
        "reflective": "yes",
        "cases": [str(episode.pk)],
    }
    response = sign_in(case["manager"]).post(reverse("oversight:supervision_add", args=[case["lead"].pk]), data)
    assert response.status_code == 200
    assert f"Enter the discussion of {episode.reference}" in response.content.decode()
    assert not Supervision.objects.exists()


def test_supervision_overdue_status() -> None:
    today = datetime.date(2026, 6, 1)
    assert selectors.supervision_status(last_held_on=None, next_due_on=None, today=today) == (None, "overdue")
    due, status = selectors.supervision_status(last_held_on=datetime.date(2026, 4, 1), next_due_on=None, today=today)
    assert status == "overdue"
    due, status = selectors.supervision_status(
        last_held_on=datetime.date(2026, 5, 20), next_due_on=datetime.date(2026, 6, 5), today=today
    )
    assert (due, status) == (datetime.date(2026, 6, 5), "due")
    assert selectors.supervision_status(last_held_on=today, next_due_on=None, today=today)[1] == "up_to_date"


# Dashboard -----------------------------------------------------------------------------------------------------------


def _episodes(team: Any, lead: Any, count: int, *, days_open: int = 400) -> list[Episode]:
    made = []
    opened = timezone.now() - datetime.timedelta(days=days_open)
    for _ in range(count):
        family = FamilyFactory()
        Involvement.objects.create(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source="test")
        episode = Episode.objects.create(
            reference=f"EH26-D{uuid.uuid4().hex[:6]}",
            family=family,
            status=EpisodeStatus.OPEN,
            opened_at=opened,
            team=team,
            lead_practitioner=lead,
            allocated_at=opened,
        )
        Review.objects.create(episode=episode, number=1, due_on=timezone.localdate() - datetime.timedelta(days=3))
        made.append(episode)
    return made


def test_dashboard_is_for_managers_only(case, sign_in) -> None:
    assert sign_in(case["lead"]).get(reverse("oversight:dashboard")).status_code == 403


def test_dashboard_rows_and_scoping(case, make_user, council, sign_in) -> None:
    other_team = TeamFactory(agency=council)
    other_lead = make_user(roles.PRACTITIONER, team=other_team)
    hidden = _episodes(other_team, other_lead, 1)[0]
    mine = _episodes(case["team"], case["lead"], 1)[0]
    client = sign_in(case["manager"])
    before = AccessEvent.objects.count()
    response = client.get(reverse("oversight:dashboard"))
    assert AccessEvent.objects.count() == before + 1
    board = response.context["board"]
    assert hidden.pk not in {row.episode.pk for row in board.overdue_assessments}
    assert mine.pk in {row.episode.pk for row in board.overdue_assessments}
    assert mine.pk in {row.episode.pk for row in board.overdue_reviews}
    assert mine.pk in {row.episode.pk for row in board.without_oversight}
    assert mine.pk in {row.episode.pk for row in board.drift}
    assert hidden.reference not in response.content.decode()
    caseload = {row.practitioner: row.open_cases for row in board.caseloads}
    assert caseload[case["lead"]] == 2
    # A team manager cannot pick another team.
    other = client.get(reverse("oversight:dashboard"), {"team": other_team.pk})
    assert other.context["board"].team == case["team"]


def test_dashboard_drift_consider_step_up(case, sign_in) -> None:
    episode = case["episode"]
    review = Review.objects.create(
        episode=episode, number=1, due_on=timezone.localdate(), status=ReviewStatus.COMPLETED
    )
    ReviewOutcome.objects.create(
        review=review, plan_outcome=case["plan_outcome"], progress=Progress.NO_CHANGE, impact_evidence="None yet"
    )
    area = NeedArea.objects.exclude(parental_risk="").first()
    assert area is not None
    EpisodeNeed.objects.create(
        episode=episode,
        area=area,
        description="Test need",
        identified_at=timezone.now(),
        identified_by=case["lead"],
    )
    board = sign_in(case["manager"]).get(reverse("oversight:dashboard")).context["board"]
    rows = {row.episode.pk: row.reasons for row in board.drift}
    assert any("consider step-up" in reason for reason in rows[episode.pk])


def test_dashboard_queries_are_bounded(case, sign_in, django_assert_max_num_queries) -> None:
    client = sign_in(case["manager"])
    _episodes(case["team"], case["lead"], 2)
    client.get(reverse("oversight:dashboard"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("oversight:dashboard"))
    _episodes(case["team"], case["lead"], 6)
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("oversight:dashboard"))
    assert response.context["board"].open_episodes == 9


def test_service_manager_chooses_a_team(case, make_user, council, sign_in) -> None:
    other_team = TeamFactory(agency=council, name="Zeta team")
    other_lead = make_user(roles.PRACTITIONER, team=other_team)
    theirs = _episodes(other_team, other_lead, 1)[0]
    service_manager = make_user(roles.SERVICE_MANAGER)
    client = sign_in(service_manager)
    response = client.get(reverse("oversight:dashboard"), {"team": other_team.pk})
    assert response.status_code == 200
    assert response.context["board"].team == other_team
    assert theirs.pk in {row.episode.pk for row in response.context["board"].overdue_assessments}
