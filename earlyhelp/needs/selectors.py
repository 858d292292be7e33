"""Reads of identified needs, for the needs pages and for other apps (drift rules, closure, Supporting Families)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.episodes.models import Episode, EpisodeChild
from earlyhelp.needs.models import EpisodeNeed, NeedArea

# CIN census factor codes that clearly match an area of need (only these are suggested; nothing is saved).
FACTOR_AREAS: dict[str, str] = {
    "1B": "N09",  # alcohol misuse by the parent(s)/carer(s)
    "2B": "N09",  # drug misuse by the parent(s)/carer(s)
    "3A": "N08",  # domestic abuse: the child the subject
    "3B": "N08",  # domestic abuse: the parent(s)/carer(s) the subject
    "3C": "N08",  # domestic abuse: another person in the household
    "4A": "N03",  # mental health of the child
    "4B": "N10",  # mental health of the parent(s)/carer(s)
    "6A": "N17",  # physical disability or illness of the child
    "10A": "N18",  # going missing
    "11A": "N18",  # child sexual exploitation
    "24A": "N18",  # child criminal exploitation
    "14A": "N15",  # socially unacceptable behaviour
}


def _live_needs() -> QuerySet[EpisodeNeed]:
    return (
        EpisodeNeed.objects.live()
        .select_related("area__sf_headline", "identified_by")
        .prefetch_related("children")
        .order_by("area__order", "pk")
    )


def episode_needs(episode: Episode) -> list[EpisodeNeed]:
    """The episode's live needs with their area, headline and children: three queries, however many needs."""
    return list(_live_needs().filter(episode=episode))


def parental_risks(episode_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each episode, the parental risks (ParentalRisk values) among its live needs; one query."""
    ids = list(episode_ids)
    risks: dict[int, set[str]] = {pk: set() for pk in ids}
    rows = (
        EpisodeNeed.objects.live()
        .filter(episode_id__in=ids)
        .exclude(area__parental_risk="")
        .values_list("episode_id", "area__parental_risk")
    )
    for episode_id, risk in rows:
        risks[episode_id].add(risk)
    return risks


def need_in_episode(*, episode_id: int, need_id: int) -> EpisodeNeed:
    need = EpisodeNeed.objects.live().select_related("area").filter(pk=need_id, episode_id=episode_id).first()
    if need is None:
        raise Http404
    return need


def active_areas() -> list[NeedArea]:
    return list(NeedArea.objects.filter(active=True).select_related("sf_headline"))


def current_children(episode: Episode) -> list[EpisodeChild]:
    return list(EpisodeChild.objects.filter(episode=episode, ended_at__isnull=True).select_related("person"))


def current_assessment(episode: Episode) -> Assessment | None:
    """The latest assessment that has not been replaced, with its factors."""
    return (
        Assessment.objects.live()
        .filter(episode=episode)
        .exclude(status=AssessmentStatus.SUPERSEDED)
        .prefetch_related("factors")
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class Suggestion:
    area: NeedArea
    factors: tuple[str, ...]  # the labels of the factors that suggest it


def suggested_areas(episode: Episode, areas: list[NeedArea], recorded: set[int]) -> list[Suggestion]:
    """Areas the current assessment's CIN factors clearly point to and that are not recorded yet."""
    assessment = current_assessment(episode)
    if assessment is None:
        return []
    by_code = {area.code: area for area in areas}
    found: dict[str, list[str]] = {}
    for factor in assessment.factors.all():
        area_code = FACTOR_AREAS.get(factor.code)
        if area_code in by_code and by_code[area_code].pk not in recorded:
            found.setdefault(area_code, []).append(factor.label)
    return [Suggestion(area=by_code[code], factors=tuple(labels)) for code, labels in sorted(found.items())]


def episodes_needs(episode_ids: Iterable[int]) -> dict[int, list[EpisodeNeed]]:
    """Live needs of many episodes (for lists), with area and headline: one query."""
    ids = list(episode_ids)
    result: dict[int, list[EpisodeNeed]] = {pk: [] for pk in ids}
    for need in EpisodeNeed.objects.live().filter(episode_id__in=ids).select_related("area__sf_headline"):
        result[need.episode_id].append(need)
    return result
