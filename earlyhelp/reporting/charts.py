"""Report charts: a horizontal bar chart drawn on the server as SVG, one bar per row of a table.

The SVG has role="img", a title and a description that says in words what it shows; the page puts the table
with the same figures beside it, so nothing is only in the picture. Bars are one dark colour with an outline
(contrast does not depend on colour), and each bar's value is written at its end.
"""

from __future__ import annotations

import textwrap

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from earlyhelp.reporting.tables import Table, format_value

WIDTH = 640
LABEL_RIGHT = 220
PLOT_LEFT = 232
PLOT_RIGHT = 560
BAR_HEIGHT = 22
BAR_GAP = 18
LABEL_WRAP = 28
MAX_BARS = 25


def bar_chart_svg(table: Table) -> SafeString | None:
    """The chart of `table.chart_column`, or None when the table has no chart or nothing to draw."""
    if table.chart_column is None:
        return None
    column = table.columns[table.chart_column]
    rows = [row for row in table.chart_rows if isinstance(row.values[table.chart_column], int | float)][:MAX_BARS]
    if not rows:
        return None
    values = [float(row.values[table.chart_column] or 0) for row in rows]
    top_value = 100.0 if column.format == "percent" else max(max(values), 1.0)

    def x(value: float) -> float:
        return round(PLOT_LEFT + max(value, 0) * (PLOT_RIGHT - PLOT_LEFT) / top_value, 1)

    bars = []
    for n, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = 8 + n * (BAR_HEIGHT + BAR_GAP)
        lines = textwrap.wrap(row.label, LABEL_WRAP)[:2] or [""]
        label_y = y + BAR_HEIGHT / 2 - (len(lines) - 1) * 8 + 5
        bars.append(
            {
                "y": y,
                "width": max(x(value) - PLOT_LEFT, 0.0),
                "value_x": x(value) + 6,
                "value": format_value(row.values[table.chart_column], column.format),
                "lines": [(label_y + i * 16, line) for i, line in enumerate(lines)],
            }
        )
    plot_bottom = 8 + len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 4
    largest = max(zip(values, rows, strict=True), key=lambda pair: pair[0])
    description = (
        f"Bar chart of {column.title.lower()} by {(table.row_heading or 'row').lower()}, {len(rows)} bars. "
        f"The largest is {largest[1].label}: {format_value(largest[1].values[table.chart_column], column.format)}. "
        "The table that follows gives every figure."
    )
    chart_id = f"chart-{table.key}"
    context = {
        "id": chart_id,
        "title": f"{table.title}: {column.title.lower()}",
        "description": description,
        "width": WIDTH,
        "height": plot_bottom + 12,
        "label_right": LABEL_RIGHT,
        "plot_left": PLOT_LEFT,
        "plot_top": 4,
        "plot_bottom": plot_bottom,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
    # The template autoescapes every label it puts into the SVG.
    return SafeString(render_to_string("reporting/bar_chart.svg", context))
