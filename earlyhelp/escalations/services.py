"""Escalation and professional disagreement (R6.4): raise, take on, move through the stages, agree actions, hear
back whether they were done, resolve; and tell people when nobody has confirmed an action."""

from __future__ import annotations

import datetime
import functools
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import can_view_family
from earlyhelp.accounts.models import User
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import ChronologyKind
from earlyhelp.episodes.services import chronology_record
from earlyhelp.escalations.models import Confirmation, Escalation, EscalationAction, EscalationStep, Stage, Subject
from earlyhelp.escalations.selectors import (
    STAGE_ORDER,
    can_raise,
    episode_for_family,
    escalation_permissions,
    family_for_subject,
    handler_candidates,
    overdue_actions,
    owner_candidates,
)
from earlyhelp.organisations.models import Agency
from earlyhelp.people.models import Family


def _chronology(escalation: Escalation, user: User, summary: str) -> None:
    """A line on the family's open (or most recent) episode, when the escalation is about a family."""
    if escalation.family_id is None:
        return
    episode = episode_for_family(escalation.family_id)
    chronology_record(
        family=escalation.family,
        episode=episode,
        kind=ChronologyKind.ESCALATION,
        summary=summary,
        user=user,
        source=escalation,
    )


@transaction.atomic
def escalation_raise(
    *,
    user: User,
    subject: str,
    subject_reference: str,
    reason: str,
    family: Family | None = None,
    about_agency: Agency | None = None,
) -> Escalation:
    """Record a disagreement. Asking twice about the same record, while the first is open, adds nothing new.

    A family may be linked if the user may see it, or if it is the family the disputed front door decision is about
    (a referrer asking for reconsideration need not see the family's record), or the family of the audited case
    (an audit's lead escalates a case they do not work with)."""
    if subject not in Subject.values:
        raise ValidationError("Select what the disagreement is about")
    if not reason.strip():
        raise ValidationError("Enter why the decision should be looked at again")
    if family is not None and not can_view_family(user, family.pk):
        derived = family_for_subject(subject, subject_reference)
        if not derived or derived.pk != family.pk:
            raise PermissionDenied
    existing = Escalation.objects.filter(
        raised_by=user, subject=subject, subject_reference=subject_reference, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    escalation = Escalation.objects.create(
        raised_by=user,
        subject=subject,
        subject_reference=subject_reference.strip(),
        reason=reason.strip(),
        family=family,
        about_agency=about_agency,
    )
    EscalationStep.objects.create(
        escalation=escalation, stage=Stage.PRACTITIONER, moved_at=timezone.now(), moved_by=user, note="Raised"
    )
    label = Subject(subject).label.lower()
    _chronology(escalation, user, f"Escalation raised about {label} {escalation.subject_reference}".strip())
    return escalation


def escalation_raise_as(*, user: User, **kwargs: Any) -> Escalation:
    """escalation_raise for the raise page: the role check the front door's reconsideration does not need."""
    if not can_raise(user):
        raise PermissionDenied
    return escalation_raise(user=user, **kwargs)


def _locked(escalation: Escalation) -> Escalation:
    return Escalation.objects.select_for_update(of=("self",)).select_related("family").get(pk=escalation.pk)


@transaction.atomic
def escalation_take(*, user: User, escalation: Escalation) -> Escalation:
    """A manager or the front door takes on an escalation nobody is handling."""
    locked = _locked(escalation)
    if locked.handler_id == user.pk:
        return locked
    if not escalation_permissions(user, locked).can_take:
        if locked.handler_id is not None:
            raise ValidationError("Someone else has already taken this on")
        raise PermissionDenied
    locked.handler = user
    locked.save(update_fields=["handler", "updated_at"])
    EscalationStep.objects.create(
        escalation=locked, stage=locked.stage, moved_at=timezone.now(), moved_by=user, handler=user, note="Taken on"
    )
    return locked


@transaction.atomic
def escalation_move(
    *, user: User, escalation: Escalation, stage: str, handler: User | None, note: str, from_stage: str = ""
) -> Escalation:
    """Move to a later stage with a new handler and a note of what was discussed. Stages only move forward; a form
    loaded at another stage (someone moved it meanwhile, or a double click) is refused."""
    locked = _locked(escalation)
    if not escalation_permissions(user, locked).can_move:
        raise PermissionDenied
    if from_stage and from_stage != locked.stage:
        raise ValidationError("Someone has moved this escalation since you opened the page: check it and try again")
    if stage not in STAGE_ORDER:
        raise ValidationError("Select the next stage")
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(locked.stage):
        raise ValidationError("Select a later stage: an escalation cannot go back a stage")
    if handler is None or not handler_candidates().filter(pk=handler.pk).exists():
        raise ValidationError("Select who will handle it at this stage")
    if not note.strip():
        raise ValidationError("Enter what was discussed and why it is moving on")
    locked.stage = stage
    locked.handler = handler
    locked.save(update_fields=["stage", "handler", "updated_at"])
    EscalationStep.objects.create(
        escalation=locked, stage=stage, moved_at=timezone.now(), moved_by=user, handler=handler, note=note.strip()
    )
    _chronology(locked, user, f"Escalation {locked.subject_reference} moved to {Stage(stage).label.lower()} stage")
    return locked


@transaction.atomic
def escalation_action_add(
    *,
    user: User,
    escalation: Escalation,
    description: str,
    owner: User | None,
    due_on: datetime.date | None,
    token: uuid.UUID | None = None,
    today: datetime.date | None = None,
) -> EscalationAction:
    """An agreed action, with its owner and due date, added by the handler. One token adds one action."""
    if token is not None:
        existing = EscalationAction.objects.filter(token=token, escalation_id=escalation.pk).first()
        if existing is not None:
            return existing
    locked = _locked(escalation)
    if not escalation_permissions(user, locked).can_add_action:
        raise PermissionDenied
    if not description.strip():
        raise ValidationError("Enter what was agreed")
    if owner is None or not owner_candidates().filter(pk=owner.pk).exists():
        raise ValidationError("Select who will do it")
    if due_on is None:
        raise ValidationError("Enter the date it must be done by")
    if due_on <= (today or timezone.localdate()):
        raise ValidationError("The date it must be done by must be in the future")
    return EscalationAction.objects.create(
        escalation=locked,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        agreed_by=user,
        agreed_at=timezone.now(),
        token=token,
    )


@transaction.atomic
def escalation_action_confirm(
    *, user: User, action: EscalationAction, confirmation: str, note: str = ""
) -> EscalationAction:
    """Was it done? Answered by the person who raised the escalation, or its handler: the feedback loop."""
    locked = EscalationAction.objects.select_for_update(of=("self",)).select_related("escalation").get(pk=action.pk)
    if not escalation_permissions(user, locked.escalation).can_confirm:
        raise PermissionDenied
    if confirmation not in Confirmation.values:
        raise ValidationError("Select yes if it was done")
    if locked.confirmation:
        if locked.confirmed_by_id == user.pk and locked.confirmation == confirmation:
            return locked
        raise ValidationError("Someone has already said whether this was done")
    if confirmation == Confirmation.NOT_DONE and not note.strip():
        raise ValidationError("Enter what happens now it was not done")
    locked.confirmation = confirmation
    locked.confirmed_by = user
    locked.confirmed_at = timezone.now()
    locked.confirmation_note = note.strip()
    locked.save()
    return locked


@transaction.atomic
def escalation_resolve(*, user: User, escalation: Escalation, outcome: str) -> Escalation:
    """The handler records what was agreed in the end; refused while anyone has still to say whether an agreed
    action was done."""
    locked = _locked(escalation)
    if locked.resolved_at is not None and locked.resolved_by_id == user.pk:
        return locked
    if not escalation_permissions(user, locked).can_resolve:
        raise PermissionDenied
    if not outcome.strip():
        raise ValidationError("Enter what was agreed in the end")
    if locked.actions.filter(confirmation="").exists():
        raise ValidationError("Confirm whether every agreed action was done before you resolve the escalation")
    locked.resolved_at = timezone.now()
    locked.resolved_by = user
    locked.outcome = outcome.strip()
    locked.save(update_fields=["resolved_at", "resolved_by", "outcome", "updated_at"])
    _chronology(locked, user, f"Escalation {locked.subject_reference} resolved")
    return locked


def _email_overdue(recipients: list[str], reference: str, link: str) -> None:
    send_mail(
        subject=f"Escalation {reference}: nobody has confirmed an agreed action",
        message=(
            f"An action agreed in the escalation about {reference} is past its due date and nobody has said whether "
            f"it was done.\n\nOpen the escalation in {settings.SERVICE_NAME} to confirm it: {link}"
        ),
        from_email=None,
        recipient_list=recipients,
    )


@transaction.atomic
def escalations_notify_overdue(*, today: datetime.date) -> int:
    """Email the raiser, the owner and the handler of each overdue action, once per action. Returns how many
    actions were notified. No personal detail in the email: the reference and a link to the page."""
    due = list(overdue_actions(today=today).filter(overdue_notified_at__isnull=True).select_for_update(of=("self",)))
    now = timezone.now()
    for action in due:
        escalation = action.escalation
        people = [escalation.raised_by, action.owner, escalation.handler]
        recipients = sorted({p.email for p in people if p is not None and p.is_active and p.email})
        link = page_link("escalations:detail", escalation.pk)
        reference = escalation.subject_reference
        if recipients:
            transaction.on_commit(functools.partial(_email_overdue, recipients, reference, link))
    EscalationAction.objects.filter(pk__in=[a.pk for a in due]).update(overdue_notified_at=now)
    return len(due)
