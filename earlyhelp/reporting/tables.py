"""A report table: what every report page shows, charts, and downloads as CSV and XLSX.

A table has row labels and columns of figures. Each row may carry a `drill` key: with it, a user allowed to see
records gets a link to the records behind the row (`reporting:records`), and an analyst sees only the figure.
Percentages are stored as numbers (0 to 100) and formatted at the edge.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import xlsxwriter

Value = int | float | str | None
Format = Literal["count", "percent", "days", "text", "decimal"]


@dataclass(frozen=True)
class Column:
    title: str
    format: Format = "count"


@dataclass
class Row:
    label: str
    values: list[Value]
    # The key the section's records() understands, for the link to the records behind the figures.
    drill: str = ""
    # A total or summary row: shown in bold, left out of charts.
    total: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    # The metric keys (glossary anchors) whose definitions this table shows.
    metrics: list[str] = field(default_factory=list)
    # What the row labels are ("Referral source", "Age band"...): the first column's heading.
    row_heading: str = ""
    # The column a bar chart draws (index into columns); None for no chart.
    chart_column: int | None = 0
    note: str = ""

    @property
    def chart_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.total]


def format_value(value: Value, fmt: Format) -> str:
    if value is None:
        return "–"
    if fmt == "percent" and isinstance(value, int | float):
        return f"{value:.0f}%"
    if fmt in ("days", "decimal") and isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percent(part: int, whole: int) -> float | None:
    """part as a share of whole, 0 to 100; None when there is nothing to share (never divide by zero)."""
    return None if whole == 0 else 100 * part / whole


def _header(table: Table) -> list[str]:
    return [table.row_heading or "", *(column.title for column in table.columns)]


def _plain(value: Value) -> Value:
    return "" if value is None else value


def csv_lines(tables: Sequence[Table]) -> Iterator[str]:
    """CSV text, a line at a time (for a streaming response); several tables are separated by a blank line and
    introduced by their title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([table.title])
        writer.writerow(_header(table))
        for row in table.rows:
            writer.writerow([row.label, *(_plain(v) for v in row.values)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = name, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def xlsx_bytes(tables: Sequence[Table], *, title: str) -> bytes:
    """One worksheet per table: a title line, a header row, the rows; percentages as Excel percentages."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    workbook.set_properties({"title": title})
    bold = workbook.add_format({"bold": True})
    heading = workbook.add_format({"bold": True, "font_size": 14})
    formats = {
        "percent": workbook.add_format({"num_format": "0%"}),
        "days": workbook.add_format({"num_format": "0.0"}),
        "decimal": workbook.add_format({"num_format": "0.0"}),
        "count": workbook.add_format({"num_format": "#,##0"}),
    }
    used: set[str] = set()
    for table in tables:
        sheet = workbook.add_worksheet(_sheet_name(table.title, used))
        sheet.write(0, 0, table.title, heading)
        sheet.write_row(2, 0, _header(table), bold)
        for r, row in enumerate(table.rows, start=3):
            sheet.write(r, 0, row.label, bold if row.total else None)
            for c, (column, value) in enumerate(zip(table.columns, row.values, strict=True), start=1):
                if value is None:
                    continue
                if column.format == "percent" and isinstance(value, int | float):
                    sheet.write_number(r, c, value / 100, formats["percent"])
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value, formats.get(column.format))
                else:
                    sheet.write_string(r, c, str(value))
        if table.note:
            sheet.write(len(table.rows) + 4, 0, table.note)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(table.columns), 16)
    workbook.close()
    return output.getvalue()
