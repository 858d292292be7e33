"""Working days in England and the timescale clocks built on them (R1.12).

A plain Python package, not a Django app: no models, no settings, nothing to migrate. Import from here.
"""

from earlyhelp.timescales.working_days import (
    LONDON,
    Clock,
    Rag,
    add_working_days,
    bank_holidays,
    clock_start,
    is_working_day,
    working_days_between,
)

__all__ = [
    "LONDON",
    "Clock",
    "Rag",
    "add_working_days",
    "bank_holidays",
    "clock_start",
    "is_working_day",
    "working_days_between",
]
