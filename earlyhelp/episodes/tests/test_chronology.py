"""The family's chronology: every episode's lines, newest first, filtered by kind, with who recorded each."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.access.policy import Relationship
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus, Visibility
from earlyhelp.episodes.selectors import EpisodeAccess, chronology_page
from earlyhelp.episodes.tests.case_context import build_case_context


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER, email="lead.practitioner@example.invalid")
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "nurse": nurse, "family": family}


def line(case, days_ago, kind=ChronologyKind.REVIEW, summary="A review", **extra):
    return ChronologyEntry.objects.create(
        family=case["family"],
        episode=extra.pop("episode", case["episode"]),
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        kind=kind,
        summary=summary,
        recorded_by=extra.pop("recorded_by", case["lead"]),
        **extra,
    )


def test_the_chronology_shows_every_episode_of_the_family_newest_first(case, sign_in):
    earlier = Episode.objects.create(
        reference="EH24-T00001",
        family=case["family"],
        status=EpisodeStatus.CLOSED,
        opened_at=timezone.now() - datetime.timedelta(days=900),
        closed_at=timezone.now() - datetime.timedelta(days=700),
    )
    line(case, 800, kind=ChronologyKind.ASSESSMENT, summary="Assessment in the earlier episode", episode=earlier)
    line(case, 3, summary="Review of the plan")
    client = sign_in(case["lead"])
    page = client.get(reverse("episodes:chronology", args=[case["episode"].pk])).content.decode()
    assert 'class="moj-timeline"' in page
    assert page.index("Review of the plan") < page.index("Assessment in the earlier episode")
    assert "EH24-T00001" in page
    assert "lead.practitioner@example.invalid" in page or case["lead"].get_full_name() in page


def test_the_chronology_is_filtered_by_kind(case, sign_in):
    line(case, 2, kind=ChronologyKind.SIGNIFICANT_EVENT, summary="Police called to the home")
    line(case, 1, summary="Review of the plan")
    client = sign_in(case["lead"])
    url = reverse("episodes:chronology", args=[case["episode"].pk])
    page = client.get(url, {"kind": ChronologyKind.SIGNIFICANT_EVENT}).content.decode()
    assert "Police called to the home" in page
    assert "Review of the plan" not in page
    # An unknown kind shows everything rather than failing.
    assert "Review of the plan" in client.get(url, {"kind": "nonsense"}).content.decode()


def test_the_chronology_is_case_only(case, sign_in):
    client = sign_in(case["nurse"])
    assert client.get(reverse("episodes:chronology", args=[case["episode"].pk])).status_code == 404


def test_partners_never_see_another_agencys_private_lines(case, school):
    private = line(
        case, 1, summary="Council-only line", visibility=Visibility.AGENCY, agency=case["lead"].profile.agency
    )
    own = line(case, 1, summary="School line", visibility=Visibility.AGENCY, agency=school)
    partner = EpisodeAccess(
        episode=case["episode"],
        relationship=Relationship(visible=True, open_kinds=frozenset({InvolvementKind.TAF_MEMBER})),
    )
    shown = set(chronology_page(user=case["nurse"], access=partner).object_list)
    assert own in shown
    assert private not in shown


def test_the_chronology_page_makes_a_bounded_number_of_queries(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("episodes:chronology", args=[case["episode"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(40):
        line(case, n, summary=f"Line {n}", agency=case["lead"].profile.agency)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert b"Line 0" in response.content
    assert len(large) <= len(small)
