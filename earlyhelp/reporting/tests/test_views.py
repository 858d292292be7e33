"""The report pages: who sees them, the records behind a figure, downloads, the glossary and the data pack.

A small section registered by the test ("episodes opened, by team") stands in for the real ones, so these tests
pin the pages' behaviour whatever the sections count.
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.episodes.models import Episode
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.reporting import registry
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section
from earlyhelp.reporting.tables import Column, Row, Table

PERIOD = {"start": "2026-07-01", "end": "2026-09-30"}


def _opened(f: ReportFilter):
    return Episode.objects.filter(opened_at__gte=f.start_at, opened_at__lt=f.end_at, **f.episode_scope())


def _build(f: ReportFilter) -> list[Table]:
    counts: dict[int, int] = {}
    for team_id in _opened(f).values_list("team_id", flat=True):
        counts[team_id] = counts.get(team_id, 0) + 1
    rows = [Row(f"Team {pk}", [n], drill=str(pk)) for pk, n in sorted(counts.items())]
    return [
        Table(
            key="opened",
            title="Episodes opened",
            row_heading="Team",
            columns=[Column("Episodes")],
            rows=[*rows, Row("Total", [sum(counts.values())], total=True)],
            metrics=["test.opened"],
        )
    ]


def _records(f: ReportFilter, table: str, drill: str):
    return _opened(f).filter(team_id=int(drill)) if table == "opened" and drill.isdigit() else None


@pytest.fixture(autouse=True)
def test_section(monkeypatch):
    monkeypatch.setitem(
        registry.METRICS,
        "test.opened",
        registry.Metric("test.opened", "Episodes opened", "Episodes opened in the period.", "test"),
    )
    registry.sections()  # the real sections first, so the test one is added to them
    monkeypatch.setitem(
        registry.SECTIONS,
        "test",
        Section(slug="test", title="Test report", summary="Counts for the tests", build=_build, records=_records),
    )


@pytest.fixture
def episodes(family, team, council, involve):
    """Two episodes opened in the period for `team` (one in the manager's families), one for another team, and
    one opened the day after the period."""
    other = TeamFactory(agency=council, name="Early Help South")

    def opened(fam, on, at_team):
        moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(23, 30)))
        return Episode.objects.create(
            reference=f"EH-{fam.pk}-{on:%m%d}", family=fam, status="open", opened_at=moment, team=at_team
        )

    first = opened(family, datetime.date(2026, 9, 30), team)  # the last day counts
    second = opened(FamilyFactory(), datetime.date(2026, 7, 1), team)
    opened(FamilyFactory(), datetime.date(2026, 8, 1), other)
    opened(FamilyFactory(), datetime.date(2026, 10, 1), team)  # the day after does not
    involve(family, team=team, kind=InvolvementKind.TEAM_ALLOCATION)
    involve(second.family, team=team, kind=InvolvementKind.TEAM_ALLOCATION)
    return {"team": team, "other": other, "first": first, "second": second}


@pytest.mark.parametrize("role", [roles.TEAM_MANAGER, roles.SERVICE_MANAGER, roles.ANALYST])
def test_managers_and_analysts_see_reports(role, client, sign_in, make_user, team, episodes):
    sign_in(make_user(role, team=team))
    response = client.get(reverse("reporting:report", args=["test"]), PERIOD)
    assert response.status_code == 200
    tables = response.context["page"].tables
    assert [row.values for row in tables[0].table.rows] == [[2], [1], [3]]
    assert "How these figures are counted" in response.content.decode()
    assert client.get(reverse("reporting:index")).status_code == 200
    assert client.get(reverse("reporting:glossary")).status_code == 200


@pytest.mark.parametrize("role", [roles.PRACTITIONER, roles.FRONT_DOOR, roles.SYSTEM_ADMIN, roles.AUDITOR])
def test_other_roles_get_not_found(role, client, sign_in, make_user):
    sign_in(make_user(role))
    for url in (
        reverse("reporting:index"),
        reverse("reporting:report", args=["test"]),
        reverse("reporting:glossary"),
        reverse("reporting:download", args=["test", "csv"]),
        reverse("reporting:records", args=["test"]),
        reverse("reporting:data_pack"),
        reverse("reporting:annex_a"),
    ):
        assert client.get(url).status_code == 404, url


def test_an_analyst_gets_figures_but_never_records(client, sign_in, make_user, episodes):
    sign_in(make_user(roles.ANALYST))
    response = client.get(reverse("reporting:report", args=["test"]), PERIOD)
    assert reverse("reporting:records", args=["test"]) not in response.content.decode()
    records = client.get(reverse("reporting:records", args=["test"]), {**PERIOD, "table": "opened", "row": "1"})
    assert records.status_code == 404


def test_a_manager_sees_only_the_records_they_may_see_and_the_listing_is_logged(client, sign_in, make_user, episodes):
    team = episodes["team"]
    manager = make_user(roles.TEAM_MANAGER, team=team)
    sign_in(manager)
    page = client.get(reverse("reporting:report", args=["test"]), PERIOD).content.decode()
    assert f"{reverse('reporting:records', args=['test'])}?start=2026-07-01" in page
    response = client.get(
        reverse("reporting:records", args=["test"]), {**PERIOD, "table": "opened", "row": str(team.pk)}
    )
    assert response.status_code == 200
    assert response.context["records"].total == 2
    assert {e.pk for e in response.context["records"].page.object_list} == {
        episodes["first"].pk,
        episodes["second"].pk,
    }
    event = AccessEvent.objects.get(user=manager, action=AccessAction.LIST)
    assert set(event.record_ids) == {episodes["first"].pk, episodes["second"].pk}
    # Another team's figure: counted, but none of its records are the manager's to see.
    other = client.get(
        reverse("reporting:records", args=["test"]), {**PERIOD, "table": "opened", "row": str(episodes["other"].pk)}
    )
    assert other.context["records"].total == 1
    assert other.context["records"].page.paginator.count == 0
    # A row the table does not have.
    assert client.get(reverse("reporting:records", args=["test"]), {**PERIOD, "table": "nope"}).status_code == 404


def test_the_team_filter_and_downloads(client, sign_in, make_user, episodes):
    sign_in(make_user(roles.SERVICE_MANAGER))
    query = {**PERIOD, "team": str(episodes["other"].pk)}
    response = client.get(reverse("reporting:report", args=["test"]), query)
    assert [row.values for row in response.context["page"].tables[0].table.rows] == [[1], [1]]
    csv = client.get(reverse("reporting:download", args=["test", "csv"]), {**PERIOD, "table": "opened"})
    assert csv["Content-Type"].startswith("text/csv")
    assert b"".join(csv.streaming_content).decode().splitlines()[0] == "Team,Episodes"
    xlsx = client.get(reverse("reporting:download", args=["test", "xlsx"]), PERIOD)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet["A1"].value == "Episodes opened"
    assert client.get(reverse("reporting:download", args=["test", "pdf"]), PERIOD).status_code == 404


def test_the_glossary_prints_every_definition(client, sign_in, make_user):
    sign_in(make_user(roles.ANALYST))
    page = client.get(reverse("reporting:glossary")).content.decode()
    for metric in registry.METRICS.values():
        assert metric.definition.replace("'", "&#x27;").replace('"', "&quot;") in page


@pytest.mark.slow
def test_the_data_pack_is_a_tagged_pdf(client, sign_in, make_user, episodes):
    from pypdf import PdfReader

    sign_in(make_user(roles.SERVICE_MANAGER))
    response = client.get(reverse("reporting:data_pack"), PERIOD)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Early help data pack, 1 July 2026 to 30 September 2026"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Test report" in text
    assert "Episodes opened in the period." in text


def test_annex_a_is_for_service_managers_and_logged(client, sign_in, make_user):
    manager = make_user(roles.SERVICE_MANAGER)
    sign_in(manager)
    response = client.get(reverse("reporting:annex_a"))
    assert response.status_code == 200
    assert AccessEvent.objects.filter(user=manager, action=AccessAction.EXPORT).count() == 1
    sign_in(make_user(roles.TEAM_MANAGER))
    assert client.get(reverse("reporting:annex_a")).status_code == 404
