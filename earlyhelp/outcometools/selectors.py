"""Reads of outcome tools and readings. The episode itself is opened (and the access logged) by
`earlyhelp.episodes.selectors.access_episode`; these read what is inside it, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString

from earlyhelp.episodes.models import Episode
from earlyhelp.outcometools.charts import (
    DistanceTravelled,
    areas_scored,
    distance_travelled,
    distance_travelled_svg,
    reading_label,
    tool_short_name,
)
from earlyhelp.outcometools.models import OutcomeTool, Reading, Score, ToolArea
from earlyhelp.people.models import Person

# Tools completed with a parent or carer; the others may be completed with any child or adult of the family.
PARENT_TOOLS = frozenset({"FAMILY_STAR_PLUS", "FAMILY_STAR"})


def active_tools() -> QuerySet[OutcomeTool]:
    return OutcomeTool.objects.filter(active=True)


def tool_areas(tool: OutcomeTool) -> list[ToolArea]:
    return list(tool.areas.filter(active=True).order_by("order", "pk"))


def reading_people(episode: Episode, tool: OutcomeTool) -> list[Person]:
    """Who a reading of `tool` may be taken with: the family's current members; for a parents' tool, adults."""
    people = [
        member.person
        for member in episode.family.memberships.filter(left_on__isnull=True, person__archived_at__isnull=True)
        .select_related("person")
        .order_by("person__date_of_birth", "person__legal_first_name", "pk")
    ]
    if tool.code in PARENT_TOOLS:
        return [person for person in people if not person.is_child]
    return people


def readings_with_scores() -> QuerySet[Reading]:
    """Readings with what `distance_travelled` needs loaded: the tool, the person, each score with its area."""
    return (
        Reading.objects.live()
        .select_related("tool", "person")
        .prefetch_related(Prefetch("scores", Score.objects.select_related("area").order_by("area__order", "area_id")))
        .order_by("taken_on", "pk")
    )


def earlier_readings(*, episode: Episode, tool: OutcomeTool, person: Person) -> list[Reading]:
    return list(Reading.objects.live().filter(episode=episode, tool=tool, person=person).order_by("taken_on", "pk"))


@dataclass(frozen=True)
class ReadingSeries:
    """Every reading of one tool with one person in an episode, with the distance travelled and its chart."""

    tool: OutcomeTool
    person: Person
    areas: tuple[ToolArea, ...]
    readings: tuple[Reading, ...]
    result: DistanceTravelled
    chart: SafeString

    @property
    def title(self) -> str:
        return f"{tool_short_name(self.tool)} with {self.person.display_name}"

    @property
    def column_labels(self) -> list[str]:
        return [reading_label(reading) for reading in self.readings]


def episode_reading_series(episode: Episode) -> list[ReadingSeries]:
    """The episode's readings grouped by tool and person, tools in their usual order: two queries in all."""
    groups: dict[tuple[int, int], list[Reading]] = {}
    for reading in readings_with_scores().filter(episode=episode):
        groups.setdefault((reading.tool_id, reading.person_id), []).append(reading)
    series = []
    for (tool_id, person_id), readings in groups.items():
        tool, person = readings[0].tool, readings[0].person
        areas = areas_scored(readings)
        result = distance_travelled(readings, areas)
        chart = distance_travelled_svg(tool, areas, readings, chart_id=f"distance-travelled-{tool_id}-{person_id}")
        series.append(
            ReadingSeries(
                tool=tool, person=person, areas=tuple(areas), readings=tuple(readings), result=result, chart=chart
            )
        )
    return sorted(series, key=lambda s: (s.tool.order, s.tool.name, s.person.display_name, s.person.pk))
