"""Reads of the Early Help Assessment, each through `access_episode` (one permission check, one access event)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from earlyhelp.assessments.models import (
    Assessment,
    AssessmentStatus,
    CarerAssessment,
    ChildAssessment,
    Contribution,
    DimensionRating,
    Participation,
)
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.people.models import FamilyMember, Person, PersonRelationship, RelationshipType

# Whose relationship to a child makes them a father or male carer (PS4), whatever is recorded as their sex.
MALE_CARER_TYPES = frozenset({RelationshipType.FATHER, RelationshipType.STEP_FATHER, RelationshipType.MOTHERS_PARTNER})
# Relationships that make someone outside the family record a parent or carer of a child in the episode.
PARENTAL_TYPES = MALE_CARER_TYPES | {
    RelationshipType.MOTHER,
    RelationshipType.STEP_MOTHER,
    RelationshipType.FATHERS_PARTNER,
    RelationshipType.KINSHIP_CARER,
    RelationshipType.FOSTER_CARER,
    RelationshipType.CARER,
}
CARING_TYPES = PARENTAL_TYPES | {RelationshipType.PARTNER, RelationshipType.GRANDFATHER, RelationshipType.UNCLE}
MALE_SEX_CODE = "M"

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"


@dataclass(frozen=True)
class Carer:
    person: Person
    relationship: str
    is_male_carer: bool
    lives_in_household: bool


@dataclass
class Task:
    label: str
    url: str
    status: str
    hint: str = ""


@dataclass
class Overview:
    assessment: Assessment
    family_tasks: list[Task] = field(default_factory=list)
    child_tasks: list[Task] = field(default_factory=list)
    carer_tasks: list[Task] = field(default_factory=list)
    analysis_tasks: list[Task] = field(default_factory=list)
    earlier: list[Assessment] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def current_assessment(episode_id: int) -> Assessment | None:
    return Assessment.objects.live().filter(episode_id=episode_id).order_by("-number").first()


def _attach(assessment: Assessment, access: EpisodeAccess) -> Assessment:
    assessment.episode = access.episode
    return assessment


def access_assessment(
    *, request: HttpRequest, episode_id: int, need: Need, number: int | None = None
) -> tuple[EpisodeAccess, Assessment]:
    """The current assessment (or version `number`) of the episode, 404 if there is none or the user may not."""
    assessment = (
        Assessment.objects.live().filter(episode_id=episode_id, number=number).first()
        if number is not None
        else current_assessment(episode_id)
    )
    if assessment is None:
        raise Http404
    access = access_episode(request=request, episode_id=episode_id, need=need, record=assessment)
    return access, _attach(assessment, access)


def access_overview(*, request: HttpRequest, episode_id: int) -> tuple[EpisodeAccess, Assessment | None]:
    assessment = current_assessment(episode_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW, record=assessment)
    return access, _attach(assessment, access) if assessment else None


@dataclass(frozen=True)
class ChildSection:
    access: EpisodeAccess
    assessment: Assessment
    person: Person
    section: ChildAssessment | None
    ratings: dict[int, DimensionRating]


def episode_children(episode_id: int) -> list[Person]:
    links = EpisodeChild.objects.filter(episode_id=episode_id, ended_at__isnull=True).select_related("person")
    return [link.person for link in links]


def _ratings(assessment: Assessment, person_id: int | None) -> dict[int, DimensionRating]:
    rows = (
        assessment.ratings.filter(person__isnull=True)
        if person_id is None
        else assessment.ratings.filter(person_id=person_id)
    )
    return {r.dimension_id: r for r in rows}


def access_child_section(*, request: HttpRequest, episode_id: int, person_id: int, need: Need) -> ChildSection:
    assessment = current_assessment(episode_id)
    person = next((p for p in episode_children(episode_id) if p.pk == person_id), None)
    if assessment is None or person is None:
        raise Http404
    section = ChildAssessment.objects.filter(assessment=assessment, person=person).first()
    access = access_episode(request=request, episode_id=episode_id, need=need, record=section or assessment)
    return ChildSection(access, _attach(assessment, access), person, section, _ratings(assessment, person.pk))


@dataclass(frozen=True)
class CarerSection:
    access: EpisodeAccess
    assessment: Assessment
    carer: Carer
    section: CarerAssessment | None
    ratings: dict[int, DimensionRating]


def carers_of(episode: Episode | int) -> list[Carer]:
    """Every parent or carer: the adults of the family, in or out of the household, and anyone recorded as a
    parent or carer of a child in the episode (so an absent father is not left out: PS4). Three queries."""
    episode_id = episode if isinstance(episode, int) else episode.pk
    family_id = Episode.objects.filter(pk=episode_id).values_list("family_id", flat=True).first()
    if family_id is None:
        return []
    child_ids = list(
        EpisodeChild.objects.filter(episode_id=episode_id, ended_at__isnull=True).values_list("person_id", flat=True)
    )
    members = {
        m.person_id: m
        for m in FamilyMember.objects.filter(family_id=family_id, person__archived_at__isnull=True).select_related(
            "person__sex"
        )
    }
    relationships = list(
        PersonRelationship.objects.filter(
            Q(person_id__in=members) | Q(relative_id__in=child_ids, type__in=PARENTAL_TYPES),
            ended_on__isnull=True,
            relative_id__in=child_ids,
        )
        .exclude(person_id__in=child_ids)
        .select_related("person__sex")
    )
    people: dict[int, Person] = {pid: m.person for pid, m in members.items() if not m.person.is_child}
    for rel in relationships:
        if rel.type in PARENTAL_TYPES and not rel.person.is_child:
            people.setdefault(rel.person_id, rel.person)
    carers = []
    for pid, person in people.items():
        types = [r.type for r in relationships if r.person_id == pid]
        male_sex = person.sex is not None and person.sex.code == MALE_SEX_CODE
        is_male = bool(set(types) & MALE_CARER_TYPES) or (male_sex and bool(set(types) & CARING_TYPES))
        label = RelationshipType(types[0]).label if types else "Adult in the family"
        member = members.get(pid)
        carers.append(Carer(person, label, is_male, member.lives_in_household if member else False))
    return sorted(carers, key=lambda c: (c.person.legal_last_name, c.person.legal_first_name, c.person.pk))


def access_carer_section(*, request: HttpRequest, episode_id: int, person_id: int, need: Need) -> CarerSection:
    assessment = current_assessment(episode_id)
    carer = next((c for c in carers_of(episode_id) if c.person.pk == person_id), None)
    if assessment is None or carer is None:
        raise Http404
    section = CarerAssessment.objects.filter(assessment=assessment, person=carer.person).first()
    access = access_episode(request=request, episode_id=episode_id, need=need, record=section or assessment)
    return CarerSection(access, _attach(assessment, access), carer, section, _ratings(assessment, carer.person.pk))


def dimensions(group: str) -> QuerySet[Code]:
    return Code.objects.of("assessment_dimension").filter(group=group).order_by("order")


def factor_groups() -> list[tuple[str, list[Code]]]:
    groups: dict[str, list[Code]] = {}
    for code in Code.objects.of("cin_factor").order_by("order"):
        groups.setdefault(code.group or "Other", []).append(code)
    return list(groups.items())


def family_ratings(assessment: Assessment) -> dict[int, DimensionRating]:
    return _ratings(assessment, None)


# --- Section status -------------------------------------------------------------------------------------------


def child_status(section: ChildAssessment | None, rated: int) -> str:
    if section is None and not rated:
        return NOT_STARTED
    if section is not None and child_complete(section):
        return COMPLETED
    return IN_PROGRESS


def child_complete(section: ChildAssessment) -> bool:
    alone_ok = not (section.seen and section.seen_alone is False and not section.not_seen_alone_reason.strip())
    return bool(
        section.how_gathered
        and section.seen is not None
        and section.wishes_and_feelings.strip()
        and section.daily_lived_experience.strip()
        and alone_ok
    )


def carer_complete(section: CarerAssessment, is_male: bool) -> bool:
    if not section.participation:
        return False
    return not (
        is_male and section.participation == Participation.NOT_INVOLVED and not section.not_involved_reason.strip()
    )


def carer_status(section: CarerAssessment | None, is_male: bool, rated: int) -> str:
    if section is None and not rated:
        return NOT_STARTED
    if section is not None and carer_complete(section, is_male) and section.consent:
        return COMPLETED
    return IN_PROGRESS


def _text_status(*values: str) -> str:
    filled = [bool(v.strip()) for v in values]
    return COMPLETED if all(filled) else IN_PROGRESS if any(filled) else NOT_STARTED


def missing_sections(
    assessment: Assessment,
    *,
    children: Iterable[Person] | None = None,
    carers: Iterable[Carer] | None = None,
    child_sections: dict[int, ChildAssessment] | None = None,
    carer_sections: dict[int, CarerAssessment] | None = None,
) -> list[str]:
    """What must be done before the assessment can go for sign-off (PS1 to PS4, R3.6)."""
    children = episode_children(assessment.episode_id) if children is None else children
    carers = carers_of(assessment.episode_id) if carers is None else carers
    if child_sections is None:
        child_sections = {s.person_id: s for s in assessment.children.all()}
    if carer_sections is None:
        carer_sections = {s.person_id: s for s in assessment.carers.all()}
    missing = []
    for child in children:
        section = child_sections.get(child.pk)
        if section is None or not section.wishes_and_feelings.strip():
            missing.append(f"Record {child.display_name}’s wishes and feelings")
        if section is None or not section.daily_lived_experience.strip():
            missing.append(f"Record {child.display_name}’s daily lived experience")
    for carer in carers:
        if not carer.is_male_carer:
            continue
        carer_section = carer_sections.get(carer.person.pk)
        name = carer.person.display_name
        if carer_section is None or not carer_section.participation:
            missing.append(f"Record how {name} took part in the assessment")
        elif not carer_complete(carer_section, True):
            missing.append(
                f"Record why {carer.person.preferred_name or carer.person.legal_first_name} is not involved"
            )
    if not assessment.analysis.strip():
        missing.append("Write the analysis")
    return missing


def assessment_overview(access: EpisodeAccess, assessment: Assessment) -> Overview:
    """Everything the task list shows, in a fixed number of queries whatever the size of the family."""
    from django.urls import reverse

    episode_id = access.episode.pk
    children = episode_children(episode_id)
    carers = carers_of(episode_id)
    child_sections = {s.person_id: s for s in assessment.children.all()}
    carer_sections = {s.person_id: s for s in assessment.carers.all()}
    rated: dict[int | None, int] = {}
    fef_ids = set(dimensions("FEF").values_list("pk", flat=True))
    fef_rated = 0
    for person_id, dimension_id in assessment.ratings.values_list("person_id", "dimension_id"):
        rated[person_id] = rated.get(person_id, 0) + 1
        fef_rated += person_id is None and dimension_id in fef_ids
    has_factors = assessment.factors.exists()

    def url(name: str, *args: Any) -> str:
        return reverse(f"assessments:{name}", args=[episode_id, *args])

    overview = Overview(assessment=assessment)
    history_status = (
        COMPLETED if assessment.history_reviewed else IN_PROGRESS if assessment.family_history else NOT_STARTED
    )
    overview.family_tasks = [Task("Family history", url("history"), history_status)]
    overview.child_tasks = [
        Task(
            child.display_name,
            url("child", child.pk),
            child_status(child_sections.get(child.pk), rated.get(child.pk, 0)),
        )
        for child in children
    ]
    overview.carer_tasks = [
        Task(
            carer.person.display_name,
            url("carer", carer.person.pk),
            carer_status(carer_sections.get(carer.person.pk), carer.is_male_carer, rated.get(carer.person.pk, 0)),
            hint=carer.relationship
            + ("" if carer.lives_in_household else ", does not live in the household")
            + (", father or male carer" if carer.is_male_carer else ""),
        )
        for carer in carers
    ]
    fef_status = COMPLETED if fef_ids and fef_rated == len(fef_ids) else IN_PROGRESS if fef_rated else NOT_STARTED
    overview.family_tasks.append(Task("Family and environment", url("family"), fef_status))
    contributions = list(assessment.contributions.live().select_related("author", "agency", "about"))
    overview.contributions = contributions
    overview.analysis_tasks = [
        Task(
            "Contributions from the Team Around the Family",
            url("contribute"),
            f"{len(contributions)} received" if contributions else "None yet",
        ),
        Task(
            "Strengths, needs and risks",
            url("strengths"),
            _text_status(assessment.family_strengths, assessment.family_needs, assessment.risks),
        ),
        Task("Analysis", url("analysis"), _text_status(assessment.analysis)),
        Task("Factors identified", url("factors"), COMPLETED if has_factors else NOT_STARTED),
    ]
    overview.missing = missing_sections(
        assessment,
        children=children,
        carers=carers,
        child_sections=child_sections,
        carer_sections=carer_sections,
    )
    overview.earlier = list(
        Assessment.objects.live()
        .filter(episode_id=episode_id, number__lt=assessment.number)
        .select_related("signed_off_by")
        .order_by("-number")
    )
    return overview


@dataclass
class PartnerSummary:
    assessment: Assessment
    children: list[Person]
    own_contributions: list[Contribution]


def partner_summary(access: EpisodeAccess, assessment: Assessment, user: Any) -> PartnerSummary:
    """What a Team Around the Family member who has nothing more sees: never the analysis, risks or factors."""
    own = list(assessment.contributions.live().filter(author=user).select_related("agency", "about"))
    return PartnerSummary(assessment, episode_children(access.episode.pk), own)


@dataclass
class VersionView:
    assessment: Assessment
    child_sections: list[tuple[Person, ChildAssessment | None, list[DimensionRating]]]
    carer_sections: list[tuple[Carer, CarerAssessment | None, list[DimensionRating]]]
    family_ratings: list[DimensionRating]
    factors: list[Code]
    contributions: list[Contribution]


def assessment_full(assessment: Assessment) -> VersionView:
    """Every section of one version, read-only."""
    ratings: dict[int | None, list[DimensionRating]] = {}
    for rating in assessment.ratings.select_related("dimension").order_by("dimension__order"):
        ratings.setdefault(rating.person_id, []).append(rating)
    child_sections = {s.person_id: s for s in assessment.children.select_related("person")}
    carer_sections = {s.person_id: s for s in assessment.carers.select_related("person")}
    children = episode_children(assessment.episode_id)
    known = {c.pk for c in children}
    children += [s.person for pid, s in child_sections.items() if pid not in known]
    carers = carers_of(assessment.episode_id)
    return VersionView(
        assessment=assessment,
        child_sections=[(c, child_sections.get(c.pk), ratings.get(c.pk, [])) for c in children],
        carer_sections=[(c, carer_sections.get(c.person.pk), ratings.get(c.person.pk, [])) for c in carers],
        family_ratings=ratings.get(None, []),
        factors=list(assessment.factors.order_by("order")),
        contributions=list(assessment.contributions.live().select_related("author", "agency", "about")),
    )


def can_reassess(assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.SIGNED_OFF and assessment.episode.status != EpisodeStatus.CLOSED
