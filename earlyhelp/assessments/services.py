"""Writes of the Early Help Assessment. Each service owns its transaction, checks permission again, writes the
chronology for workflow events and compares the version the user loaded (optimistic locking)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import Relationship, family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.assessments.models import (
    Assessment,
    AssessmentStatus,
    CarerAssessment,
    ChildAssessment,
    Contribution,
    DimensionRating,
)
from earlyhelp.assessments.selectors import Carer, current_assessment, missing_sections
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import StaleEdit, check_version, chronology_record
from earlyhelp.frontdoor.models import RequestPerson
from earlyhelp.people.models import Person

__all__ = [
    "StaleEdit",
    "assessment_family_update",
    "assessment_reassess",
    "assessment_return",
    "assessment_sign_off",
    "assessment_start",
    "assessment_submit",
    "carer_section_save",
    "child_section_save",
    "contribution_add",
    "family_history_prefill",
]

FAMILY_FIELDS = ("family_history", "history_reviewed", "family_strengths", "family_needs", "risks", "analysis")
CHILD_FIELDS = (
    "how_gathered",
    "seen",
    "seen_alone",
    "not_seen_alone_reason",
    "wishes_and_feelings",
    "daily_lived_experience",
    "strengths",
    "needs",
)
CARER_FIELDS = ("relationship", "participation", "not_involved_reason", "consent", "parenting_capacity")
# dimension -> (rating or "", note)
Ratings = Mapping[Code, tuple[str, str]]


def _relationship(user: User, episode: Episode) -> Relationship:
    return family_relationship(user, episode.family_id)


def _require_write(user: User, episode: Episode) -> None:
    if not _relationship(user, episode).can_write_case:
        raise PermissionDenied


def _lock(assessment: Assessment, loaded_version: int | None) -> Assessment:
    """The stored row, locked for this transaction, after checking nobody changed it since the user loaded it."""
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_version(loaded=loaded_version, current=current.version)
    current.episode = assessment.episode
    return current


def _bump(assessment: Assessment, *fields: str) -> None:
    assessment.version += 1
    assessment.save(update_fields=[*fields, "version", "updated_at"])


def _require_draft(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError("This assessment is not in progress, so it cannot be changed")


def _date(value: Any) -> str:
    return f"{timezone.localtime(value):%-d %B %Y}" if value else "date not known"


def family_history_prefill(episode: Episode) -> str:
    """Earlier requests for support about the family's people and earlier episodes of the family (R3.4)."""
    person_ids = list(episode.family.memberships.values_list("person_id", flat=True))
    mentions = (
        RequestPerson.objects.filter(matched_person_id__in=person_ids, request__reference__isnull=False)
        .select_related("request__decision", "matched_person", "outcome")
        .order_by("request__submitted_at", "pk")
    )
    lines: list[str] = []
    by_request: dict[int, list[RequestPerson]] = {}
    for mention in mentions:
        by_request.setdefault(mention.request_id, []).append(mention)
    for mentions_of_request in by_request.values():
        request = mentions_of_request[0].request
        names = ", ".join(m.matched_person.display_name for m in mentions_of_request if m.matched_person)
        line = f"Request for support {request.reference}, {_date(request.submitted_at)}, about {names}."
        summary = (request.concerns or " ".join(m.concerns for m in mentions_of_request)).strip()
        if summary:
            line += f" Concerns: {summary[:300]}"
        outcomes = {
            m.outcome.get_outcome_display() for m in mentions_of_request if hasattr(m, "outcome") and m.outcome
        }
        decision = getattr(request, "decision", None)
        if outcomes:
            line += f" Decision: {'; '.join(sorted(outcomes))}."
        elif decision is not None:
            line += f" Decided {_date(decision.decided_at)}."
        lines.append(line)
    earlier = Episode.objects.filter(family_id=episode.family_id, status=EpisodeStatus.CLOSED).exclude(pk=episode.pk)
    for past in earlier.order_by("opened_at"):
        line = f"Episode {past.reference}, {past.get_statutory_basis_display().lower()}, {_date(past.opened_at)}"
        line += f" to {_date(past.closed_at)}."
        if past.closure_reason:
            line += f" Closed: {past.closure_reason.replace('_', ' ')}."
        lines.append(line)
    if not lines:
        return ""
    return "From the records (check and add what the family tells you):\n" + "\n".join(f"- {x}" for x in lines)


def _chronicle(*, user: User, episode: Episode, assessment: Assessment, summary: str) -> None:
    chronology_record(
        episode=episode,
        kind=ChronologyKind.ASSESSMENT,
        summary=summary,
        user=user,
        source=assessment,
    )


@transaction.atomic
def assessment_start(*, user: User, episode: Episode) -> Assessment:
    """Assessment 1 of the episode, the family history prefilled. Starting twice gives the same assessment."""
    _require_write(user, episode)
    Episode.objects.select_for_update().get(pk=episode.pk)
    existing = current_assessment(episode.pk)
    if existing is not None:
        return existing
    if episode.status == EpisodeStatus.CLOSED:
        raise ValidationError("This episode is closed")
    assessment = Assessment.objects.create(
        episode=episode,
        number=1,
        started_by=user,
        started_at=timezone.now(),
        family_history=family_history_prefill(episode),
    )
    _chronicle(user=user, episode=episode, assessment=assessment, summary="Early Help Assessment started")
    return assessment


def _save_ratings(assessment: Assessment, person: Person | None, ratings: Ratings) -> None:
    existing = {r.dimension_id: r for r in assessment.ratings.filter(person=person)}
    for dimension, (rating, note) in ratings.items():
        row = existing.get(dimension.pk)
        if not rating and not note.strip():
            if row is not None:
                row.delete()
            continue
        if not rating:
            raise ValidationError({f"rating_{dimension.pk}": f"Select a rating for {dimension.label.lower()}"})
        if row is None:
            DimensionRating.objects.create(
                assessment=assessment, person=person, dimension=dimension, rating=rating, note=note
            )
        elif (row.rating, row.note) != (rating, note):
            row.rating, row.note = rating, note
            row.save(update_fields=["rating", "note", "updated_at"])


@transaction.atomic
def assessment_family_update(
    *,
    user: User,
    assessment: Assessment,
    version: int | None,
    data: Mapping[str, Any],
    ratings: Ratings | None = None,
    factors: Iterable[Code] | None = None,
) -> Assessment:
    """A family section: history, strengths, needs, risks, analysis, the family and environment ratings, factors."""
    _require_write(user, assessment.episode)
    assessment = _lock(assessment, version)
    _require_draft(assessment)
    fields = [name for name in FAMILY_FIELDS if name in data]
    for name in fields:
        setattr(assessment, name, data[name])
    if ratings is not None:
        _save_ratings(assessment, None, ratings)
    if factors is not None:
        assessment.factors.set(list(factors))
    _bump(assessment, *fields)
    return assessment


@transaction.atomic
def child_section_save(
    *,
    user: User,
    assessment: Assessment,
    person: Person,
    version: int | None,
    data: Mapping[str, Any],
    ratings: Ratings,
) -> Assessment:
    """A child's own section: their voice and their developmental needs (PS1 to PS3)."""
    _require_write(user, assessment.episode)
    assessment = _lock(assessment, version)
    _require_draft(assessment)
    values = {name: data[name] for name in CHILD_FIELDS if name in data}
    if values.get("seen") is False:
        values["seen_alone"] = None
    if values.get("seen_alone") is not False:
        values["not_seen_alone_reason"] = ""
    ChildAssessment.objects.update_or_create(assessment=assessment, person=person, defaults=values)
    _save_ratings(assessment, person, ratings)
    _bump(assessment)
    return assessment


@transaction.atomic
def carer_section_save(
    *,
    user: User,
    assessment: Assessment,
    carer: Carer,
    version: int | None,
    data: Mapping[str, Any],
    ratings: Ratings,
) -> Assessment:
    """A parent or carer: participation, consent and parenting capacity (PS4, R3.3)."""
    _require_write(user, assessment.episode)
    assessment = _lock(assessment, version)
    _require_draft(assessment)
    values = {name: data[name] for name in CARER_FIELDS if name in data}
    values["is_male_carer"] = carer.is_male_carer
    CarerAssessment.objects.update_or_create(assessment=assessment, person=carer.person, defaults=values)
    _save_ratings(assessment, carer.person, ratings)
    _bump(assessment)
    return assessment


@transaction.atomic
def contribution_add(*, user: User, assessment: Assessment, about: Person | None, text: str) -> Contribution:
    """A section by a Team Around the Family member (or anyone working with the family), attributed (R3.5).
    The same text sent twice (a double click) is one contribution."""
    if not _relationship(user, assessment.episode).can_contribute:
        raise PermissionDenied
    agency = getattr(getattr(user, "profile", None), "agency", None)
    if agency is None:
        raise PermissionDenied
    if assessment.status == AssessmentStatus.SUPERSEDED:
        raise ValidationError("This assessment has been replaced by a re-assessment")
    Assessment.objects.select_for_update().get(pk=assessment.pk)
    existing = assessment.contributions.live().filter(author=user, about=about, text=text).first()
    if existing is not None:
        return existing
    return Contribution.objects.create(assessment=assessment, author=user, agency=agency, about=about, text=text)


@transaction.atomic
def assessment_submit(*, user: User, assessment: Assessment, version: int | None) -> Assessment:
    """The lead sends the assessment to a manager; refused while anything on `missing_sections` is outstanding."""
    _require_write(user, assessment.episode)
    assessment = _lock(assessment, version)
    _require_draft(assessment)
    missing = missing_sections(assessment)
    if missing:
        raise ValidationError(missing)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    _bump(assessment, "status", "submitted_at", "submitted_by")
    _chronicle(
        user=user,
        episode=assessment.episode,
        assessment=assessment,
        summary=f"Assessment {assessment.number} sent for manager sign-off",
    )
    return assessment


def _require_manager(user: User, assessment: Assessment) -> Assessment:
    relationship = _relationship(user, assessment.episode)
    if not (relationship.visible and relationship.manages):
        raise PermissionDenied
    return assessment


@transaction.atomic
def assessment_sign_off(*, user: User, assessment: Assessment, version: int | None, comment: str) -> Assessment:
    _require_manager(user, assessment)
    assessment = _lock(assessment, version)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError("Only an assessment sent for sign-off can be signed off")
    assessment.status = AssessmentStatus.SIGNED_OFF
    assessment.signed_off_at = timezone.now()
    assessment.signed_off_by = user
    assessment.sign_off_comment = comment
    _bump(assessment, "status", "signed_off_at", "signed_off_by", "sign_off_comment")
    _chronicle(
        user=user,
        episode=assessment.episode,
        assessment=assessment,
        summary=f"Assessment {assessment.number} signed off by a manager",
    )
    return assessment


@transaction.atomic
def assessment_return(*, user: User, assessment: Assessment, version: int | None, comment: str) -> Assessment:
    """A manager sends the assessment back to the lead for more work, saying what is needed."""
    _require_manager(user, assessment)
    assessment = _lock(assessment, version)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError("Only an assessment sent for sign-off can be returned")
    assessment.status = AssessmentStatus.DRAFT
    assessment.sign_off_comment = comment
    _bump(assessment, "status", "sign_off_comment")
    _chronicle(
        user=user,
        episode=assessment.episode,
        assessment=assessment,
        summary=f"Assessment {assessment.number} returned for more work: {comment}",
    )
    return assessment


@transaction.atomic
def assessment_reassess(*, user: User, assessment: Assessment, reason: str) -> Assessment:
    """New information: the signed-off assessment is kept unchanged (marked replaced) and a new version starts
    as a copy of every section, to be revised (R3.8)."""
    _require_write(user, assessment.episode)
    old = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if old.status != AssessmentStatus.SIGNED_OFF:
        raise ValidationError("You can re-assess only once the current assessment has been signed off")
    if current_assessment(old.episode_id) != old:
        raise ValidationError("This is not the current assessment")
    old.status = AssessmentStatus.SUPERSEDED
    old.version += 1
    old.save(update_fields=["status", "version", "updated_at"])
    new = Assessment.objects.create(
        episode_id=old.episode_id,
        number=old.number + 1,
        reason=reason,
        started_by=user,
        started_at=timezone.now(),
        **{name: getattr(old, name) for name in FAMILY_FIELDS},
    )
    new.factors.set(list(old.factors.all()))
    ChildAssessment.objects.bulk_create(
        ChildAssessment(assessment=new, person_id=s.person_id, **{n: getattr(s, n) for n in CHILD_FIELDS})
        for s in old.children.all()
    )
    CarerAssessment.objects.bulk_create(
        CarerAssessment(
            assessment=new,
            person_id=s.person_id,
            is_male_carer=s.is_male_carer,
            **{n: getattr(s, n) for n in CARER_FIELDS},
        )
        for s in old.carers.all()
    )
    DimensionRating.objects.bulk_create(
        DimensionRating(
            assessment=new, person_id=r.person_id, dimension_id=r.dimension_id, rating=r.rating, note=r.note
        )
        for r in old.ratings.all()
    )
    Contribution.objects.bulk_create(
        Contribution(
            assessment=new,
            author_id=c.author_id,
            agency_id=c.agency_id,
            about_id=c.about_id,
            text=c.text,
            created_at=c.created_at,
        )
        for c in old.contributions.live()
    )
    _chronicle(
        user=user,
        episode=assessment.episode,
        assessment=new,
        summary=f"Re-assessment (assessment {new.number}) started: {reason}",
    )
    new.episode = assessment.episode
    return new
