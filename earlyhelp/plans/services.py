"""Writes of the plan (R4.3, R4.4). Each service checks permission again and owns its transaction.

Outcome, action and views edits lock the plan and compare the version the user loaded (optimistic locking): two
people editing the plan at once get a conflict, never a silent overwrite. Every such write bumps the plan's
version, and a plan that was sent for approval or approved goes back to draft: changes need approval again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import ChronologyKind, Episode
from earlyhelp.episodes.services import check_version, chronology_record
from earlyhelp.people.models import Person
from earlyhelp.plans.models import ActionStatus, Plan, PlanAction, PlanOutcome, PlanStatus
from earlyhelp.plans.selectors import action_owners, current_children, plan_with_items
from earlyhelp.plans.smart import check_smart
from earlyhelp.reviews.services import review_schedule_first


@dataclass(frozen=True)
class PlanEdit:
    """What an edit did: the record saved, and whether the plan went back to draft (approval needed again)."""

    record: object
    approval_reset: bool


@dataclass(frozen=True)
class OutcomeData:
    child_id: int | None
    what_must_change: str
    measure: str = ""
    baseline: str = ""
    target: str = ""
    target_date: datetime.date | None = None
    family_words: str = ""


@dataclass(frozen=True)
class ActionData:
    what: str
    owner_user_id: int | None
    owner_name: str = ""
    due_on: datetime.date | None = None
    outcome_ids: tuple[int, ...] = ()


def _check_write(user: User, episode: Episode) -> None:
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied
    if not episode.is_open:
        raise ValidationError("This episode is closed.")


def _lock_plan(plan: Plan, loaded_version: int | None) -> Plan:
    locked = Plan.objects.select_for_update().select_related("episode").get(pk=plan.pk)
    check_version(loaded=loaded_version, current=locked.version)
    return locked


def _touch(plan: Plan) -> bool:
    """Bump the version; a plan waiting for or holding approval goes back to draft."""
    reset = plan.status != PlanStatus.DRAFT
    plan.version += 1
    if reset:
        plan.status = PlanStatus.DRAFT
        plan.submitted_at = None
    plan.save()
    return reset


@transaction.atomic
def plan_start(*, user: User, episode: Episode) -> Plan:
    """Start the episode's plan; starting it again (a double submit) returns the same plan."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _check_write(user, locked)
    plan = Plan.objects.filter(episode=locked).first()
    if plan is not None:
        return plan
    plan = Plan.objects.create(episode=locked, created_by=user)
    chronology_record(
        family=locked.family, episode=locked, kind=ChronologyKind.PLAN, summary="Plan started", user=user, source=plan
    )
    return plan


def _child(episode: Episode, child_id: int | None) -> Person | None:
    if child_id is None:
        return None
    for link in current_children(episode):
        if link.person_id == child_id:
            return link.person
    raise ValidationError("Choose a child in this episode")


@transaction.atomic
def outcome_save(
    *, user: User, plan: Plan, data: OutcomeData, outcome: PlanOutcome | None = None, loaded_version: int | None
) -> PlanEdit:
    """Add an outcome to the plan, or change one."""
    locked = _lock_plan(plan, loaded_version)
    _check_write(user, locked.episode)
    child = _child(locked.episode, data.child_id)
    if outcome is None:
        outcome = PlanOutcome(plan=locked, order=locked.outcomes.count())
    elif outcome.plan_id != locked.pk or outcome.is_archived:
        raise PermissionDenied
    outcome.child = child
    outcome.what_must_change = data.what_must_change
    outcome.measure = data.measure
    outcome.baseline = data.baseline
    outcome.target = data.target
    outcome.target_date = data.target_date
    outcome.family_words = data.family_words
    if outcome.pk:
        outcome.version += 1
    outcome.save()
    return PlanEdit(outcome, _touch(locked))


@transaction.atomic
def outcome_archive(*, user: User, plan: Plan, outcome: PlanOutcome, loaded_version: int | None) -> PlanEdit:
    """Archive (never delete) an outcome; the actions serving it stay, and the SMART check shows any left serving
    nothing."""
    locked = _lock_plan(plan, loaded_version)
    _check_write(user, locked.episode)
    if outcome.plan_id != locked.pk:
        raise PermissionDenied
    if outcome.archived_at is None:
        outcome.archived_at = timezone.now()
        outcome.version += 1
        outcome.save(update_fields=["archived_at", "version", "updated_at"])
    return PlanEdit(outcome, _touch(locked))


def _owner(episode: Episode, owner_user_id: int | None, owner_name: str) -> User | None:
    if owner_user_id is None:
        if not owner_name.strip():
            raise ValidationError("Enter who will do this")
        return None
    for owner in action_owners(episode):
        if owner.pk == owner_user_id:
            return owner
    raise ValidationError("Choose the lead practitioner or a member of the Team Around the Family")


@transaction.atomic
def action_save(
    *, user: User, plan: Plan, data: ActionData, action: PlanAction | None = None, loaded_version: int | None
) -> PlanEdit:
    """Add an action to the plan, or change one: who does what by when, serving which outcomes."""
    locked = _lock_plan(plan, loaded_version)
    _check_write(user, locked.episode)
    owner = _owner(locked.episode, data.owner_user_id, data.owner_name)
    outcomes = list(PlanOutcome.objects.live().filter(plan=locked, pk__in=data.outcome_ids))
    if len(outcomes) != len(set(data.outcome_ids)):
        raise ValidationError("Choose outcomes of this plan")
    if action is None:
        action = PlanAction(plan=locked, order=locked.actions.count())
    elif action.plan_id != locked.pk or action.is_archived:
        raise PermissionDenied
    action.what = data.what
    action.owner_user = owner
    action.owner_name = "" if owner is not None else data.owner_name.strip()
    action.due_on = data.due_on
    action.updated_by = user
    if action.pk:
        action.version += 1
    action.save()
    action.outcomes.set(outcomes)
    return PlanEdit(action, _touch(locked))


@transaction.atomic
def action_archive(*, user: User, plan: Plan, action: PlanAction, loaded_version: int | None) -> PlanEdit:
    locked = _lock_plan(plan, loaded_version)
    _check_write(user, locked.episode)
    if action.plan_id != locked.pk:
        raise PermissionDenied
    if action.archived_at is None:
        action.archived_at = timezone.now()
        action.version += 1
        action.save(update_fields=["archived_at", "version", "updated_at"])
    return PlanEdit(action, _touch(locked))


@transaction.atomic
def plan_views_save(
    *, user: User, plan: Plan, child_views: str, family_views: str, loaded_version: int | None
) -> PlanEdit:
    """The children's and the family's views of the plan, in their words (R4.4)."""
    locked = _lock_plan(plan, loaded_version)
    _check_write(user, locked.episode)
    locked.child_views = child_views
    locked.family_views = family_views
    return PlanEdit(locked, _touch(locked))


def may_update_action(user: User, action: PlanAction, episode: Episode) -> bool:
    """The action's owner updates it; so do the lead practitioner and managers of the allocated team."""
    relationship = family_relationship(user, episode.family_id)
    if action.owner_user_id == user.pk:
        return relationship.can_contribute
    return relationship.can_write_case


@transaction.atomic
def action_progress(
    *, user: User, action: PlanAction, status: str, progress_note: str, loaded_version: int | None
) -> PlanAction:
    """A Team Around the Family member (or the lead) records progress on an action: its status and a note. This
    is doing the plan, not changing it, so the plan keeps its approval; the action's own version guards it."""
    locked = PlanAction.objects.select_for_update().select_related("plan__episode").get(pk=action.pk)
    if not may_update_action(user, locked, locked.plan.episode) or locked.is_archived:
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status")
    check_version(loaded=loaded_version, current=locked.version)
    locked.status = status
    locked.progress_note = progress_note
    locked.updated_by = user
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def plan_submit(*, user: User, plan: Plan) -> Plan:
    """The lead sends the plan for a manager's approval; refused while the SMART check finds problems."""
    locked = Plan.objects.select_for_update().select_related("episode__family").get(pk=plan.pk)
    _check_write(user, locked.episode)
    if locked.status == PlanStatus.SUBMITTED:
        return locked
    checked = plan_with_items(locked.episode)
    problems = check_smart(checked) if checked is not None else []
    if problems:
        raise ValidationError([problem.message for problem in problems])
    locked.status = PlanStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.PLAN,
        summary="Plan sent for manager approval",
        user=user,
        source=locked,
    )
    return locked


@transaction.atomic
def plan_approve(*, user: User, plan: Plan, approve: bool, comment: str) -> Plan:
    """A manager of the allocated team approves the plan, or returns it to the lead with a comment."""
    locked = Plan.objects.select_for_update().select_related("episode__family").get(pk=plan.pk)
    relationship = family_relationship(user, locked.episode.family_id)
    if not (relationship.visible and relationship.manages):
        raise PermissionDenied
    if locked.status != PlanStatus.SUBMITTED:
        raise ValidationError("This plan is not waiting for approval")
    if not approve and not comment.strip():
        raise ValidationError("Enter what needs to change")
    now = timezone.now()
    locked.approval_comment = comment
    if approve:
        locked.status = PlanStatus.APPROVED
        locked.approved_at = now
        locked.approved_by = user
        locked.first_approved_at = locked.first_approved_at or now
        summary = "Plan approved by the manager"
        # The first review is scheduled from the plan's first approval (R5.1); later approvals change nothing.
        review_schedule_first(episode=locked.episode, approved_at=locked.first_approved_at)
    else:
        locked.status = PlanStatus.DRAFT
        locked.submitted_at = None
        summary = "Plan returned to the lead practitioner for changes"
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.PLAN,
        summary=f"{summary}: {comment}" if comment else summary,
        user=user,
        source=locked,
    )
    return locked
