"""Writes for episodes: opening, allocation, the chronology. Each service owns its transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import READ_ONLY_AFTER_END, Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import (
    Allocation,
    Attachment,
    ChildSeen,
    ChronologyEntry,
    ChronologyKind,
    Contact,
    ContactKind,
    ContactOutcome,
    Episode,
    EpisodeChild,
    EpisodeStatus,
    Reevaluation,
    StatutoryBasis,
    Visibility,
)
from earlyhelp.episodes.selectors import contact_open_to_partners
from earlyhelp.frontdoor.models import Decision, Outcome
from earlyhelp.organisations.models import Agency, PractitionerProfile, Team
from earlyhelp.people.models import Family, FamilyMember, Person


class StaleEdit(Exception):
    """Someone else changed the record since this user loaded it: show a conflict, never overwrite silently."""


def check_version(*, loaded: int | None, current: int) -> None:
    if loaded is not None and loaded != current:
        raise StaleEdit


def chronology_record(
    *,
    family: Family | None = None,
    kind: str,
    summary: str,
    occurred_at: datetime | None = None,
    episode: Episode | None = None,
    user: User | None = None,
    source: object = None,
    visibility: str = Visibility.SHARED,
    agency: Agency | None = None,
) -> ChronologyEntry:
    """One line of the chronology, written by the service that made the event, inside its transaction (R2.4).
    The family is the episode's unless the line belongs to no episode."""
    if family is None:
        if episode is None:
            raise ValueError("A chronology line needs a family or an episode")
        family = episode.family
    return ChronologyEntry.objects.create(
        family=family,
        episode=episode,
        kind=kind,
        summary=summary[:500],
        occurred_at=occurred_at or timezone.now(),
        recorded_by=user,
        source=f"{source._meta.label_lower}:{source.pk}" if source is not None else "",  # type: ignore[attr-defined]
        visibility=visibility,
        agency=agency,
    )


def _next_reference(episode: Episode) -> str:
    return f"EH{timezone.localdate():%y}-{episode.pk:06d}"


@transaction.atomic
def episode_open(
    *,
    user: User,
    family: Family,
    children: Iterable[Person],
    team: Team | None,
    statutory_basis: str = StatutoryBasis.TARGETED_EARLY_HELP,
    level_id: int | None = None,
    source_decision_id: int | None = None,
    source_summary: str = "",
) -> Episode:
    """Open an episode for a family, or add the children to the one already open: a family has one episode of
    help at a time, so a second request while help is under way joins it rather than starting a parallel case."""
    now = timezone.now()
    Family.objects.select_for_update().get(pk=family.pk)
    episode = Episode.objects.filter(family=family).exclude(status=EpisodeStatus.CLOSED).first()
    opened = episode is None
    if episode is None:
        episode = Episode.objects.create(
            # Unique until the primary key gives the real reference, a moment later in this transaction.
            reference=f"EH-{uuid.uuid4().hex[:17]}",
            family=family,
            statutory_basis=statutory_basis,
            level_id=level_id,
            opened_at=now,
            opened_by=user,
            source_decision_id=source_decision_id,
            source_summary=source_summary,
        )
        episode.reference = _next_reference(episode)
        episode.save(update_fields=["reference"])
        chronology_record(
            family=family,
            episode=episode,
            kind=ChronologyKind.EPISODE_OPENED,
            summary=f"{episode.get_statutory_basis_display()} episode {episode.reference} opened",
            user=user,
            source=episode,
        )
    known = set(episode.episode_children.values_list("person_id", flat=True))
    for child in children:
        if child.pk not in known:
            EpisodeChild.objects.create(episode=episode, person=child, added_at=now)
    if team is not None and episode.team_id is None:
        _allocate_team(user=user, episode=episode, team=team, reason="Allocated by the front door decision")
    if not opened:
        chronology_record(
            family=family,
            episode=episode,
            kind=ChronologyKind.DECISION,
            summary=f"A new request joined the open episode {episode.reference}",
            user=user,
        )
    return episode


def _end_allocation(episode: Episode, now: datetime) -> None:
    Allocation.objects.filter(episode=episode, ended_at__isnull=True).update(ended_at=now)


def _end_involvements(episode: Episode, *, kind: str, now: datetime) -> None:
    # Ended, not deleted: the previous lead keeps 30 days' read-only access for the handover (access-rules.md).
    Involvement.objects.filter(
        family=episode.family, kind=kind, ended_at__isnull=True, source=f"episode:{episode.pk}"
    ).update(ended_at=now, read_only_until=now + READ_ONLY_AFTER_END)


def _allocate_team(*, user: User, episode: Episode, team: Team, reason: str) -> None:
    now = timezone.now()
    _end_allocation(episode, now)
    _end_involvements(episode, kind=InvolvementKind.TEAM_ALLOCATION, now=now)
    Involvement.objects.create(
        family=episode.family,
        team=team,
        kind=InvolvementKind.TEAM_ALLOCATION,
        source=f"episode:{episode.pk}",
        created_by=user,
    )
    Allocation.objects.create(episode=episode, team=team, allocated_by=user, allocated_at=now, reason=reason)
    episode.team = team
    episode.save(update_fields=["team", "updated_at"])
    chronology_record(
        episode=episode,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Allocated to {team.name} ({team.agency.name})",
        user=user,
    )


def _check_can_allocate(user: User, episode: Episode, *, managers_only: bool = False) -> None:
    relationship = family_relationship(user, episode.family_id)
    # The front door (or a manager) chooses the team; only a manager of the allocated team names the lead.
    front_door = roles.FRONT_DOOR in relationship.roles and not managers_only
    if not (relationship.manages or front_door):
        raise PermissionDenied
    if not episode.is_open:
        raise ValidationError("This episode is closed.")


@transaction.atomic
def episode_allocate_team(*, user: User, episode: Episode, team: Team, reason: str = "") -> Episode:
    """The front door or a manager allocates (or moves) the episode to a team."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _check_can_allocate(user, locked)
    if locked.team_id == team.pk:
        return locked
    _allocate_team(user=user, episode=locked, team=team, reason=reason)
    return locked


@transaction.atomic
def episode_allocate_lead(
    *, user: User, episode: Episode, lead: User, reason: str = "", loaded_version: int | None = None
) -> Episode:
    """A manager of the allocated team names the lead practitioner, who can work for any agency (R4.1)."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _check_can_allocate(user, locked, managers_only=True)
    if locked.lead_practitioner_id == lead.pk:
        # Already done (a double submit): one allocation, no conflict.
        return locked
    check_version(loaded=loaded_version, current=locked.version)
    profile = PractitionerProfile.objects.select_related("agency").filter(user=lead).first()
    if profile is None or not roles.has_role(lead, roles.PRACTITIONER, roles.TEAM_MANAGER):
        raise ValidationError("Choose a practitioner who can lead the work")
    if locked.team is None:
        raise ValidationError("Allocate the episode to a team first")
    now = timezone.now()
    _end_allocation(locked, now)
    _end_involvements(locked, kind=InvolvementKind.LEAD_PRACTITIONER, now=now)
    Involvement.objects.create(
        family=locked.family,
        user=lead,
        kind=InvolvementKind.LEAD_PRACTITIONER,
        source=f"episode:{locked.pk}",
        created_by=user,
    )
    Allocation.objects.create(
        episode=locked, team=locked.team, lead_practitioner=lead, allocated_by=user, allocated_at=now, reason=reason
    )
    locked.lead_practitioner = lead
    locked.allocated_at = locked.allocated_at or now
    locked.status = EpisodeStatus.OPEN
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Lead practitioner: {lead.get_full_name() or lead.email} ({profile.agency.name})",
        user=user,
    )
    return locked


# Contacts and case notes, attachments, non-engagement and closure (issue 4, R2.4, R8).

# Kinds of contact at which a child can be seen: each child's "seen" and "seen alone" is recorded (PS1).
SEEING_KINDS = frozenset(
    {
        ContactKind.HOME_VISIT,
        ContactKind.OFFICE_VISIT,
        ContactKind.SCHOOL_VISIT,
        ContactKind.VIDEO_CALL,
        ContactKind.MEETING,
    }
)
CLOSURE_NON_ENGAGEMENT = "non_engagement"
ATTACHMENT_TYPE_ERROR = "The selected file must be a PDF, Word document, JPG, PNG or text file"
# The first bytes each kind of file starts with: a renamed executable is refused whatever its name says.
ATTACHMENT_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


@dataclass(frozen=True)
class ChildSeenInput:
    person_id: int
    seen: bool
    seen_alone: bool


def _require_contributor(user: User, episode: Episode) -> None:
    if not family_relationship(user, episode.family_id).can_contribute:
        raise PermissionDenied
    if not episode.is_open:
        raise ValidationError("This episode is closed: notes can no longer be added.")


def _check_children_seen(episode: Episode, children_seen: list[ChildSeenInput]) -> None:
    known = set(episode.episode_children.values_list("person_id", flat=True))
    for child in children_seen:
        if child.person_id not in known:
            raise ValidationError("A child who was seen must be a child in this episode.")
        if child.seen_alone and not child.seen:
            raise ValidationError("A child cannot be seen alone without being seen.")


@transaction.atomic
def contact_record(
    *,
    user: User,
    episode: Episode,
    kind: str,
    outcome: str,
    happened_at: datetime,
    summary: str,
    who_was_there: str = "",
    children_seen: Iterable[ChildSeenInput] = (),
    significant: bool = False,
    visibility: str = Visibility.SHARED,
    interpreter_used: bool | None = None,
    token: uuid.UUID | None = None,
) -> Contact:
    """A visit, call, meeting or case note, or an attempt at one that failed (R2.4). A significant event puts a
    line on the chronology, as private as the note. The form's one-time token makes a double submit record one."""
    _require_contributor(user, episode)
    if token is not None:
        existing = Contact.objects.filter(submission_token=token, episode=episode).first()
        if existing is not None:
            return existing
    profile = PractitionerProfile.objects.select_related("agency").filter(user=user).first()
    if profile is None:
        raise PermissionDenied
    if happened_at > timezone.now():
        raise ValidationError("The date and time of the contact must be in the past.")
    seen = list(children_seen) if kind in SEEING_KINDS and outcome == ContactOutcome.COMPLETED else []
    _check_children_seen(episode, seen)
    contact = Contact.objects.create(
        episode=episode,
        kind=kind,
        outcome=outcome,
        happened_at=happened_at,
        recorded_by=user,
        agency=profile.agency,
        visibility=visibility,
        who_was_there=who_was_there,
        summary=summary,
        significant=significant,
        interpreter_used=interpreter_used,
        submission_token=token,
    )
    ChildSeen.objects.bulk_create(
        ChildSeen(contact=contact, person_id=child.person_id, seen=child.seen, seen_alone=child.seen_alone)
        for child in seen
    )
    if significant:
        chronology_record(
            episode=episode,
            kind=ChronologyKind.SIGNIFICANT_EVENT,
            summary=f"{contact.get_kind_display()}: {summary}",
            occurred_at=happened_at,
            user=user,
            source=contact,
            visibility=visibility,
            agency=profile.agency,
        )
    return contact


def check_attachment_file(upload: UploadedFile) -> str:
    """The content type to store for an upload, from its extension (never from what the browser says); a file
    of a type not allowed, too large, empty or whose first bytes are not what its name says is refused."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = settings.ATTACHMENT_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(ATTACHMENT_TYPE_ERROR)
    limit = settings.ATTACHMENT_MAX_BYTES
    if (upload.size or 0) > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)}MB")
    if not upload.size:
        raise ValidationError("The selected file is empty")
    magic = ATTACHMENT_MAGIC.get(extension)
    if magic is not None:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(magic):
            raise ValidationError(ATTACHMENT_TYPE_ERROR)
    return content_type


@transaction.atomic
def attachment_add(
    *, user: User, contact: Contact, upload: UploadedFile, token: uuid.UUID | None = None
) -> Attachment:
    """A document attached to a note, stored outside any public URL and read only through an access check."""
    _require_contributor(user, contact.episode)
    relationship = family_relationship(user, contact.episode.family_id)
    profile = PractitionerProfile.objects.filter(user=user).first()
    if not relationship.case and not contact_open_to_partners(contact, profile.agency_id if profile else None):
        raise PermissionDenied
    if token is not None:
        existing = Attachment.objects.filter(submission_token=token, contact=contact).first()
        if existing is not None:
            return existing
    content_type = check_attachment_file(upload)
    name = (upload.name or "document").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][-200:]
    return Attachment.objects.create(
        contact=contact,
        file=upload,
        name=name,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=user,
        submission_token=token,
    )


@transaction.atomic
def reevaluation_request(*, user: User, episode: Episode, what_was_tried: str) -> Reevaluation:
    """The lead asks the front door to look at a family who is not engaging again (R8: never silently closed).
    One request waits at a time: a second while one is waiting (a double submit) returns the waiting one."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    if not family_relationship(user, locked.family_id).can_write_case:
        raise PermissionDenied
    if not locked.is_open:
        raise ValidationError("This episode is closed.")
    if not what_was_tried.strip():
        raise ValidationError("Enter what has been tried to engage the family")
    waiting = Reevaluation.objects.filter(episode=locked, result="").first()
    if waiting is not None:
        return waiting
    reevaluation = Reevaluation.objects.create(
        episode=locked, requested_by=user, requested_at=timezone.now(), what_was_tried=what_was_tried
    )
    chronology_record(
        episode=locked,
        kind=ChronologyKind.NON_ENGAGEMENT,
        summary=f"Re-evaluation at the front door requested: {what_was_tried}",
        user=user,
        source=reevaluation,
    )
    return reevaluation


@transaction.atomic
def reevaluation_decide(*, user: User, reevaluation: Reevaluation, result: str, rationale: str) -> Reevaluation:
    """The front door decides: continue with a changed approach, step up to social care, or close."""
    locked = (
        Reevaluation.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=reevaluation.pk)
    )
    if roles.FRONT_DOOR not in family_relationship(user, locked.episode.family_id).roles:
        raise PermissionDenied
    if result not in Reevaluation.Result.values:
        raise ValidationError("Select what should happen next")
    if not rationale.strip():
        raise ValidationError("Enter the reasons for the decision")
    if locked.result:
        if locked.result == result and locked.rationale == rationale:
            return locked
        raise ValidationError("This re-evaluation has already been decided.")
    locked.result = result
    locked.rationale = rationale
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.STEP_UP if result == Reevaluation.Result.STEP_UP else ChronologyKind.NON_ENGAGEMENT,
        summary=f"Front door re-evaluation: {locked.get_result_display()}. {rationale}",
        user=user,
        source=locked,
    )
    return locked


def check_can_close(episode: Episode, reason: str) -> list[str]:
    """What stops the episode being closed for this reason. A family is never closed for non-engagement unless
    the front door has re-evaluated and decided to close (R8)."""
    problems: list[str] = []
    if not episode.is_open:
        problems.append("This episode is already closed.")
    if not reason:
        problems.append("Select why the episode is closing")
    if reason == CLOSURE_NON_ENGAGEMENT:
        latest = Reevaluation.objects.filter(episode=episode).order_by("-requested_at", "-pk").first()
        if latest is None or latest.result != Reevaluation.Result.CLOSE:
            problems.append(
                "You cannot close for non-engagement until the front door has re-evaluated the family and "
                "decided to close. Ask for a re-evaluation first."
            )
    return problems


@transaction.atomic
def episode_close(*, user: User, episode: Episode, reason: str, loaded_version: int | None = None) -> Episode:
    """Close the episode. The lead, the team and the Team Around the Family keep 30 days' read-only access."""
    locked = Episode.objects.select_for_update(of=("self",)).select_related("family").get(pk=episode.pk)
    if not family_relationship(user, locked.family_id).can_write_case:
        raise PermissionDenied
    check_version(loaded=loaded_version, current=locked.version)
    problems = check_can_close(locked, reason)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    _end_allocation(locked, now)
    for kind in (InvolvementKind.LEAD_PRACTITIONER, InvolvementKind.TAF_MEMBER, InvolvementKind.TEAM_ALLOCATION):
        _end_involvements(locked, kind=kind, now=now)
    locked.status = EpisodeStatus.CLOSED
    locked.closed_at = now
    locked.closure_reason = reason
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked,
        kind=ChronologyKind.CLOSURE,
        summary=f"Episode {locked.reference} closed ({reason.replace('_', ' ')})",
        user=user,
        source=locked,
    )
    return locked


def manages_team(user: User, team: Team | None) -> bool:
    """A manager of the team (its team manager, or a service manager of its agency), whatever their current access
    to the family: a closed episode's team involvement has ended, but its managers may still reopen it."""
    if team is None:
        return False
    profile = PractitionerProfile.objects.filter(user=user).only("team_id", "agency_id").first()
    if profile is None:
        return False
    held = roles.user_roles(user)
    return (roles.TEAM_MANAGER in held and profile.team_id == team.pk) or (
        roles.SERVICE_MANAGER in held and profile.agency_id == team.agency_id
    )


def check_can_reopen(episode: Episode, *, now: datetime | None = None) -> list[str]:
    """What stops a closed episode being reopened: only within REOPEN_WINDOW_DAYS of closure, and only while the
    family has no other episode open (after that, a new request goes to the front door)."""
    now = now or timezone.now()
    if episode.is_open or episode.closed_at is None:
        return ["This episode is not closed."]
    problems: list[str] = []
    if now - episode.closed_at > timedelta(days=settings.REOPEN_WINDOW_DAYS):
        problems.append(
            f"This episode closed more than {settings.REOPEN_WINDOW_DAYS} days ago. "
            "Make a new request for support at the front door."
        )
    if Episode.objects.filter(family_id=episode.family_id).exclude(status=EpisodeStatus.CLOSED).exists():
        problems.append("The family has another episode open. Add to that episode instead.")
    return problems


@transaction.atomic
def episode_reopen(*, user: User, episode: Episode, reason: str) -> Episode:
    """The reverse of `episode_close`: a manager of the episode's team reopens it within the reopening window.
    The team's and the lead practitioner's involvements start again; the reopening goes on the chronology."""
    locked = (
        Episode.objects.select_for_update(of=("self",)).select_related("family", "team__agency").get(pk=episode.pk)
    )
    if not manages_team(user, locked.team):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Enter why the episode is being reopened")
    problems = check_can_reopen(locked)
    if problems:
        raise ValidationError(problems)
    team = locked.team
    assert team is not None  # manages_team refused an episode without a team
    source = f"episode:{locked.pk}"
    Involvement.objects.create(
        family=locked.family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source=source, created_by=user
    )
    lead = locked.lead_practitioner
    if lead is not None and (not lead.is_active or not roles.has_role(lead, roles.PRACTITIONER, roles.TEAM_MANAGER)):
        lead = None
    if lead is not None:
        Involvement.objects.create(
            family=locked.family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER, source=source, created_by=user
        )
    Allocation.objects.create(
        episode=locked,
        team=team,
        lead_practitioner=lead,
        allocated_by=user,
        allocated_at=timezone.now(),
        reason=f"Reopened: {reason}",
    )
    locked.lead_practitioner = lead
    locked.status = EpisodeStatus.OPEN if lead is not None else EpisodeStatus.AWAITING_ALLOCATION
    locked.closed_at = None
    locked.closure_reason = ""
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked,
        kind=ChronologyKind.REOPENED,
        summary=f"Episode {locked.reference} reopened: {reason}",
        user=user,
        source=locked,
    )
    return locked


# Opening an episode from a front-door decision (issue 4, R2.1).


def _family_new(last_name: str) -> Family:
    family = Family.objects.create(reference=f"NS-new-{uuid.uuid4().hex[:12]}", name=f"{last_name} family".strip())
    # Like the register's own references (NS-000123); a demo family may hold that number, so never reuse one.
    reference = f"NS-{family.pk:06d}"
    if Family.objects.filter(reference=reference).exists():
        reference = f"NS-F{family.pk:06d}"
    family.reference = reference
    family.save(update_fields=["reference", "updated_at"])
    return family


def _family_for_children(children: list[Person]) -> Family | None:
    """The family the children belong to; if they are in several, the one with help under way, else the oldest."""
    families = {
        m.family.pk: m.family
        for m in FamilyMember.objects.filter(person__in=children, family__archived_at__isnull=True)
        .select_related("family")
        .order_by("family_id")
    }
    if not families:
        return None
    open_family = (
        Episode.objects.filter(family_id__in=families)
        .exclude(status=EpisodeStatus.CLOSED)
        .values_list("family_id", flat=True)
        .first()
    )
    return families[open_family] if open_family else next(iter(families.values()))


@transaction.atomic
def episode_open_from_decision(*, user: User, decision: Decision) -> Episode | None:
    """Open (or join) the family's episode for the children the front door decided need early help.

    The front door has put each such child on the register; the family is the one the
    children belong to, or a new one with the children and the matched adults of the request. The request and the
    decision go on the chronology."""
    outcomes = list(
        decision.outcomes.filter(outcome=Outcome.EARLY_HELP)
        .select_related("child__matched_person", "team__agency")
        .order_by("child__date_of_birth", "pk")
    )
    if not outcomes:
        return None
    support_request = decision.request
    children = [o.child.matched_person for o in outcomes if o.child.matched_person is not None]
    if len(children) != len(outcomes):
        raise ValidationError("Every child offered early help must be on the register before an episode opens.")
    family = _family_for_children(children)
    if family is None:
        family = _family_new(children[0].legal_last_name)
    adults = [p.matched_person for p in support_request.adults if p.matched_person is not None]
    lives = {p.matched_person_id: p.lives_in_household for p in support_request.people.all()}
    for person in [*children, *adults]:
        FamilyMember.objects.get_or_create(
            family=family, person=person, defaults={"lives_in_household": lives.get(person.pk) is not False}
        )
    team = next((o.team for o in outcomes if o.team is not None), None)
    episode = episode_open(
        user=user,
        family=family,
        children=children,
        team=team,
        level_id=decision.level_id,
        source_decision_id=decision.pk,
        source_summary=f"Front door decision on request {support_request.reference}",
    )
    chronology_record(
        family=family,
        episode=episode,
        kind=ChronologyKind.REQUEST,
        summary=f"Request for support {support_request.reference} received",
        occurred_at=support_request.submitted_at or decision.decided_at,
        source=support_request,
    )
    names = ", ".join(child.display_name for child in children)
    chronology_record(
        family=family,
        episode=episode,
        kind=ChronologyKind.DECISION,
        summary=f"Front door decision: early help for {names} ({decision.level})",
        occurred_at=decision.decided_at,
        user=user,
        source=decision,
    )
    return episode
