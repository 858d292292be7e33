"""The Team Around the Family (R4.1, R4.2): invitations make access, ending it leaves 30 days' read-only access,
meetings record who came and whether the children and parents took part; partners see but do not change."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import READ_ONLY_AFTER_END, Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.organisations.models import AgencyType
from earlyhelp.organisations.tests.factories import AgencyFactory
from earlyhelp.plans import taf_services as services
from earlyhelp.plans.models import Attendance, MeetingAttendance, MeetingParticipation, TafMeeting, TafMember
from earlyhelp.plans.taf_services import Participation


def _named(user: Any, name: str) -> Any:
    user.full_name = name
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = _named(make_user(roles.PRACTITIONER), "Test Lead Worker")
    lead.profile.phone = "01632 960001"
    lead.profile.save()
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = _named(make_user(roles.PRACTITIONER, agency=school), "Test School Nurse")
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "nurse": nurse, "manager": make_user(roles.TEAM_MANAGER, team=team)}


@pytest.fixture
def health(db):
    return AgencyFactory(name="Northshire Health Visiting", type=AgencyType.HEALTH_VISITING)


@pytest.fixture
def visitor(make_user, health):
    return _named(make_user(roles.PRACTITIONER, agency=health, email="visitor@health.example"), "Test Health Visitor")


@pytest.fixture
def gp_worker(make_user, school):
    return _named(make_user(roles.PRACTITIONER, agency=school, email="pastoral@school.example"), "Test Pastoral Lead")


def _invite(case, invitee, capture, role="Health visitor"):
    with capture(execute=True):
        return services.taf_member_invite(user=case["lead"], episode=case["episode"], invitee=invitee, role=role)


# Services


def test_an_invitation_makes_a_member_an_involvement_an_email_and_a_chronology_line(
    case, gp_worker, mailoutbox, django_capture_on_commit_callbacks
):
    member = _invite(case, gp_worker, django_capture_on_commit_callbacks, role="Pastoral lead")
    assert (member.name, member.email, member.agency, member.role) == (
        "Test Pastoral Lead",
        "pastoral@school.example",
        gp_worker.profile.agency,
        "Pastoral lead",
    )
    involvement = Involvement.objects.get(user=gp_worker, kind=InvolvementKind.TAF_MEMBER)
    assert involvement.family == case["episode"].family
    assert involvement.source == f"episode:{case['episode'].pk}"
    assert involvement.created_by == case["lead"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["pastoral@school.example"]
    assert f"{settings.SITE_URL}/episodes/{case['episode'].pk}/" in mailoutbox[0].body
    assert "Ashworth" not in mailoutbox[0].body  # no family detail in an email
    assert ChronologyEntry.objects.filter(
        episode=case["episode"], summary__contains="Test Pastoral Lead (Pastoral lead"
    ).exists()


def test_inviting_twice_keeps_one_membership_and_one_involvement(
    case, gp_worker, mailoutbox, django_capture_on_commit_callbacks
):
    first = _invite(case, gp_worker, django_capture_on_commit_callbacks)
    second = _invite(case, gp_worker, django_capture_on_commit_callbacks)
    assert first.pk == second.pk
    assert TafMember.objects.filter(user=gp_worker).count() == 1
    assert Involvement.objects.filter(user=gp_worker).count() == 1
    assert len(mailoutbox) == 1


def test_an_open_involvement_is_not_duplicated(case, gp_worker, involve, django_capture_on_commit_callbacks):
    involve(case["episode"].family, user=gp_worker, kind=InvolvementKind.TAF_MEMBER)
    _invite(case, gp_worker, django_capture_on_commit_callbacks)
    assert Involvement.objects.filter(user=gp_worker, kind=InvolvementKind.TAF_MEMBER).count() == 1


def test_only_the_lead_or_a_manager_may_invite(case, gp_worker, visitor):
    for user in (case["nurse"], visitor):
        with pytest.raises(PermissionDenied):
            services.taf_member_invite(user=user, episode=case["episode"], invitee=gp_worker, role="X")
    member = services.taf_member_invite(
        user=case["manager"], episode=case["episode"], invitee=gp_worker, role="Pastoral lead"
    )
    assert member.invited_by == case["manager"]


def test_ending_a_membership_ends_the_involvement_with_a_read_only_period(
    case, gp_worker, django_capture_on_commit_callbacks
):
    member = _invite(case, gp_worker, django_capture_on_commit_callbacks)
    before = timezone.now()
    ended = services.taf_member_end(user=case["lead"], member=member)
    assert ended.ended_at is not None
    involvement = Involvement.objects.get(user=gp_worker, kind=InvolvementKind.TAF_MEMBER)
    assert involvement.ended_at == ended.ended_at
    assert involvement.read_only_until == ended.ended_at + READ_ONLY_AFTER_END
    assert involvement.ended_at >= before
    # Still inside the read-only period: a reader, no longer a contributor.
    relationship = family_relationship(gp_worker, case["episode"].family_id)
    assert relationship.visible
    assert not relationship.can_contribute
    # Ending twice changes nothing; inviting again makes a new membership.
    assert services.taf_member_end(user=case["lead"], member=member).ended_at == ended.ended_at
    again = _invite(case, gp_worker, django_capture_on_commit_callbacks)
    assert again.pk != member.pk
    assert Involvement.objects.filter(user=gp_worker, ended_at__isnull=True).count() == 1


def test_the_invited_user_can_then_open_the_episode(case, gp_worker, sign_in, django_capture_on_commit_callbacks):
    client = sign_in(gp_worker)
    url = reverse("episodes:detail", args=[case["episode"].pk])
    assert client.get(url).status_code == 404
    _invite(case, gp_worker, django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 200


def test_an_invitee_whose_agency_consent_does_not_cover_sees_nothing_yet(
    case, visitor, sign_in, consent, health, django_capture_on_commit_callbacks
):
    _invite(case, visitor, django_capture_on_commit_callbacks)
    client = sign_in(visitor)
    url = reverse("episodes:detail", args=[case["episode"].pk])
    assert client.get(url).status_code == 404
    consent(case["episode"].family, health)
    assert client.get(url).status_code == 200


def test_a_member_without_an_account_gets_no_access(case, school):
    member = services.taf_member_add(
        user=case["lead"], episode=case["episode"], name="Test Class Teacher", email="", agency=school, role="Teacher"
    )
    again = services.taf_member_add(
        user=case["lead"], episode=case["episode"], name="Test Class Teacher", email="", agency=school, role="Teacher"
    )
    assert member.pk == again.pk
    assert member.user is None
    assert not Involvement.objects.filter(created_by=case["lead"]).exists()


def _meeting(case, **overrides):
    data: dict[str, Any] = {
        "user": case["lead"],
        "episode": case["episode"],
        "held_on": datetime.date(2026, 11, 10),
        "location": "Oakfield Primary School",
        "attendance": {case["taf_member_record"].pk: Attendance.ATTENDED},
        "participation": [
            Participation(person_id=case["maisie"].pk, took_part=True, how="Views shared beforehand"),
            Participation(person_id=case["rachel"].pk, took_part=True, how="In person"),
        ],
        "decisions": "Weekly check-ins at school",
        "minutes": "Discussed attendance.",
    }
    return services.taf_meeting_record(**{**data, **overrides})


def test_recording_a_meeting(case):
    meeting = _meeting(case)
    assert MeetingAttendance.objects.get(meeting=meeting).attendance == Attendance.ATTENDED
    assert MeetingParticipation.objects.filter(meeting=meeting, took_part=True).count() == 2
    line = ChronologyEntry.objects.get(kind=ChronologyKind.TAF_MEETING)
    assert line.episode == case["episode"]
    assert "1 attended" in line.summary
    # The same record submitted twice is one meeting.
    assert _meeting(case).pk == meeting.pk


def test_a_meeting_cannot_be_in_the_future_nor_name_strangers(case, school, make_user):
    with pytest.raises(ValidationError):
        _meeting(case, held_on=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        _meeting(case, attendance={999999: Attendance.ATTENDED})
    with pytest.raises(PermissionDenied):
        _meeting(case, user=case["nurse"])


# Pages


def test_the_team_page_shows_the_lead_members_and_meetings(case, sign_in):
    _meeting(case)
    services.taf_member_end(user=case["lead"], member=case["taf_member_record"])
    response = sign_in(case["lead"]).get(reverse("plans:taf", args=[case["episode"].pk]))
    page = response.content.decode()
    assert "Test Lead Worker" in page
    assert "01632 960001" in page
    assert "Former members" in page
    assert "Test school nurse" in page
    assert reverse("plans:taf_meeting", args=[case["episode"].pk, case["meeting"].pk]) in page
    assert "Invite a professional" in page
    assert "Record a meeting" in page


def test_a_partner_sees_the_team_and_who_leads_but_no_buttons(case, sign_in):
    client = sign_in(case["nurse"])
    page = client.get(reverse("plans:taf", args=[case["episode"].pk])).content.decode()
    assert "Test Lead Worker" in page
    assert "01632 960001" in page
    assert case["lead"].email in page
    assert "Test school nurse" in page
    for text in ("Invite a professional", "Record a meeting", "End membership"):
        assert text not in page


def test_a_partner_cannot_change_the_team(case, sign_in, gp_worker):
    client = sign_in(case["nurse"])
    episode_id = case["episode"].pk
    member_id = case["taf_member_record"].pk
    urls = [
        (reverse("plans:taf_invite", args=[episode_id]), {"q": "pastoral", "invitee": gp_worker.pk, "role": "X"}),
        (reverse("plans:taf_member_add", args=[episode_id]), {"name": "X", "agency": 1, "role": "X"}),
        (reverse("plans:taf_member_end", args=[episode_id, member_id]), {}),
        (reverse("plans:taf_meeting_add", args=[episode_id]), {"decisions": "X"}),
    ]
    for url, data in urls:
        assert client.post(url, data).status_code == 404, url
    assert TafMember.objects.filter(ended_at__isnull=True).count() == 1


def test_a_partner_reads_a_meeting(case, sign_in):
    meeting = _meeting(case)
    page = sign_in(case["nurse"]).get(reverse("plans:taf_meeting", args=[case["episode"].pk, meeting.pk]))
    assert page.status_code == 200
    assert "Weekly check-ins at school" in page.content.decode()
    assert "Views shared beforehand" in page.content.decode()


def test_a_meeting_of_another_episode_is_not_found(case, sign_in):
    other = TafMeeting.objects.create(
        episode=case["episode"], held_on=datetime.date(2026, 1, 1), recorded_by=case["lead"]
    )
    url = reverse("plans:taf_meeting", args=[case["episode"].pk + 1000, other.pk])
    assert sign_in(case["lead"]).get(url).status_code == 404


def test_the_invite_page_searches_warns_on_consent_and_invites(
    case, sign_in, visitor, mailoutbox, django_capture_on_commit_callbacks
):
    client = sign_in(case["lead"])
    url = reverse("plans:taf_invite", args=[case["episode"].pk])
    page = client.get(url, {"q": "health visitor"}).content.decode()
    assert "Test Health Visitor" in page
    assert "consent does not cover Northshire Health Visiting" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"q": "health visitor", "invitee": visitor.pk, "role": "Health visitor"})
        client.post(url, {"q": "health visitor", "invitee": visitor.pk, "role": "Health visitor"})
    assert response.status_code == 302
    assert TafMember.objects.filter(user=visitor).count() == 1
    assert f"{settings.SITE_URL}/episodes/{case['episode'].pk}/" in mailoutbox[0].body
    # The team page says the new member will not see the record yet.
    team_page = client.get(reverse("plans:taf", args=[case["episode"].pk])).content.decode()
    assert "Consent does not cover this agency" in team_page


def test_no_consent_warning_when_consent_covers_the_agency(case, sign_in, gp_worker):
    page = sign_in(case["lead"]).get(reverse("plans:taf_invite", args=[case["episode"].pk]), {"q": "pastoral"})
    content = page.content.decode()
    assert "Test Pastoral Lead" in content
    assert "consent-warning" not in content


def test_the_meeting_form_records_a_meeting(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("plans:taf_meeting_add", args=[case["episode"].pk])
    page = client.get(url).content.decode()
    assert "Did Maisie Ashworth take part?" in page
    assert "Did Rachel Ashworth take part?" in page
    data = {
        "held_on_day": "10",
        "held_on_month": "11",
        "held_on_year": "2026",
        f"attendance_{case['taf_member_record'].pk}": "apologies",
        f"took_part_{case['maisie'].pk}": "yes",
        f"how_{case['maisie'].pk}": "Drew a picture",
        f"took_part_{case['noah'].pk}": "no",
        f"took_part_{case['rachel'].pk}": "yes",
        "decisions": "Refer to the school nurse drop-in",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = TafMeeting.objects.get(decisions="Refer to the school nurse drop-in")
    assert MeetingAttendance.objects.get(meeting=meeting).attendance == Attendance.APOLOGIES
    assert MeetingParticipation.objects.get(meeting=meeting, person=case["noah"]).took_part is False


def test_the_meeting_form_refuses_a_future_date_and_keeps_what_was_typed(case, sign_in):
    future = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "held_on_day": str(future.day),
        "held_on_month": str(future.month),
        "held_on_year": str(future.year),
        "decisions": "Kept decision text",
    }
    response = sign_in(case["lead"]).post(reverse("plans:taf_meeting_add", args=[case["episode"].pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Date of the meeting must be today or in the past" in page
    assert "Select whether Test school nurse attended" in page
    assert "Kept decision text" in page
    assert not TafMeeting.objects.filter(decisions="Kept decision text").exists()


def test_the_team_page_makes_a_bounded_number_of_queries(case, sign_in, school, django_assert_max_num_queries):
    client = sign_in(case["lead"])
    url = reverse("plans:taf", args=[case["episode"].pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(5):
        member = services.taf_member_add(
            user=case["lead"], episode=case["episode"], name=f"Test Member {n}", email="", agency=school, role="Role"
        )
        if n % 2:
            services.taf_member_end(user=case["lead"], member=member)
        _meeting(case, held_on=datetime.date(2026, 10, n + 1), decisions=f"Decision {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("plans:taf", {}),
        ("plans:taf_invite", {"q": "test"}),
        ("plans:taf_member_add", {}),
        ("plans:taf_meeting_add", {}),
    ],
)
def test_pages_have_one_heading_and_unique_ids(case, sign_in, gp_worker, name, extra):
    page = sign_in(case["lead"]).get(reverse(name, args=[case["episode"].pk]), extra).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert page.count("<h1") == 1
