"""Ofsted Annex A List 2 (early help): columns, value formats and scope (issue 6, item 8)."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.people.tests.factories import FamilyFactory, PersonFactory
from earlyhelp.reporting.annex_a import annex_a_list2_rows, annex_a_list2_xlsx, window_start

SHARED = json.loads((Path(__file__).resolve().parents[3] / "earlyhelp/codes/data/annex_a_lists.json").read_text())
LIST2 = next(item for item in SHARED["lists"] if item["list"] == 2)
COLUMNS = [column["name"] for column in LIST2["columns"]]
TODAY = datetime.date(2026, 11, 24)
DDMMYYYY = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def world(make_user, team, school):
    lead = make_user(roles.PRACTITIONER, team=team, agency=school)
    male = Code.objects.get(list_name="sex", code="M")
    wbri = Code.objects.get(list_name="ethnicity", code="WBRI")

    def episode(ref, opened, *, closed=None, assessed=None, signed_off=None, lead_=lead):
        child = PersonFactory(
            legal_first_name=ref, date_of_birth=datetime.date(2016, 11, 25), sex=male, ethnicity=wbri
        )
        e = Episode.objects.create(
            reference=ref,
            family=FamilyFactory(),
            status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
            opened_at=at(opened),
            closed_at=at(closed) if closed else None,
            team=team,
            lead_practitioner=lead_,
        )
        EpisodeChild.objects.create(episode=e, person=child, added_at=at(opened))
        if assessed:
            Assessment.objects.create(
                episode=e,
                started_by=lead,
                started_at=at(assessed),
                signed_off_at=at(signed_off) if signed_off else None,
                status=AssessmentStatus.SIGNED_OFF if signed_off else AssessmentStatus.DRAFT,
            )
        return child

    return {
        # Assessed 7 months ago, closed: out of scope.
        "old": episode(
            "OLD", datetime.date(2026, 4, 1), closed=datetime.date(2026, 6, 1), assessed=datetime.date(2026, 4, 20)
        ),
        # Assessed on the first day of the window (24 May 2026), signed off, closed since: in scope.
        "edge": episode(
            "EDGE",
            datetime.date(2026, 5, 1),
            closed=datetime.date(2026, 9, 1),
            assessed=datetime.date(2026, 5, 24),
            signed_off=datetime.date(2026, 6, 2),
        ),
        # Assessed the day before the window, closed: out of scope.
        "before": episode(
            "BEFORE", datetime.date(2026, 5, 1), closed=datetime.date(2026, 9, 1), assessed=datetime.date(2026, 5, 23)
        ),
        # Open now without an assessment, no lead: in scope, start date = opened date, the team's agency.
        "open": episode("OPEN", datetime.date(2026, 10, 5), lead_=None),
    }


def test_header_and_values(world):
    assert window_start(TODAY, 6) == datetime.date(2026, 5, 24)
    assert window_start(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    rows = list(annex_a_list2_rows(today=TODAY))
    by_id = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}
    assert set(by_id) == {f"EH{world['edge'].pk:08d}", f"EH{world['open'].pk:08d}"}
    edge = by_id[f"EH{world['edge'].pk:08d}"]
    assert edge == {
        "Child Unique ID": f"EH{world['edge'].pk:08d}",
        "Gender": "a) Male",
        "Ethnicity": "a) WBRI",
        "Date of Birth": "25/11/2016",
        "Age of Child (Years)": 9,  # ten tomorrow
        "Assessment start date": "24/05/2026",
        "Assessment completion date": "02/06/2026",
        "Organisation completing assessment": "Oakfield Primary School",  # the lead practitioner's agency
    }
    opened = by_id[f"EH{world['open'].pk:08d}"]
    assert opened["Assessment start date"] == "05/10/2026"
    assert opened["Assessment completion date"] == ""
    assert opened["Organisation completing assessment"] == "Northshire Early Help"  # the team's agency
    for row in by_id.values():
        assert row["Gender"] in SHARED["value_sets"]["gender"]
        assert row["Ethnicity"] in SHARED["value_sets"]["ethnicity"]
        for name in ("Date of Birth", "Assessment start date"):
            assert DDMMYYYY.match(row[name])


def test_not_recorded_sex_and_ethnicity(world):
    world["open"].sex = None
    world["open"].ethnicity = None
    world["open"].save()
    row = dict(
        zip(
            COLUMNS,
            next(r for r in annex_a_list2_rows(today=TODAY) if r[0].endswith(str(world["open"].pk))),
            strict=True,
        )
    )
    assert (row["Gender"], row["Ethnicity"]) == ("c) Not stated/recorded", "t) NOBT")


def test_xlsx(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        content = annex_a_list2_xlsx(today=TODAY)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["List 2"]
    values = list(book["List 2"].iter_rows(values_only=True))
    assert list(values[0]) == COLUMNS
    assert len(values) == 3
    for row in values[1:]:
        assert isinstance(row[COLUMNS.index("Assessment start date")], str)
        assert DDMMYYYY.match(row[COLUMNS.index("Assessment start date")])
