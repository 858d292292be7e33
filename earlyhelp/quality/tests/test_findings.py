"""Findings across an audit programme (R7, ADR 0011): the roll-up by theme and question, checked against figures
worked out by hand, and the page and the audit report downloads, which only the programme's lead and service
managers reach. Auditors never export."""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.escalations.models import Confirmation
from earlyhelp.organisations.tests.factories import AgencyFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.quality.findings import programme_findings
from earlyhelp.quality.models import (
    AgencyAudit,
    AuditAnswer,
    AuditProgramme,
    AuditQuestion,
    AuditTemplate,
    CaseAudit,
    Grade,
    RecommendedAction,
    SampleRule,
    YesPartlyNo,
)
from earlyhelp.reporting.tables import Table

TODAY = datetime.date(2026, 11, 24)

OUT, GOOD, RI, INAD = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
YES, PARTLY, NO = YesPartlyNo.YES, YesPartlyNo.PARTLY, YesPartlyNo.NO


def third(n: int) -> Any:
    """A percentage of three, compared approximately."""
    return pytest.approx(100 * n / 3)


def by_key(tables: list[Table]) -> dict[str, Table]:
    return {table.key: table for table in tables}


def row_values(table: Table) -> dict[str, list]:
    return {row.label: row.values for row in table.rows}


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


class Builder:
    """Cases, agency audits and answers made directly with the ORM, so the figures are known by hand."""

    def __init__(self, programme: AuditProgramme, lead, team) -> None:
        self.programme = programme
        self.lead = lead
        self.team = team
        self.questions = {q.code: q for q in AuditQuestion.objects.filter(section__template=programme.template)}
        self.count = 0

    def case(self, *, grade: str = "", social_care: bool = False, responded: bool = False) -> CaseAudit:
        self.count += 1
        family = FamilyFactory()
        episode = Episode.objects.create(
            reference=f"EH26-Q{self.programme.pk:02d}{self.count:02d}",
            family=family,
            status=EpisodeStatus.OPEN,
            opened_at=timezone.now(),
            team=self.team,
            lead_practitioner=self.lead,
        )
        now = timezone.now()
        return CaseAudit.objects.create(
            programme=self.programme,
            family=family,
            episode=episode,
            rule=SampleRule.BY_HAND,
            chosen_by=self.lead,
            overall_grade=grade,
            moderated_by=self.lead if grade else None,
            moderated_at=now if grade else None,
            needs_social_care=social_care,
            practitioner_response="We agree." if responded else "",
            responded_by=self.lead if responded else None,
            responded_at=now if responded else None,
        )

    def audit(self, case: CaseAudit, auditor, *, proposed: str, submitted: bool = True, **answers: str) -> AgencyAudit:
        audit = AgencyAudit.objects.create(
            case=case,
            auditor=auditor,
            agency=auditor.profile.agency,
            assigned_by=self.lead,
            proposed_grade=proposed,
            submitted_at=timezone.now() if submitted else None,
        )
        for code, value in answers.items():
            AuditAnswer.objects.create(
                agency_audit=audit,
                question=self.questions[code.replace("_", "-")],
                value=value,
                evidence="Read the record",
            )
        return audit


@pytest.fixture
def programme_lead(make_user, team):
    return make_user(roles.TEAM_MANAGER, team=team)


def new_programme(lead, name: str = "Autumn audit") -> AuditProgramme:
    return AuditProgramme.objects.create(
        name=name,
        template=AuditTemplate.objects.get(code="early-help-case-audit"),
        window_start=days(-20),
        window_end=days(10),
        lead=lead,
    )


@pytest.fixture
def audited(programme_lead, team, make_user, council, school):
    """Three cases: one moderated as good (answered by the council and the school, a practitioner response), one
    moderated as inadequate and escalated (the council's audit sent, the school's still a draft), and one not yet
    moderated (the school's audit sent). Five actions: one done, one overdue, one past its date but inside the
    grace period of two working days, one not due, one confirmed not done."""
    programme = new_programme(programme_lead)
    build = Builder(programme, programme_lead, team)
    council_auditor = make_user(roles.AUDITOR, agency=council)
    school_auditor = make_user(roles.AUDITOR, agency=school)

    good = build.case(grade=GOOD, responded=True)
    inadequate = build.case(grade=INAD, social_care=True)
    unmoderated = build.case()

    build.audit(
        good,
        council_auditor,
        proposed=GOOD,
        voice_lived_experience=GOOD,
        voice_seen=YES,
        voice_siblings=PARTLY,
        history_considered=OUT,
        oversight=RI,
    )
    build.audit(good, school_auditor, proposed=RI, voice_lived_experience=GOOD, voice_seen=NO, history_considered=GOOD)
    build.audit(
        inadequate,
        council_auditor,
        proposed=INAD,
        voice_lived_experience=INAD,
        voice_seen=YES,
        voice_siblings=NO,
        step_up_timely=NO,
    )
    build.audit(unmoderated, school_auditor, proposed=GOOD, history_considered=INAD, voice_seen=PARTLY)
    # A draft: none of it counts.
    build.audit(
        inadequate,
        school_auditor,
        proposed=OUT,
        submitted=False,
        voice_lived_experience=OUT,
        voice_seen=YES,
        history_considered=OUT,
        fathers_engaged=YES,
    )

    def action(case, due: int, confirmation: str = "") -> None:
        RecommendedAction.objects.create(
            case=case,
            description="Update the plan",
            owner=programme_lead,
            due_on=days(due),
            agreed_by=programme_lead,
            confirmation=confirmation,
            confirmed_by=programme_lead if confirmation else None,
            confirmed_at=timezone.now() if confirmation else None,
        )

    action(good, -5, Confirmation.DONE)
    action(good, -7)
    action(good, -2)  # Sunday 22 November: two working days before Tuesday 24th, not yet overdue
    action(inadequate, 10)
    action(inadequate, -1, Confirmation.NOT_DONE)
    return SimpleNamespace(programme=programme, build=build, lead=programme_lead, school_auditor=school_auditor)


def test_summary(audited):
    tables = by_key(programme_findings(audited.programme, today=TODAY))
    summary = tables["summary"]
    assert summary.chart_column is None
    assert [c.title for c in summary.columns] == ["Number"]
    assert row_values(summary) == {
        "Cases sampled": [3],
        "Agency audits sent": [4],
        "Cases moderated": [2],
        "Cases escalated to children's social care": [1],
        "Recommended actions agreed": [5],
        "Actions confirmed done": [1],
        "Actions overdue": [1],
        "Practitioner responses": [1],
    }


def test_overall_grades_only_from_moderation(audited):
    overall = by_key(programme_findings(audited.programme, today=TODAY))["overall"]
    assert overall.chart_column == 0
    assert row_values(overall) == {
        "Outstanding": [0, 0.0],
        "Good": [1, 50.0],
        "Requires improvement": [0, 0.0],
        "Inadequate": [1, 50.0],
    }


def test_graded_themes_in_template_order_from_sent_audits_only(audited):
    table = by_key(programme_findings(audited.programme, today=TODAY))["graded_themes"]
    assert [c.title for c in table.columns] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Answers",
        "Good or better",
    ]
    assert table.chart_column == 5
    assert [row.label for row in table.rows] == [
        "Voice of the child",
        "History",
        "Parents' contribution",
        "SMART plan",
        "Reviews of impact",
        "Impact on the child",
        "Management oversight",
    ]
    values = row_values(table)
    # The draft's outstanding answers are left out.
    assert values["Voice of the child"] == [0, 2, 0, 1, 3, third(2)]
    assert values["History"] == [1, 1, 0, 1, 3, third(2)]
    assert values["Management oversight"] == [0, 0, 1, 0, 1, 0.0]
    assert values["Parents' contribution"] == [0, 0, 0, 0, 0, None]


def test_yes_partly_no_themes(audited):
    table = by_key(programme_findings(audited.programme, today=TODAY))["ypn_themes"]
    assert [c.title for c in table.columns] == ["Yes", "Partly", "No", "Answers", "Yes"]
    assert table.columns[-1].format == "percent"
    assert table.chart_column == 4
    assert [row.label for row in table.rows] == [
        "Voice of the child",
        "Siblings",
        "Fathers and male carers",
        "Threshold",
        "Timely step-up",
    ]
    values = row_values(table)
    assert values["Voice of the child"] == [2, 1, 1, 4, 50.0]
    assert values["Siblings"] == [0, 1, 1, 2, 0.0]
    # Only the draft answered about fathers.
    assert values["Fathers and male carers"] == [0, 0, 0, 0, None]
    assert values["Timely step-up"] == [0, 0, 1, 1, 0.0]


def test_each_question(audited):
    table = by_key(programme_findings(audited.programme, today=TODAY))["questions"]
    assert table.chart_column is None
    questions = list(AuditQuestion.objects.filter(section__template=audited.programme.template))
    assert len(table.rows) == len(questions) == 12
    labels = {q.code: f"{q.section.order}.{q.order} {q.text}" for q in questions}
    assert [row.label for row in table.rows][:3] == [
        labels["voice-seen"],
        labels["voice-lived-experience"],
        labels["voice-siblings"],
    ]
    values = row_values(table)
    assert values[labels["voice-seen"]] == [4, 50.0, 25.0]
    assert values[labels["voice-lived-experience"]] == [3, third(2), third(1)]
    assert values[labels["voice-siblings"]] == [2, 0.0, 50.0]
    assert values[labels["history-considered"]] == [3, third(2), third(1)]
    assert values[labels["fathers-engaged"]] == [0, None, None]
    assert values[labels["oversight"]] == [1, 0.0, 0.0]
    assert values[labels["step-up-timely"]] == [1, 0.0, 100.0]


def test_agencies_match_proposed_against_agreed_grades(audited):
    table = by_key(programme_findings(audited.programme, today=TODAY))["agencies"]
    assert table.chart_column is None
    # The council proposed the agreed grade on both its cases; the school missed on the good case, and its other
    # sent audit is of a case not yet moderated. The school's draft does not count.
    assert row_values(table) == {
        "Northshire Early Help": [2, 2, 100.0],
        "Oakfield Primary School": [2, 0, 0.0],
    }
    assert [row.label for row in table.rows] == ["Northshire Early Help", "Oakfield Primary School"]


def test_an_empty_programme(programme_lead):
    tables = by_key(programme_findings(new_programme(programme_lead, "Empty"), today=TODAY))
    assert list(tables) == ["summary", "overall", "graded_themes", "ypn_themes", "questions", "agencies"]
    assert all(values == [0] for values in row_values(tables["summary"]).values())
    assert row_values(tables["overall"])["Good"] == [0, None]
    assert row_values(tables["graded_themes"])["Voice of the child"] == [0, 0, 0, 0, 0, None]
    assert tables["agencies"].rows == []


def test_a_fixed_number_of_queries_whatever_the_size(audited, make_user, school):
    with CaptureQueriesContext(connection) as small:
        programme_findings(audited.programme, today=TODAY)
    auditor = make_user(roles.AUDITOR, agency=AgencyFactory(name="Northshire Health"))
    for _ in range(4):
        case = audited.build.case(grade=GOOD)
        audited.build.audit(case, auditor, proposed=GOOD, voice_seen=YES, oversight=OUT, plan_smart=GOOD)
        audited.build.audit(case, audited.school_auditor, proposed=RI, voice_seen=NO)
    with CaptureQueriesContext(connection) as large:
        tables = by_key(programme_findings(audited.programme, today=TODAY))
    assert row_values(tables["summary"])["Cases sampled"] == [7]
    assert len(small.captured_queries) == len(large.captured_queries) <= 5


# The page and the downloads.


def findings_url(programme, fmt: str = "") -> str:
    if fmt:
        return reverse("quality:findings_download", kwargs={"programme_id": programme.pk, "fmt": fmt})
    return reverse("quality:findings", kwargs={"programme_id": programme.pk})


def events(user) -> list[str]:
    return list(AccessEvent.objects.filter(user=user).order_by("id").values_list("action", flat=True))


def test_the_lead_reads_the_findings(audited, sign_in):
    client = sign_in(audited.lead)
    response = client.get(findings_url(audited.programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Findings: Autumn audit" in html
    assert f'href="{reverse("quality:programme", args=[audited.programme.pk])}" class="govuk-back-link"' in html
    assert "Voice of the child" in html
    assert "67%" in html
    assert 'scope="row"' in html
    assert "<svg" in html
    assert events(audited.lead) == [AccessAction.VIEW]


def test_the_lead_downloads_the_pdf(audited, sign_in):
    client = sign_in(audited.lead)
    response = client.get(findings_url(audited.programme, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="audit-findings-{audited.programme.pk}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert events(audited.lead) == [AccessAction.EXPORT]


def test_the_lead_downloads_the_workbook(audited, sign_in):
    client = sign_in(audited.lead)
    response = client.get(findings_url(audited.programme, "xlsx"))
    assert response.status_code == 200
    assert f'filename="audit-findings-{audited.programme.pk}.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = workbook["The programme in figures"]
    assert summary["A4"].value == "Cases sampled"
    assert summary["B4"].value == 3
    themes = workbook["Graded questions, by theme"]
    assert themes["A4"].value == "Voice of the child"
    assert [themes.cell(4, c).value for c in range(2, 8)] == [0, 2, 0, 1, 3, pytest.approx(2 / 3)]
    assert events(audited.lead) == [AccessAction.EXPORT]


def test_a_service_manager_reads_and_exports(audited, make_user, sign_in):
    manager = make_user(roles.SERVICE_MANAGER)
    client = sign_in(manager)
    page = client.get(findings_url(audited.programme))
    assert page.status_code == 200
    # Not the lead: the back link goes to the quality home page, not the programme's sample.
    html = page.content.decode()
    assert f'href="{reverse("quality:programme", args=[audited.programme.pk])}"' not in html
    assert f'href="{reverse("quality:home")}" class="govuk-back-link"' in html
    assert client.get(findings_url(audited.programme, "xlsx")).status_code == 200
    assert events(manager) == [AccessAction.VIEW, AccessAction.EXPORT]


@pytest.mark.parametrize("role", [roles.AUDITOR, roles.TEAM_MANAGER])
@pytest.mark.parametrize("fmt", ["", "pdf", "xlsx"])
def test_auditors_and_other_managers_get_404(audited, make_user, team, sign_in, role, fmt):
    user = audited.school_auditor if role == roles.AUDITOR else make_user(roles.TEAM_MANAGER, team=team)
    client = sign_in(user)
    assert client.get(findings_url(audited.programme, fmt)).status_code == 404
    assert events(user) == []


def test_no_other_format(audited, sign_in):
    client = sign_in(audited.lead)
    assert client.get(findings_url(audited.programme, "csv")).status_code == 404
    assert events(audited.lead) == []


def test_an_unknown_programme_is_404(programme_lead, sign_in):
    client = sign_in(programme_lead)
    assert client.get(reverse("quality:findings", kwargs={"programme_id": 999999})).status_code == 404
