"""What every report is filtered by: a period (a quarter, a financial year or any two dates), and optionally a
locality, a team or an agency.

A period is inclusive of both dates. "Open at period end" means open at the end of the last day. The locality is
the directory's Area that a team serves (`Team.area`): locality filters apply through the team that holds the
episode, so requests are counted by the team of the episode they led to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

from django.utils import timezone


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar quarter holding `day`: (first day, last day)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    end_month = first_month + 2
    end = (
        datetime.date(day.year + 1, 1, 1) if end_month == 12 else datetime.date(day.year, end_month + 1, 1)
    ) - datetime.timedelta(days=1)
    return start, end


def previous_quarter(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start, _ = quarter_of(day)
    return quarter_of(start - datetime.timedelta(days=1))


def financial_year_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """April to March, as councils report."""
    first_year = day.year if day.month >= 4 else day.year - 1
    return datetime.date(first_year, 4, 1), datetime.date(first_year + 1, 3, 31)


@dataclass(frozen=True)
class ReportFilter:
    start: datetime.date
    end: datetime.date
    area_id: int | None = None
    team_id: int | None = None
    agency_id: int | None = None

    @classmethod
    def default(cls, today: datetime.date | None = None) -> ReportFilter:
        """The last complete quarter: what a performance sub-group meets about."""
        start, end = previous_quarter(today or timezone.localdate())
        return cls(start=start, end=end)

    @property
    def start_at(self) -> datetime.datetime:
        """The first instant of the period, in local time."""
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_at(self) -> datetime.datetime:
        """The first instant after the period (exclusive upper bound for timestamps)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, **changes: Any) -> ReportFilter:
        return replace(self, **changes)

    def episode_scope(self, prefix: str = "") -> dict[str, Any]:
        """Keyword filters that restrict an Episode queryset (or a relation to one, through `prefix`) to the
        locality, team and agency chosen."""
        scope: dict[str, Any] = {}
        if self.team_id is not None:
            scope[f"{prefix}team_id"] = self.team_id
        if self.agency_id is not None:
            scope[f"{prefix}team__agency_id"] = self.agency_id
        if self.area_id is not None:
            scope[f"{prefix}team__area_id"] = self.area_id
        return scope

    @property
    def scoped(self) -> bool:
        return any(v is not None for v in (self.area_id, self.team_id, self.agency_id))

    def as_query(self) -> dict[str, str]:
        """The filter as GET parameters, for links and downloads."""
        query = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        for name in ("area_id", "team_id", "agency_id"):
            value = getattr(self, name)
            if value is not None:
                query[name.removesuffix("_id")] = str(value)
        return query
