"""Distance travelled (R3.7): how each area of an outcome tool moved between the baseline and the latest reading,
and the same as a server-side SVG bar chart. `distance_travelled` is the one computation: the chart, the table
beside it and the reports all use it, so they cannot disagree.

Readings passed in must be of one tool and one person, in the order taken, with `tool`, `person` and
`scores` (each with its `area`) already loaded: nothing here queries the database.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from earlyhelp.outcometools.models import OutcomeTool, Reading, ReadingStage, ToolArea

MINUS = "\u2212"
# GOV.UK colours, each with its own fill pattern so that no reading is told apart by colour alone.
SERIES_STYLES = (
    ("#1d70b8", "solid"),
    ("#f47738", "diagonal"),
    ("#00703c", "dots"),
    ("#4c2c92", "cross"),
)
CHART_READINGS = len(SERIES_STYLES)


def tool_short_name(tool: OutcomeTool) -> str:
    """ "Family Star Plus (Outcomes Star for parents)" reads "Family Star Plus" inside a sentence."""
    return tool.name.split(" (")[0]


def first_name(person: Any) -> str:
    return str(person.preferred_name or person.legal_first_name)


def scale_text(tool: OutcomeTool) -> str:
    best = "higher is better" if tool.higher_is_better else f"{tool.scale_min} is best"
    return f"Scores from {tool.scale_min} to {tool.scale_max}, {best}"


def reading_label(reading: Reading) -> str:
    return f"{reading.get_stage_display()}, {format_date(reading.taken_on, 'j F Y')}"


@dataclass(frozen=True)
class AreaChange:
    area_id: int
    label: str
    # One value per reading, in the order of the readings (None where the reading has no score for the area).
    values: tuple[int | None, ...]
    baseline: int | None
    latest: int | None
    # Signed so that positive is always better: for Graded Care Profile 2 (1 is best) a fall is an improvement.
    change: int | None

    @property
    def outcome(self) -> str:
        if self.change is None:
            return ""
        return "improved" if self.change > 0 else "worse" if self.change < 0 else "same"

    @property
    def change_display(self) -> str:
        if self.change is None:
            return ""
        if self.change > 0:
            return f"+{self.change}"
        return f"{MINUS}{-self.change}" if self.change < 0 else "0"


@dataclass(frozen=True)
class DistanceTravelled:
    higher_is_better: bool
    areas: tuple[AreaChange, ...]
    improved: int
    same: int
    worse: int
    has_later_reading: bool

    @property
    def compared(self) -> int:
        return self.improved + self.same + self.worse

    @property
    def summary(self) -> str:
        if not self.has_later_reading:
            return "baseline only, no later reading yet"
        text = f"{self.improved} of {len(self.areas)} areas improved since baseline"
        return f"{text}, {self.same} stayed the same and {self.worse} got worse"


def _score_values(reading: Reading) -> dict[int, int]:
    return {score.area_id: score.value for score in reading.scores.all()}


def areas_scored(readings: Sequence[Reading]) -> list[ToolArea]:
    found: dict[int, ToolArea] = {}
    for reading in readings:
        for score in reading.scores.all():
            found.setdefault(score.area_id, score.area)
    return sorted(found.values(), key=lambda area: (area.order, area.pk))


def baseline_index(readings: Sequence[Reading]) -> int:
    """The first baseline; if none was marked (older data), the first reading."""
    return next((i for i, r in enumerate(readings) if r.stage == ReadingStage.BASELINE), 0)


def distance_travelled(readings: Sequence[Reading], areas: Sequence[ToolArea] | None = None) -> DistanceTravelled:
    """Per area: the baseline score, the latest score and the change between them, signed so that + is better."""
    higher_is_better = readings[0].tool.higher_is_better if readings else True
    areas = list(areas) if areas is not None else areas_scored(readings)
    values = [_score_values(reading) for reading in readings]
    first = baseline_index(readings)
    later = len(readings) - 1 > first
    changes = []
    for area in areas:
        baseline = values[first].get(area.pk) if readings else None
        latest = values[-1].get(area.pk) if later else None
        change = None
        if baseline is not None and latest is not None:
            change = (latest - baseline) if higher_is_better else (baseline - latest)
        changes.append(
            AreaChange(
                area_id=area.pk,
                label=area.label,
                values=tuple(v.get(area.pk) for v in values),
                baseline=baseline,
                latest=latest,
                change=change,
            )
        )
    outcomes = [change.outcome for change in changes]
    return DistanceTravelled(
        higher_is_better=higher_is_better,
        areas=tuple(changes),
        improved=outcomes.count("improved"),
        same=outcomes.count("same"),
        worse=outcomes.count("worse"),
        has_later_reading=later,
    )


def chart_readings(readings: Sequence[Reading]) -> list[int]:
    """Which readings get a bar: all of them up to four, else the baseline and the three latest."""
    if len(readings) <= CHART_READINGS:
        return list(range(len(readings)))
    first = baseline_index(readings)
    return [first, *range(len(readings) - (CHART_READINGS - 1), len(readings))]


# Geometry of the chart, in SVG user units (the SVG scales to its container).
WIDTH = 720
LABEL_RIGHT = 250
PLOT_LEFT = 262
PLOT_RIGHT = 680
BAR_HEIGHT = 14
BAR_GAP = 2
GROUP_GAP = 16
LEGEND_ROW = 22
LABEL_WRAP = 34


def distance_travelled_svg(
    tool: OutcomeTool, areas: Sequence[ToolArea], readings: Sequence[Reading], *, chart_id: str = "distance-travelled"
) -> SafeString:
    """A horizontal grouped bar chart: one group per area, one bar per reading (up to four), on the tool's scale,
    with a legend, a title and a description that says in words what the chart shows. The data table is shown
    with it by the page."""
    result = distance_travelled(readings, areas)
    shown = chart_readings(readings)
    person = readings[0].person if readings else None
    title = f"{tool_short_name(tool)} with {first_name(person)}" if person else tool_short_name(tool)
    description = (
        f"{title}: {result.summary}. {scale_text(tool)}. "
        + "; ".join(reading_label(readings[i]) for i in shown)
        + ". The table that follows gives every score."
    )
    # Bars grow from 0, so that the lowest score of a 1 to 10 scale still shows as a bar.
    origin = min(tool.scale_min, 0)
    span = max(tool.scale_max - origin, 1)

    def x(value: int) -> float:
        return round(PLOT_LEFT + (value - origin) * (PLOT_RIGHT - PLOT_LEFT) / span, 1)

    legend = [
        {
            "y": n * LEGEND_ROW,
            "colour": SERIES_STYLES[n][0],
            "pattern": f"{chart_id}-p{n}",
            "label": reading_label(readings[index]),
        }
        for n, index in enumerate(shown)
    ]
    top = len(legend) * LEGEND_ROW + 12
    group_height = len(shown) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    groups = []
    for g, change in enumerate(result.areas):
        y0 = top + g * (group_height + GROUP_GAP)
        lines = textwrap.wrap(change.label, LABEL_WRAP)[:2] or [""]
        bars = []
        for n, index in enumerate(shown):
            value = change.values[index]
            if value is None:
                continue
            bars.append(
                {
                    "y": y0 + n * (BAR_HEIGHT + BAR_GAP),
                    "width": max(x(value) - PLOT_LEFT, 0),
                    "value": value,
                    "value_x": x(value) + 4,
                    "pattern": f"{chart_id}-p{n}",
                }
            )
        label_y = y0 + group_height / 2 - (len(lines) - 1) * 8 + 5
        groups.append({"lines": [(label_y + i * 16, line) for i, line in enumerate(lines)], "bars": bars})
    plot_top = top - 6
    plot_bottom = top + len(result.areas) * (group_height + GROUP_GAP) - GROUP_GAP + 6
    ticks = [{"x": x(value), "value": value} for value in range(tool.scale_min, tool.scale_max + 1)]
    context = {
        "id": chart_id,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": plot_bottom + 52,
        "label_right": LABEL_RIGHT,
        "plot_left": PLOT_LEFT,
        "plot_top": plot_top,
        "plot_bottom": plot_bottom,
        "bar_height": BAR_HEIGHT,
        "ticks": ticks,
        "tick_label_y": plot_bottom + 18,
        "axis_title_y": plot_bottom + 42,
        "axis_title": scale_text(tool),
        "axis_title_x": (PLOT_LEFT + PLOT_RIGHT) / 2,
        "legend": legend,
        "legend_x": PLOT_LEFT,
        "styles": [
            {"id": f"{chart_id}-p{n}", "colour": colour, "kind": kind}
            for n, (colour, kind) in enumerate(SERIES_STYLES)
        ],
        "groups": groups,
    }
    # The template autoescapes every name and label it puts into the SVG.
    return SafeString(render_to_string("outcometools/chart.svg", context))
