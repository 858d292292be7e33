"""Auditors read sampled cases only while the audit window is open, and never take a copy away (access-rules.md:
auditor row and rule 6; ADR 0011). Every refused request leaves no access event; every allowed read leaves one."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Consent, Involvement, InvolvementKind
from earlyhelp.audit.models import AccessEvent
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.quality.models import AuditProgramme, AuditTemplate
from earlyhelp.quality.selectors import access_agency_audit, window_ends_at
from earlyhelp.quality.services import audit_assign, programme_case_add


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def events(user) -> int:
    return AccessEvent.objects.filter(user=user).count()


@pytest.fixture
def audited(family, team, make_user, involve, school, consent):
    """The Ashworths' episode (EH26-T00001, with a plan and an attachment), sampled into a programme whose window
    is open, with a council auditor assigned to it."""
    lead = make_user(roles.PRACTITIONER, team=team)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    taf_user = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=taf_user, consent=consent)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    programme = AuditProgramme.objects.create(
        name="Autumn audit",
        template=AuditTemplate.objects.get(code="early-help-case-audit"),
        window_start=days(-7),
        window_end=days(21),
        lead=manager,
    )
    case = programme_case_add(user=manager, programme=programme, reference="EH26-T00001")
    auditor = make_user(roles.AUDITOR)
    audit = audit_assign(user=manager, case=case, auditor=auditor)
    return SimpleNamespace(
        **ctx,
        family=family,
        lead=lead,
        manager=manager,
        programme=programme,
        case=case,
        auditor=auditor,
        audit=audit,
        school=school,
    )


def close_window(audited) -> None:
    """What the passage of time does: the window ended yesterday, and so did the involvement made from it."""
    programme = audited.programme
    programme.window_start = days(-30)
    programme.window_end = days(-1)
    programme.save()
    ended = window_ends_at(programme)
    assert ended <= timezone.now()
    Involvement.objects.filter(pk=audited.audit.involvement_id).update(ended_at=ended, read_only_until=ended)


def agency_audit_request(user):
    request = RequestFactory().get("/quality/")
    request.user = user
    return request


def episode_url(audited) -> str:
    return reverse("episodes:detail", args=[audited.episode.pk])


def copy_urls(audited) -> dict[str, str]:
    """Every view of the case that takes a copy away: print, PDF and attachment download."""
    pk = audited.episode.pk
    return {
        "print": reverse("plans:family_copy", args=[pk]),
        "pdf": reverse("plans:family_copy_pdf", args=[pk]),
        "attachment": reverse("episodes:attachment_download", args=[pk, audited.attachment.pk]),
    }


# The window


@pytest.mark.django_db
def test_an_assigned_auditor_reads_the_episode_while_the_window_is_open(audited, sign_in):
    """200, and the read is logged against the family."""
    client = sign_in(audited.auditor)
    response = client.get(episode_url(audited))
    assert response.status_code == 200
    event = AccessEvent.objects.filter(user=audited.auditor).latest("at")
    assert (event.action, event.family_id) == ("view", audited.family.pk)


@pytest.mark.django_db
def test_the_auditor_gets_404_once_the_window_has_ended(audited, sign_in):
    client = sign_in(audited.auditor)
    audit_url = reverse("quality:audit", args=[audited.audit.pk])
    assert client.get(episode_url(audited)).status_code == 200
    assert client.get(audit_url).status_code == 200
    close_window(audited)
    before = events(audited.auditor)
    assert client.get(episode_url(audited)).status_code == 404
    assert client.get(audit_url).status_code == 404
    assert events(audited.auditor) == before


@pytest.mark.django_db
def test_the_auditors_own_findings_open_only_inside_the_window(audited):
    """access_agency_audit: the audit opens (and is logged) in the window, is 404 after it, and logs nothing."""
    request = agency_audit_request(audited.auditor)
    assert access_agency_audit(request=request, agency_audit_id=audited.audit.pk) == audited.audit
    assert events(audited.auditor) == 1
    close_window(audited)
    with pytest.raises(Http404):
        access_agency_audit(request=agency_audit_request(audited.auditor), agency_audit_id=audited.audit.pk)
    assert events(audited.auditor) == 1


@pytest.mark.django_db
def test_nothing_opens_before_the_window_starts(family, team, make_user, involve, sign_in):
    """An auditor assigned ahead of the window has no access yet: the involvement starts with the window."""
    lead = make_user(roles.PRACTITIONER, team=team)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    episode = Episode.objects.create(
        reference="EH26-T00002",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=timezone.now(),
        team=team,
        lead_practitioner=lead,
    )
    manager = make_user(roles.TEAM_MANAGER, team=team)
    programme = AuditProgramme.objects.create(
        name="Next audit",
        template=AuditTemplate.objects.get(code="early-help-case-audit"),
        window_start=days(3),
        window_end=days(20),
        lead=manager,
    )
    case = programme_case_add(user=manager, programme=programme, reference=episode.reference)
    auditor = make_user(roles.AUDITOR)
    audit = audit_assign(user=manager, case=case, auditor=auditor)
    with pytest.raises(Http404):
        access_agency_audit(request=agency_audit_request(auditor), agency_audit_id=audit.pk)
    assert sign_in(auditor).get(reverse("episodes:detail", args=[episode.pk])).status_code == 404
    assert events(auditor) == 0


# No copy taken away


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["print", "pdf", "attachment"])
def test_the_lead_practitioner_can_take_a_copy(audited, sign_in, view):
    """The URLs work: the lead practitioner prints, downloads the PDF and the attachment, each logged."""
    before = events(audited.lead)
    assert sign_in(audited.lead).get(copy_urls(audited)[view]).status_code == 200
    assert events(audited.lead) == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["print", "pdf", "attachment"])
def test_an_auditor_never_takes_a_copy(audited, sign_in, view):
    """Print, PDF and download are 404 for an audit relationship, inside the window, and log nothing."""
    client = sign_in(audited.auditor)
    assert client.get(copy_urls(audited)[view]).status_code == 404
    assert events(audited.auditor) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("reporting:download", {"slug": "demand", "fmt": "csv"}),
        ("reporting:download", {"slug": "demand", "fmt": "xlsx"}),
        ("reporting:data_pack", {}),
        ("reporting:annex_a", {}),
    ],
)
def test_an_auditor_gets_404_on_report_downloads(audited, sign_in, name, kwargs):
    """Reports answer 404 to a role without report access (reporting.selectors._require_reports)."""
    assert sign_in(audited.auditor).get(reverse(name, kwargs=kwargs)).status_code == 404
    assert events(audited.auditor) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_an_auditor_cannot_export_a_programmes_findings(audited, sign_in, fmt):
    """The partnership's audit report is exported by the programme's lead and managers, never by auditors."""
    url = reverse("quality:findings_download", kwargs={"programme_id": audited.programme.pk, "fmt": fmt})
    assert sign_in(audited.auditor).get(url).status_code == 404
    assert events(audited.auditor) == 0


@pytest.mark.django_db
def test_an_auditor_reads_the_case_not_other_audits_of_it(audited, sign_in):
    url = reverse("quality:episode_audits", args=[audited.episode.pk])
    assert sign_in(audited.auditor).get(url).status_code == 404


# Who else is refused


@pytest.mark.django_db
def test_an_auditor_not_assigned_to_the_case_gets_404(audited, make_user, sign_in):
    other = make_user(roles.AUDITOR)
    assert sign_in(other).get(episode_url(audited)).status_code == 404
    with pytest.raises(Http404):
        access_agency_audit(request=agency_audit_request(other), agency_audit_id=audited.audit.pk)
    assert events(other) == 0


@pytest.mark.django_db
def test_a_partner_auditor_loses_access_when_consent_is_withdrawn(audited, make_user, sign_in):
    """The school's auditor reads the case under Rachel's consent; once it is withdrawn, 404."""
    school_auditor = make_user(roles.AUDITOR, agency=audited.school)
    audit = audit_assign(user=audited.manager, case=audited.case, auditor=school_auditor)
    client = sign_in(school_auditor)
    assert client.get(episode_url(audited)).status_code == 200
    assert events(school_auditor) == 1
    Consent.objects.filter(agencies=audited.school).update(withdrawn_on=timezone.localdate())
    assert client.get(episode_url(audited)).status_code == 404
    with pytest.raises(Http404):
        access_agency_audit(request=agency_audit_request(school_auditor), agency_audit_id=audit.pk)
    assert events(school_auditor) == 1


# A partner agency's auditor reads what the family's consent shares with their agency


@pytest.mark.django_db
def test_a_partner_agencys_auditor_reads_the_shared_case_not_the_councils_private_record(audited, sign_in, make_user):
    """The council's auditor reads the whole record (chronology, needs); the school's auditor, whose agency the
    family's consent covers, reads what a Team Around the Family member of the school would: the overview and the
    plan, not the chronology or the council's private notes."""
    school_auditor = make_user(roles.AUDITOR, agency=audited.school)
    audit_assign(user=audited.manager, case=audited.case, auditor=school_auditor)
    pk = audited.episode.pk
    whole_record = [reverse("episodes:chronology", args=[pk]), reverse("needs:list", args=[pk])]
    shared = [episode_url(audited), reverse("plans:plan", args=[pk])]
    council = sign_in(audited.auditor)
    assert [council.get(url).status_code for url in whole_record + shared] == [200, 200, 200, 200]
    school = sign_in(school_auditor)
    assert [school.get(url).status_code for url in whole_record] == [404, 404]
    assert [school.get(url).status_code for url in shared] == [200, 200]
    notes = school.get(reverse("episodes:notes", args=[pk]))
    assert notes.status_code == 200
    private = [
        c for c in audited.episode.contacts.all() if c.visibility != "shared" and c.agency_id != audited.school.pk
    ]
    assert private, "the case context has a council-only note"
    for contact in private:
        assert contact.summary.encode() not in notes.content
