"""Writes for step-up to children's social care and step-down from it (R6.3). Each service owns its transaction,
checks permission again, and writes its chronology line in the same transaction. Emails go after commit and carry
the reference and a link only."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Consent
from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import chronology_record, episode_open
from earlyhelp.organisations.models import PractitionerProfile, Team
from earlyhelp.people.models import Family, Person
from earlyhelp.transitions.models import SocialCareDecision, StepDown, StepUp, StepUpStatus

OPEN_STATUSES = (StepUpStatus.SENT, StepUpStatus.RECEIVED)
# Decisions after which social care holds the case: the lead closes the episode unless they stay involved.
SOCIAL_CARE_HOLDS = (SocialCareDecision.ACCEPTED_FOR_ASSESSMENT, SocialCareDecision.STRATEGY_DISCUSSION)


def _temporary_reference() -> str:
    # Unique until the primary key gives the real reference, a moment later in the same transaction.
    return f"T-{uuid.uuid4().hex[:17]}"


def _notify(*, recipients: Iterable[str], subject: str, message: str) -> None:
    to = sorted({address for address in recipients if address})
    if to:
        # After commit: a rolled-back write must never have told anyone anything.
        transaction.on_commit(lambda: send_mail(subject=subject, message=message, from_email=None, recipient_list=to))


def front_door_emails() -> list[str]:
    """Where the front door is told of a step-up: settings.FRONT_DOOR_EMAIL, else the teams of front-door users
    (their own addresses if no team has one)."""
    configured = getattr(settings, "FRONT_DOOR_EMAIL", "")
    if configured:
        return [configured]
    profiles = PractitionerProfile.objects.filter(
        user__groups__name=roles.FRONT_DOOR, user__is_active=True
    ).select_related("team", "user")
    team_emails = sorted({p.team.email for p in profiles if p.team is not None and p.team.email})
    return team_emails or sorted({p.user.email for p in profiles if p.user.email})


def _team_emails(team: Team) -> list[str]:
    if team.email:
        return [team.email]
    managers = PractitionerProfile.objects.filter(
        team=team, user__groups__name=roles.TEAM_MANAGER, user__is_active=True
    ).values_list("user__email", flat=True)
    return list(managers)


def _is_front_door(user: User, family_id: int) -> bool:
    relationship = family_relationship(user, family_id)
    return relationship.visible and roles.FRONT_DOOR in relationship.roles


def step_up_hands_to_social_care(step_up: StepUp) -> bool:
    """Social care holds the case and the worker does not stay involved: the lead should close the episode with
    the reason "stepped up"."""
    return (
        step_up.status == StepUpStatus.DECIDED
        and step_up.decision in SOCIAL_CARE_HOLDS
        and not step_up.worker_stays_involved
    )


@transaction.atomic
def step_up_request(
    *,
    user: User,
    episode: Episode,
    children: Iterable[Person],
    reasons: str,
    risks: str,
    what_has_been_tried: str = "",
    parents_informed: bool = True,
    parents_not_informed_reason: str = "",
    worker_stays_involved: bool = True,
    submission_token: uuid.UUID | None = None,
) -> StepUp:
    """Send a step-up straight to children's social care: no panel in between. A resent form (the same token)
    returns the step-up it already made; a second step-up while one is waiting is refused."""
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied
    if submission_token is not None:
        existing = StepUp.objects.filter(submission_token=submission_token, episode=episode).first()
        if existing is not None:
            return existing
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    if locked.status == EpisodeStatus.CLOSED:
        raise ValidationError("This episode is closed.")
    if StepUp.objects.filter(episode=locked, status__in=OPEN_STATUSES).exists():
        raise ValidationError("A step-up for this family is already waiting for social care's decision.")
    child_list = list(children)
    errors: dict[str, str] = {}
    current = set(locked.episode_children.filter(ended_at__isnull=True).values_list("person_id", flat=True))
    if not child_list:
        errors["children"] = "Select at least one child"
    elif any(child.pk not in current for child in child_list):
        errors["children"] = "Select children in this episode"
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the step-up"
    if not risks.strip():
        errors["risks"] = "Enter the risks to the children"
    if not parents_informed and not parents_not_informed_reason.strip():
        errors["parents_not_informed_reason"] = "Enter why the parents have not been told"
    if errors:
        raise ValidationError(errors)
    step_up = StepUp.objects.create(
        reference=_temporary_reference(),
        episode=locked,
        reasons=reasons.strip(),
        risks=risks.strip(),
        what_has_been_tried=what_has_been_tried.strip(),
        parents_informed=parents_informed,
        parents_not_informed_reason="" if parents_informed else parents_not_informed_reason.strip(),
        worker_stays_involved=worker_stays_involved,
        requested_by=user,
        sent_at=timezone.now(),
        submission_token=submission_token,
    )
    step_up.reference = f"SU{timezone.localdate():%y}-{step_up.pk:06d}"
    step_up.save(update_fields=["reference"])
    step_up.children.set(child_list)
    chronology_record(
        episode=locked,
        kind=ChronologyKind.STEP_UP,
        summary=f"Step-up {step_up.reference} sent to children's social care",
        user=user,
        source=step_up,
    )
    link = page_link("transitions:step_up_detail", step_up.pk)
    _notify(
        recipients=front_door_emails(),
        subject=f"Step-up {step_up.reference} sent to children's social care",
        message=f"A step-up request, {step_up.reference}, has been sent to children's social care.\n\nOpen it: {link}",
    )
    return step_up


def _lock_step_up(step_up: StepUp) -> StepUp:
    return StepUp.objects.select_for_update().select_related("episode").get(pk=step_up.pk)


@transaction.atomic
def step_up_receive(*, user: User, step_up: StepUp) -> StepUp:
    """The front door marks the step-up received. Marking it twice keeps the first time."""
    locked = _lock_step_up(step_up)
    if not _is_front_door(user, locked.episode.family_id):
        raise PermissionDenied
    if locked.status == StepUpStatus.WITHDRAWN:
        raise ValidationError("This step-up was withdrawn.")
    if locked.received_at is not None:
        return locked
    locked.received_at = timezone.now()
    locked.received_by = user
    if locked.status == StepUpStatus.SENT:
        locked.status = StepUpStatus.RECEIVED
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.STEP_UP,
        summary=f"Step-up {locked.reference} received by children's social care",
        user=user,
        source=locked,
    )
    return locked


@transaction.atomic
def step_up_decide(
    *,
    user: User,
    step_up: StepUp,
    decision: str,
    reason: str,
    social_worker: str = "",
) -> StepUp:
    """Social care's decision, recorded by the front door, and the lead practitioner told. Back to early help:
    the episode simply continues."""
    locked = _lock_step_up(step_up)
    if not _is_front_door(user, locked.episode.family_id):
        raise PermissionDenied
    if locked.status == StepUpStatus.DECIDED:
        if locked.decision == decision and locked.decided_by_id == user.pk:
            return locked  # a double submit
        raise ValidationError("This step-up has already been decided.")
    if locked.status == StepUpStatus.WITHDRAWN:
        raise ValidationError("This step-up was withdrawn.")
    errors: dict[str, str] = {}
    if decision not in SocialCareDecision.values:
        errors["decision"] = "Select social care's decision"
    if not reason.strip():
        errors["reason"] = "Enter the reason for the decision"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if locked.received_at is None:
        locked.received_at = now
        locked.received_by = user
    locked.status = StepUpStatus.DECIDED
    locked.decision = decision
    locked.decision_reason = reason.strip()
    locked.social_worker = social_worker.strip()
    locked.decided_by = user
    locked.decided_at = now
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.STEP_UP,
        summary=f"Step-up {locked.reference}: {locked.get_decision_display()}",
        user=user,
        source=locked,
    )
    lead = locked.episode.lead_practitioner
    if lead is not None:
        link = page_link("transitions:step_up_detail", locked.pk)
        _notify(
            recipients=[lead.email],
            subject=f"Step-up {locked.reference}: social care's decision",
            message=f"Children's social care has decided step-up {locked.reference}.\n\nOpen it: {link}",
        )
    return locked


@transaction.atomic
def step_up_withdraw(*, user: User, step_up: StepUp) -> StepUp:
    """The lead (or a manager) withdraws a step-up before social care decides."""
    locked = _lock_step_up(step_up)
    if not family_relationship(user, locked.episode.family_id).can_write_case:
        raise PermissionDenied
    if locked.status == StepUpStatus.WITHDRAWN:
        return locked
    if locked.status == StepUpStatus.DECIDED:
        raise ValidationError("Social care has already decided this step-up: it cannot be withdrawn.")
    locked.status = StepUpStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.STEP_UP,
        summary=f"Step-up {locked.reference} withdrawn",
        user=user,
        source=locked,
    )
    return locked


@transaction.atomic
def step_down_record(
    *,
    user: User,
    family: Family,
    children: Iterable[Person],
    social_care_history: str,
    risks: str,
    what_worked: str,
    social_worker: str,
    team: Team,
    handover_meeting_on: datetime.date | None,
    handover_attendees: str,
    consent_reconfirmed_on: datetime.date | None,
    consent_how: str,
    consent_given_by: Person | None,
    handover_notes: str = "",
    step_up: StepUp | None = None,
    submission_token: uuid.UUID | None = None,
) -> StepDown:
    """Record a step-down from children's social care (front door): the handover, consent re-confirmed (a new
    consent covering the receiving team's agency), and an episode of early help opened with the social care
    history summarised, or the open one joined."""
    if not _is_front_door(user, family.pk):
        raise PermissionDenied
    if submission_token is not None:
        existing = StepDown.objects.filter(submission_token=submission_token, family=family).first()
        if existing is not None:
            return existing
    child_list = list(children)
    members = {m.person_id: m.person for m in family.memberships.select_related("person")}
    errors: dict[str, str] = {}
    if not child_list:
        errors["children"] = "Select at least one child"
    elif any(child.pk not in members or not child.is_child for child in child_list):
        errors["children"] = "Select children in this family"
    for field, value, message in (
        ("social_care_history", social_care_history, "Enter a summary of the social care history"),
        ("risks", risks, "Enter the risks that remain"),
        ("what_worked", what_worked, "Enter what worked"),
        ("social_worker", social_worker, "Enter the social worker and their team"),
        ("handover_attendees", handover_attendees, "Enter who was at the handover meeting"),
    ):
        if not value.strip():
            errors[field] = message
    if handover_meeting_on is None:
        errors["handover_meeting_on"] = "Enter the date of the handover meeting"
    consent_missing = "Consent must be re-confirmed before a step-down to early help can be recorded"
    if consent_reconfirmed_on is None:
        errors["consent_reconfirmed_on"] = f"{consent_missing}: enter the date it was re-confirmed"
    elif consent_reconfirmed_on > timezone.localdate():
        errors["consent_reconfirmed_on"] = "Date consent was re-confirmed must be today or in the past"
    if consent_how not in Consent.HowObtained.values:
        errors["consent_how"] = f"{consent_missing}: select how it was obtained"
    if consent_given_by is None:
        errors["consent_given_by"] = f"{consent_missing}: select which adult re-confirmed it"
    elif consent_given_by.pk not in members or consent_given_by.is_child:
        errors["consent_given_by"] = "Select an adult in this family"
    if step_up is not None and step_up.episode.family_id != family.pk:
        errors["step_up"] = "Select a step-up for this family"
    if errors or consent_given_by is None or handover_meeting_on is None or consent_reconfirmed_on is None:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        person=consent_given_by, given_on=consent_reconfirmed_on, how_obtained=consent_how, recorded_by=user
    )
    consent.agencies.add(team.agency)
    history = social_care_history.strip()
    episode = episode_open(
        user=user,
        family=family,
        children=child_list,
        team=team,
        source_summary=f"Stepped down from children's social care: {history}",
    )
    step_down = StepDown.objects.create(
        reference=_temporary_reference(),
        family=family,
        step_up=step_up,
        episode=episode,
        social_care_history=history,
        risks=risks.strip(),
        what_worked=what_worked.strip(),
        social_worker=social_worker.strip(),
        team=team,
        handover_meeting_on=handover_meeting_on,
        handover_attendees=handover_attendees.strip(),
        handover_notes=handover_notes.strip(),
        consent_reconfirmed_on=consent_reconfirmed_on,
        consent_how=consent_how,
        consent_given_by=consent_given_by,
        recorded_by=user,
        recorded_at=timezone.now(),
        submission_token=submission_token,
    )
    step_down.reference = f"SD{timezone.localdate():%y}-{step_down.pk:06d}"
    step_down.save(update_fields=["reference"])
    step_down.children.set(child_list)
    chronology_record(
        episode=episode,
        kind=ChronologyKind.STEP_DOWN,
        summary=f"Step-down {step_down.reference} from children's social care: {history}",
        user=user,
        source=step_down,
    )
    link = page_link("transitions:step_down_detail", step_down.pk)
    _notify(
        recipients=_team_emails(team),
        subject=f"Step-down {step_down.reference} to {team.name}",
        message=(
            f"A family has been stepped down from children's social care to {team.name}: {step_down.reference}."
            f"\n\nOpen it: {link}"
        ),
    )
    return step_down
