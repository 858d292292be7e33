"""English working days, and the clocks that run on them.

Statutory and local timescales in early help are counted in working days, not calendar days: the front door has one
working day to decide what happens to a request (R1.12), and a request that arrives on a Friday afternoon before a
bank holiday weekend is not late on the Monday. The product brief fixes the rule: "Timescales count English working
days (bank holidays included)", so a working day is a weekday that is not a bank holiday in England and Wales,
one-off ones (the 2022 State Funeral, the 2023 Coronation) and substitute days included.

Bank holidays come from the `holidays` package, pinned in pyproject.toml; docs/how-to/timescales.md says how to keep
it up to date. Everything here is pure: no database, no settings, no clock of its own (callers pass `now`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

# Councils in England work to the clock on the office wall, so days and times are read in UK local time whatever zone
# a caller's datetime is in (UTC from the database, usually).
LONDON = ZoneInfo("Europe/London")

# A request that arrives outside a working day waits for the office to open: its clock starts at 09:00 on the next
# working day (R1.12), not at midnight, or a Saturday request would be "due" before anyone could read it.
CLOCK_STARTS_AT = time(9, 0)

Rag = Literal["green", "amber", "red"]


@functools.cache
def _bank_holidays(year: int) -> MappingProxyType[date, str]:
    """The bank holidays of one year, computed once per process and read-only, since the cache shares it."""
    calendar = holidays.country_holidays(
        "GB",
        subdiv="ENG",
        years=year,
        # Without a language the package picks its names from the process's LANGUAGE/LANG environment, so the same
        # server could print "Christmas Day" or a translation depending on how it was started.
        language="en_GB",
    )
    # The package lists a holiday on its calendar date even at a weekend (Boxing Day on Saturday 26 December 2026)
    # as well as the substitute day it gives (Monday 28 December). GOV.UK lists only the day off work, and so do we:
    # a weekend day is not a working day anyway, and a list shown to practitioners should match GOV.UK's.
    return MappingProxyType({day: name for day, name in sorted(calendar.items()) if day.weekday() < 5})


def bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays in England and Wales in `year` that fall on a weekday, with their names, in date order.

    Substitute days are included (named "... (observed)" by the package); a holiday whose calendar date is at a
    weekend appears only as its substitute day, as on GOV.UK.
    """
    return dict(_bank_holidays(year))


def is_working_day(day: date) -> bool:
    """True if `day` is a weekday that is not an English bank holiday."""
    if isinstance(day, datetime):
        # A datetime is a date to Python, but its calendar date depends on its zone: 23:30 UTC on a Sunday in
        # summer is already Monday in London. Callers convert to London time first; guessing here hides bugs.
        raise TypeError("is_working_day takes a date; convert a datetime with .astimezone(LONDON).date() first")
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def _next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _require_aware(value: datetime, name: str) -> None:
    # A naive datetime has no zone, so we could not tell which calendar day it falls on in England.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


def _clock_starts(received_at: datetime) -> datetime:
    """When a clock started by something received at `received_at` begins to run, in London time.

    On a working day it runs from the moment of receipt; otherwise from 09:00 on the next working day (R1.12).
    """
    _require_aware(received_at, "received_at")
    local = received_at.astimezone(LONDON)
    if is_working_day(local.date()):
        return local
    return datetime.combine(_next_working_day(local.date()), CLOCK_STARTS_AT, tzinfo=LONDON)


def add_working_days(start: datetime, days: int) -> datetime:
    """The same London clock time `days` working days after `start`, in `start`'s own time zone.

    If `start` is not on a working day (a weekend or a bank holiday, in London), the clock starts at 09:00 on the
    next working day and counts from there: a request received on Saturday with one working day to run is due at
    09:00 on Tuesday. The local clock time survives a change to or from summer time: 15:00 on the Friday before the
    clocks go forward is due at 15:00 BST on the Monday, 71 real hours later.
    """
    if days < 0:
        raise ValueError(f"days must be zero or more, got {days}")
    begins = _clock_starts(start)
    day = begins.date()
    for _ in range(days):
        day = _next_working_day(day)
    # The clocks change at 01:00 UTC on a Sunday, and `day` is a working day, so the local time here always exists
    # and is never ambiguous: no need to choose a fold.
    due = datetime.combine(day, begins.time(), tzinfo=LONDON)
    return due.astimezone(start.tzinfo)


def _weekdays_after(start: date, end: date) -> int:
    """Monday to Friday days d with start < d <= end (end >= start)."""
    full_weeks, rest = divmod((end - start).days, 7)
    return full_weeks * 5 + sum(1 for i in range(1, rest + 1) if (start.weekday() + i) % 7 < 5)


def working_days_between(start: date, end: date) -> int:
    """The number of working days after `start` up to and including `end`; negative if `end` is before `start`.

    So `working_days_between(friday, next_monday)` is 1 in an ordinary week, 0 over a bank holiday Monday; and
    `working_days_between(a, b) == -working_days_between(b, a)`.
    """
    for value in (start, end):
        if isinstance(value, datetime):
            raise TypeError("working_days_between takes dates; convert datetimes to London dates first")
    if end < start:
        return -working_days_between(end, start)
    # Count weekdays arithmetically and take off the bank holidays in range, so a span of years costs a few
    # dictionary look-ups instead of a loop over every day.
    holidays_in_range = sum(
        1 for year in range(start.year, end.year + 1) for day in _bank_holidays(year) if start < day <= end
    )
    return _weekdays_after(start, end) - holidays_in_range


@dataclass(frozen=True)
class Clock:
    """A timescale running from `started_at` to `due_at` (both timezone-aware).

    Red, amber and green follow elapsed real time: green while less than half of the time from start to due has
    passed, amber from half-time up to and including the due moment, red once it has passed.
    """

    started_at: datetime
    due_at: datetime

    def __post_init__(self) -> None:
        _require_aware(self.started_at, "started_at")
        _require_aware(self.due_at, "due_at")
        if self.due_at < self.started_at:
            raise ValueError("a clock cannot be due before it starts")

    def remaining(self, now: datetime) -> timedelta:
        """Real time left until the due moment; negative once overdue."""
        _require_aware(now, "now")
        # Subtract in UTC: Python subtracts two datetimes that share a tzinfo object by wall clock, so across a
        # change to summer time Friday 15:00 to Monday 15:00 in London would count 72 hours instead of 71.
        return self.due_at.astimezone(UTC) - now.astimezone(UTC)

    def rag(self, now: datetime) -> Rag:
        """ "green" before half-time, "amber" from half-time until due (inclusive), "red" after the due moment."""
        _require_aware(now, "now")
        total = self.due_at.astimezone(UTC) - self.started_at.astimezone(UTC)
        elapsed = now.astimezone(UTC) - self.started_at.astimezone(UTC)
        if now.astimezone(UTC) > self.due_at.astimezone(UTC):
            return "red"
        if elapsed * 2 >= total:
            return "amber"
        return "green"


def clock_start(received_at: datetime, working_days: int = 1) -> Clock:
    """Start the clock on something received at `received_at`, due `working_days` working days later.

    The default of one working day is the front door's: a decision on every request within one working day of
    receipt (R1.12). The clock's times are in `received_at`'s time zone; `started_at` is the receipt itself on a
    working day, or 09:00 on the next working day otherwise.
    """
    started_at = _clock_starts(received_at).astimezone(received_at.tzinfo)
    return Clock(started_at=started_at, due_at=add_working_days(received_at, working_days))
