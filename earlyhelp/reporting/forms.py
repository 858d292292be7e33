"""The report filter form (GET): a period, and optionally a locality, a team and an agency."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone

from earlyhelp.directory.models import Area
from earlyhelp.organisations.models import Agency, Team
from earlyhelp.reporting.filters import ReportFilter, financial_year_of, previous_quarter, quarter_of

QUARTERS_SHOWN = 12
YEARS_SHOWN = 3


def _label(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def period_choices(today: datetime.date) -> list[tuple[str, str]]:
    """The last complete quarters, the current quarter so far, and financial years (April to March)."""
    choices: list[tuple[str, str]] = []
    start, end = quarter_of(today)
    choices.append((f"{start}:{end}", f"This quarter so far ({_label(start, end)})"))
    day = today
    for _ in range(QUARTERS_SHOWN):
        start, end = previous_quarter(day)
        choices.append((f"{start}:{end}", f"Quarter {_label(start, end)}"))
        day = start
    fy_start, fy_end = financial_year_of(today)
    for _ in range(YEARS_SHOWN):
        choices.append((f"{fy_start}:{fy_end}", f"Financial year {fy_start.year} to {fy_end.year}"))
        fy_start, fy_end = financial_year_of(fy_start - datetime.timedelta(days=1))
    return choices


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(label="Period")
    area = forms.ModelChoiceField(
        label="Locality", queryset=Area.objects.filter(active=True), required=False, empty_label="All localities"
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.live().select_related("agency"), required=False, empty_label="All teams"
    )
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.all(), required=False, empty_label="All agencies"
    )

    def __init__(self, data: QueryDict, *args: Any, today: datetime.date | None = None, **kwargs: Any) -> None:
        self.today = today or timezone.localdate()
        default = ReportFilter.default(self.today)
        data = data.copy()
        start, end = data.get("start"), data.get("end")
        period = str(data.get("period") or (f"{start}:{end}" if start and end else f"{default.start}:{default.end}"))
        data["period"] = period
        super().__init__(data, *args, **kwargs)
        choices = period_choices(self.today)
        if period not in dict(choices):
            # A period from a link (start and end) that the list does not offer: keep it, labelled by its dates.
            parsed = self._parse(period)
            if parsed:
                choices.insert(0, (period, _label(*parsed)))
        self.fields["period"].choices = choices  # type: ignore[attr-defined]

    @staticmethod
    def _parse(value: str) -> tuple[datetime.date, datetime.date] | None:
        try:
            first, last = (datetime.date.fromisoformat(part) for part in value.split(":"))
        except ValueError:
            return None
        return (first, last) if first <= last else None

    def report_filter(self) -> ReportFilter:
        """The filter chosen, or the default (the last complete quarter) when the form is not valid."""
        default = ReportFilter.default(self.today)
        if not self.is_valid():
            return default
        parsed = self._parse(self.cleaned_data["period"]) or (default.start, default.end)
        pk = lambda name: self.cleaned_data[name].pk if self.cleaned_data.get(name) else None  # noqa: E731
        return ReportFilter(
            start=parsed[0], end=parsed[1], area_id=pk("area"), team_id=pk("team"), agency_id=pk("agency")
        )
