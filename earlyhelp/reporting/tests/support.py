"""What the section tests share: reading a table's rows and checking every figure's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.tables import Table


def rows(table: Table) -> dict[str, list[Any]]:
    return {row.label: row.values for row in table.rows}


def table(tables: list[Table], key: str) -> Table:
    return next(t for t in tables if t.key == key)


def check_drills(records: Callable[[ReportFilter, str, str], Any], f: ReportFilter, tables: list[Table]) -> None:
    """Every row with a drill key lists exactly as many records as its first figure."""
    for t in tables:
        for row in t.rows:
            if row.drill:
                found = records(f, t.key, row.drill)
                assert found is not None, (t.key, row.drill)
                assert found.count() == row.values[0], (t.key, row.label)
