"""Ofsted Annex A List 2 (early help), for an inspection of local authority children's services (ILACS).

Columns, their order and their value formats come from the official list description kept in
`earlyhelp/codes/data/annex_a_lists.json` (a verbatim copy of shared/codes/annex_a_lists.json): dates as
dd/mm/yyyy strings, categories with their letter prefix ("a) Male", "a) WBRI").

Scope, as the template says: "All early help assessments in the 6 months before the inspection, plus current early
help interventions". One row per child per episode (archived episodes excluded) that either

- had an assessment (not archived) started in the window: from the same day `months` months before `today` up to
  and including `today`; or
- is open today (waiting for allocation or open: not closed).

The row's assessment is the newest one started in the window, or failing that (an open episode whose assessment
started earlier) the newest one started on or before today. The children are those linked to the episode (current
and former links: a child who left the episode was still assessed).

- Child Unique ID: the people register has no LA child id (CIN LAchildID), so it is "EH" and the person's primary
  key padded to eight digits ("EH00001234"): stable for the life of the record, and the same for the child across
  episodes and exports.
- Gender: from the person's CIN sex code: M "a) Male", F "b) Female", U or not recorded "c) Not stated/recorded".
  The column keeps the JSON's name "Gender" (the 2026 template may rename it Sex).
- Ethnicity: the DfE code's Annex A value from the official list ("WBRI" "a) WBRI"); not recorded, or a code with
  no Annex A value, "t) NOBT" (information not yet obtained).
- Date of Birth and Age of Child (Years): blank when not known (both optional); the age is in whole years on
  `today`.
- Assessment start date (required): the assessment's start date. An open intervention with no assessment yet
  has no assessment date to give, yet the column is required: it carries the date the episode opened, the start
  of the early help the child is receiving.
- Assessment completion date (optional): the date the assessment was signed off by a manager; blank otherwise.
- Organisation completing assessment (required): the agency of the lead practitioner, or failing that the agency
  of the team holding the episode; blank only for an episode with neither.
"""

from __future__ import annotations

import calendar
import datetime
import io
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import xlsxwriter
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from earlyhelp.assessments.models import Assessment
from earlyhelp.codes.lists import DATA_DIR, ETHNICITY, entries
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.people.models import Person, age_on

SHEET_NAME = "List 2"
GENDER = {"M": "a) Male", "F": "b) Female"}
GENDER_NOT_STATED = "c) Not stated/recorded"
ETHNICITY_NOT_OBTAINED = "t) NOBT"


@cache
def list2_spec() -> dict[str, Any]:
    lists = json.loads((DATA_DIR / "annex_a_lists.json").read_text(encoding="utf-8"))["lists"]
    return next(item for item in lists if item["list"] == 2)


def list2_columns() -> list[str]:
    return [column["name"] for column in list2_spec()["columns"]]


@cache
def _ethnicity_values() -> dict[str, str]:
    return {entry["code"]: entry["annex_a_value"] for entry in entries(ETHNICITY) if entry.get("annex_a_value")}


def window_start(today: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of that month when it is shorter)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _ddmmyyyy(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return f"{value:%d/%m/%Y}"


def child_unique_id(person_id: int) -> str:
    return f"EH{person_id:08d}"


def gender_value(person: Person) -> str:
    return GENDER.get(person.sex.code if person.sex is not None else "", GENDER_NOT_STATED)


def ethnicity_value(person: Person) -> str:
    code = person.ethnicity.code if person.ethnicity is not None else ""
    return _ethnicity_values().get(code, ETHNICITY_NOT_OBTAINED)


def _organisation(episode: Episode) -> str:
    lead = episode.lead_practitioner
    profile = getattr(lead, "profile", None) if lead is not None else None
    if profile is not None:
        return profile.agency.name
    if episode.team is not None:
        return episode.team.agency.name
    return ""


def annex_a_list2_rows(*, today: datetime.date, months: int = 6) -> Iterator[list[Any]]:
    """The rows of List 2 (no header), in the JSON's column order; four queries however many episodes."""
    start_at, end_at = _aware(window_start(today, months)), _aware(today + datetime.timedelta(days=1))
    in_window = Assessment.objects.live().filter(
        episode=OuterRef("pk"), started_at__gte=start_at, started_at__lt=end_at
    )
    episodes = {
        e.pk: e
        for e in Episode.objects.live()
        .filter(Q(Exists(in_window)) | ~Q(status=EpisodeStatus.CLOSED))
        .select_related("team__agency", "lead_practitioner__profile__agency")
    }
    # The newest assessment in the window, else the newest started by today (ordered oldest first: last wins).
    chosen: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.live()
        .filter(episode_id__in=list(episodes), started_at__lt=end_at)
        .only("episode_id", "number", "started_at", "signed_off_at")
        .order_by("episode_id", "started_at", "number")
    ):
        current = chosen.get(assessment.episode_id)
        if current is None or assessment.started_at >= start_at or current.started_at < start_at:
            chosen[assessment.episode_id] = assessment
    links = (
        EpisodeChild.objects.filter(episode_id__in=list(episodes))
        .select_related("person__sex", "person__ethnicity")
        .order_by("episode_id", "person__date_of_birth", "person_id")
    )
    builders = {
        "Child Unique ID": lambda p, e, a: child_unique_id(p.pk),
        "Gender": lambda p, e, a: gender_value(p),
        "Ethnicity": lambda p, e, a: ethnicity_value(p),
        "Date of Birth": lambda p, e, a: _ddmmyyyy(p.date_of_birth),
        "Age of Child (Years)": lambda p, e, a: age_on(p.date_of_birth, today) if p.date_of_birth else None,
        "Assessment start date": lambda p, e, a: _ddmmyyyy(a.started_at if a is not None else e.opened_at),
        "Assessment completion date": lambda p, e, a: _ddmmyyyy(a.signed_off_at if a is not None else None),
        "Organisation completing assessment": lambda p, e, a: _organisation(e),
    }
    columns = list2_columns()
    unknown = set(columns) - set(builders)
    if unknown:
        raise ValueError(f"Annex A List 2 has columns this export does not fill: {sorted(unknown)}")
    for link in links:
        episode = episodes[link.episode_id]
        assessment = chosen.get(episode.pk)
        yield [builders[name](link.person, episode, assessment) for name in columns]


def annex_a_list2_xlsx(*, today: datetime.date, months: int = 6) -> bytes:
    """List 2 as a workbook: one worksheet "List 2", the header on the first row, every value as text except the
    age (a number)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    workbook.set_properties({"title": f"Annex A List 2: early help, {today:%d/%m/%Y}"})
    sheet = workbook.add_worksheet(SHEET_NAME)
    bold = workbook.add_format({"bold": True})
    columns = list2_columns()
    sheet.write_row(0, 0, columns, bold)
    for r, row in enumerate(annex_a_list2_rows(today=today, months=months), start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    sheet.set_column(0, len(columns) - 1, 24)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return output.getvalue()
