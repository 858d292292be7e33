"""Working days and clocks: pure tests, no database.

The dates are the real English bank holidays (GOV.UK), so a change in the `holidays` package that moved one would
fail here before it moved a due date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from earlyhelp.timescales import (
    LONDON,
    Clock,
    add_working_days,
    bank_holidays,
    clock_start,
    is_working_day,
    working_days_between,
)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


# --- bank holidays ------------------------------------------------------------------------------------------------


def test_spring_bank_holiday_weekend_one_working_day_from_friday_afternoon_is_tuesday_afternoon():
    # Spring bank holiday: Monday 27 May 2024.
    assert add_working_days(london(2024, 5, 24, 15, 0), 1) == london(2024, 5, 28, 15, 0)
    assert clock_start(london(2024, 5, 24, 15, 0)).due_at == london(2024, 5, 28, 15, 0)


def test_christmas_2026_boxing_day_on_saturday_gives_monday_28_december_as_substitute():
    holidays_2026 = bank_holidays(2026)
    assert holidays_2026[date(2026, 12, 25)] == "Christmas Day"
    assert holidays_2026[date(2026, 12, 28)] == "Boxing Day (observed)"
    # The package also knows Saturday 26 December as Boxing Day; it is not a day off work, so it is left out.
    assert date(2026, 12, 26) not in holidays_2026
    assert [day for day in holidays_2026 if day.month == 12] == [date(2026, 12, 25), date(2026, 12, 28)]
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))
    # Received on Christmas Eve, due on the Tuesday after the four-day break.
    assert add_working_days(london(2026, 12, 24, 10, 0), 1) == london(2026, 12, 29, 10, 0)
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_christmas_2027_on_a_weekend_gives_monday_and_tuesday_as_substitutes():
    holidays_2027 = bank_holidays(2027)
    assert [day for day in holidays_2027 if day.month == 12] == [date(2027, 12, 27), date(2027, 12, 28)]


def test_request_received_on_saturday_starts_at_nine_on_monday_and_is_due_at_nine_on_tuesday():
    saturday = london(2024, 6, 1, 14, 30)
    assert add_working_days(saturday, 1) == london(2024, 6, 4, 9, 0)
    clock = clock_start(saturday)
    assert clock.started_at == london(2024, 6, 3, 9, 0)
    assert clock.due_at == london(2024, 6, 4, 9, 0)


def test_easter_2025_good_friday_and_easter_monday_are_not_working_days():
    assert bank_holidays(2025)[date(2025, 4, 18)] == "Good Friday"
    assert bank_holidays(2025)[date(2025, 4, 21)] == "Easter Monday"
    assert not is_working_day(date(2025, 4, 18))
    assert not is_working_day(date(2025, 4, 21))
    # Maundy Thursday to the Tuesday after Easter is one working day.
    assert add_working_days(london(2025, 4, 17, 12, 0), 1) == london(2025, 4, 22, 12, 0)
    # Received on Good Friday itself: the clock starts on Tuesday at 09:00.
    assert add_working_days(london(2025, 4, 18, 11, 0), 1) == london(2025, 4, 23, 9, 0)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
    ],
)
def test_one_off_bank_holidays_are_not_working_days(day, name):
    assert bank_holidays(day.year)[day] == name
    assert not is_working_day(day)


def test_state_funeral_and_coronation_push_due_dates_to_tuesday():
    assert add_working_days(london(2022, 9, 16, 11, 0), 1) == london(2022, 9, 20, 11, 0)
    assert add_working_days(london(2023, 5, 5, 16, 45), 1) == london(2023, 5, 9, 16, 45)


def test_a_whole_year_counts_weekdays_less_bank_holidays():
    # 2024: 262 weekdays, 8 bank holidays all on weekdays.
    assert len(bank_holidays(2024)) == 8
    assert working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 254


def test_working_days_between_is_zero_for_the_same_day_and_negative_backwards():
    assert working_days_between(date(2024, 5, 24), date(2024, 5, 24)) == 0
    assert working_days_between(date(2024, 5, 24), date(2024, 5, 27)) == 0  # the weekend and the bank holiday
    assert working_days_between(date(2024, 5, 24), date(2024, 5, 28)) == 1
    assert working_days_between(date(2024, 5, 28), date(2024, 5, 24)) == -1


def test_bank_holidays_returns_a_copy_that_callers_may_change():
    bank_holidays(2024).clear()
    assert len(bank_holidays(2024)) == 8


def test_zero_working_days_is_the_moment_the_clock_starts():
    assert add_working_days(london(2024, 5, 24, 15, 0), 0) == london(2024, 5, 24, 15, 0)
    assert add_working_days(london(2024, 5, 25, 15, 0), 0) == london(2024, 5, 28, 9, 0)


# --- time zones and summer time -----------------------------------------------------------------------------------


def test_clocks_going_forward_keep_the_local_time():
    # Clocks go forward on Sunday 29 March 2026: Friday 15:00 GMT is due Monday 15:00 BST.
    due = add_working_days(london(2026, 3, 27, 15, 0), 1)
    assert due == london(2026, 3, 30, 15, 0)
    assert due.utcoffset() == timedelta(hours=1)
    # Given in UTC, the answer comes back in UTC: 15:00Z is 15:00 GMT, due 15:00 BST which is 14:00Z.
    due_utc = add_working_days(datetime(2026, 3, 27, 15, 0, tzinfo=UTC), 1)
    assert due_utc.tzinfo is UTC
    assert due_utc == datetime(2026, 3, 30, 14, 0, tzinfo=UTC)


def test_clocks_going_back_keep_the_local_time():
    # Clocks go back on Sunday 25 October 2026: Friday 10:00 BST is due Monday 10:00 GMT.
    due = add_working_days(london(2026, 10, 23, 10, 0), 1)
    assert due == london(2026, 10, 26, 10, 0)
    assert due.utcoffset() == timedelta(0)
    assert add_working_days(datetime(2026, 10, 23, 9, 0, tzinfo=UTC), 1) == datetime(2026, 10, 26, 10, 0, tzinfo=UTC)


def test_received_on_the_sunday_the_clocks_change_starts_at_nine_on_monday():
    assert add_working_days(london(2026, 3, 29, 1, 30), 1) == london(2026, 3, 31, 9, 0)


def test_the_day_is_read_in_london_not_in_the_zone_given():
    # 23:30 UTC on Sunday 2 June 2024 is 00:30 BST on Monday 3 June, a working day: the clock runs from then.
    assert add_working_days(datetime(2024, 6, 2, 23, 30, tzinfo=UTC), 1) == datetime(2024, 6, 3, 23, 30, tzinfo=UTC)


def test_clock_remaining_counts_real_hours_across_a_change_of_clocks():
    clock = clock_start(london(2026, 3, 27, 15, 0))
    assert clock.remaining(clock.started_at) == timedelta(hours=71)


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_working_days(datetime(2024, 5, 24, 15, 0), 1),  # noqa: DTZ001
        lambda: clock_start(datetime(2024, 5, 24, 15, 0)),  # noqa: DTZ001
        lambda: clock_start(london(2024, 5, 24, 15, 0)).rag(datetime(2024, 5, 24, 16, 0)),  # noqa: DTZ001
        lambda: clock_start(london(2024, 5, 24, 15, 0)).remaining(datetime(2024, 5, 24, 16, 0)),  # noqa: DTZ001
        lambda: Clock(started_at=datetime(2024, 5, 24, 15, 0), due_at=london(2024, 5, 28, 15, 0)),  # noqa: DTZ001
    ],
)
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(london(2024, 5, 24, 15, 0), -1)


def test_a_clock_cannot_be_due_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Clock(started_at=london(2024, 5, 28, 15, 0), due_at=london(2024, 5, 24, 15, 0))


def test_datetimes_are_not_taken_for_dates():
    with pytest.raises(TypeError):
        is_working_day(london(2024, 5, 24, 15, 0))
    with pytest.raises(TypeError):
        working_days_between(london(2024, 5, 24, 15, 0), date(2024, 5, 28))


# --- red, amber, green --------------------------------------------------------------------------------------------


def test_rag_thresholds_at_half_time_and_at_the_due_moment():
    clock = clock_start(london(2024, 6, 3, 9, 0))  # Monday 09:00, due Tuesday 09:00: half-time is Monday 21:00
    tick = timedelta(microseconds=1)
    half = london(2024, 6, 3, 21, 0)
    assert clock.due_at == london(2024, 6, 4, 9, 0)
    assert clock.rag(london(2024, 6, 3, 8, 0)) == "green"  # before it starts
    assert clock.rag(clock.started_at) == "green"
    assert clock.rag(half - tick) == "green"
    assert clock.rag(half) == "amber"
    assert clock.rag(clock.due_at - tick) == "amber"
    assert clock.rag(clock.due_at) == "amber"  # due, not yet past due
    assert clock.rag(clock.due_at + tick) == "red"
    assert clock.remaining(clock.due_at) == timedelta(0)
    assert clock.remaining(clock.due_at + timedelta(hours=2)) == timedelta(hours=-2)
    assert clock.remaining(half) == timedelta(hours=12)


def test_rag_reads_now_in_any_time_zone():
    clock = clock_start(london(2024, 6, 3, 9, 0))
    # Monday 21:00 BST is 20:00 UTC: exactly half-time.
    assert clock.rag(datetime(2024, 6, 3, 19, 59, 59, tzinfo=UTC)) == "green"
    assert clock.rag(datetime(2024, 6, 3, 20, 0, tzinfo=UTC)) == "amber"


def test_rag_half_time_is_real_time_across_a_change_of_clocks():
    # Friday 15:00 GMT to Monday 15:00 BST is 71 real hours, so half-time is 35h30m in: Sunday 02:30 UTC.
    clock = clock_start(london(2026, 3, 27, 15, 0))
    half = datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    assert clock.rag(half - timedelta(microseconds=1)) == "green"
    assert clock.rag(half) == "amber"


# --- properties ---------------------------------------------------------------------------------------------------

starts = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 -- hypothesis bounds are naive; the zone comes from `timezones`
    max_value=datetime(2039, 12, 31),  # noqa: DTZ001
    timezones=st.just(LONDON),
    allow_imaginary=False,
)
any_zone_starts = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001
    max_value=datetime(2039, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([LONDON, UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]),
    allow_imaginary=False,
)
counts = st.integers(min_value=0, max_value=60)


@given(any_zone_starts, counts)
def test_always_lands_on_a_working_day_in_the_zone_given(start, n):
    due = add_working_days(start, n)
    assert is_working_day(due.astimezone(LONDON).date())
    assert due.tzinfo is start.tzinfo


@given(any_zone_starts, counts, counts)
def test_more_working_days_is_never_sooner(start, a, b):
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@given(starts, counts)
def test_counting_back_the_working_days_added_gives_the_same_number(start, n):
    assume(is_working_day(start.date()))
    due = add_working_days(start, n)
    assert working_days_between(start.date(), due.date()) == n
    assert due.time() == start.time()  # the same clock time on the office wall


@given(st.dates(date(2000, 1, 1), date(2039, 12, 31)), st.integers(min_value=-400, max_value=400))
def test_working_days_between_agrees_with_counting_day_by_day(start, span):
    end = start + timedelta(days=span)
    low, high = sorted((start, end))
    by_hand = sum(1 for i in range(1, (high - low).days + 1) if is_working_day(low + timedelta(days=i)))
    assert working_days_between(start, end) == (by_hand if end >= start else -by_hand)
    assert working_days_between(end, start) == -working_days_between(start, end)
