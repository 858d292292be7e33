"""The overdue rule of R6.4, pure: no database, no settings, no clock of its own."""

from __future__ import annotations

import datetime

from earlyhelp.timescales import working_days_between


def confirmation_overdue(
    action_due_on: datetime.date, confirmation: str, today: datetime.date, *, grace_working_days: int | None = None
) -> bool:
    """An agreed action goes overdue when nobody has said whether it was done and today is more than the grace
    period (ESCALATION_CONFIRM_WORKING_DAYS English working days) after its due date."""
    if confirmation:
        return False
    if grace_working_days is None:
        from django.conf import settings

        grace_working_days = settings.ESCALATION_CONFIRM_WORKING_DAYS
    return working_days_between(action_due_on, today) > grace_working_days


def latest_overdue_due_date(today: datetime.date, grace_working_days: int) -> datetime.date:
    """The latest due date whose unconfirmed action is overdue today: an action is overdue exactly when its due date
    is on or before this one (the working-day count only shrinks as the due date moves later)."""
    day = today - datetime.timedelta(days=1)
    while working_days_between(day, today) <= grace_working_days:
        day -= datetime.timedelta(days=1)
    return day
