"""Reads of the plan. The episode itself is opened (permission-checked and logged) by
`earlyhelp.episodes.selectors.access_episode`; these read the records inside it, always filtered by the episode."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import Episode, EpisodeChild
from earlyhelp.people.models import Person
from earlyhelp.plans.models import Plan, PlanAction, PlanOutcome, TafMember
from earlyhelp.plans.smart import SmartProblem, check_smart

OTHER_OWNER = "other"


def _live_outcomes() -> Prefetch:
    return Prefetch("outcomes", queryset=PlanOutcome.objects.live().select_related("child"))


def _live_actions() -> Prefetch:
    outcomes = Prefetch("outcomes", queryset=PlanOutcome.objects.live())
    return Prefetch(
        "actions", queryset=PlanAction.objects.live().select_related("owner_user").prefetch_related(outcomes)
    )


def current_children(episode: Episode) -> list[EpisodeChild]:
    return list(episode.episode_children.filter(ended_at__isnull=True).select_related("person"))


def plan_with_items(episode: Episode) -> Plan | None:
    """The episode's plan with its live outcomes and actions and the episode's current children, in a fixed
    number of queries however long the plan is."""
    plan = Plan.objects.live().filter(episode=episode).prefetch_related(_live_outcomes(), _live_actions()).first()
    if plan is None:
        return None
    current = EpisodeChild.objects.filter(ended_at__isnull=True).select_related("person")
    prefetch_related_objects([episode], Prefetch("episode_children", queryset=current))
    plan.episode = episode
    return plan


def plan_for_episode(episode: Episode) -> Plan:
    plan = Plan.objects.live().filter(episode=episode).first()
    if plan is None:
        raise Http404
    plan.episode = episode
    return plan


def outcome_in_episode(*, episode_id: int, outcome_id: int) -> PlanOutcome:
    outcome = (
        PlanOutcome.objects.live()
        .select_related("plan", "child")
        .filter(pk=outcome_id, plan__episode_id=episode_id, plan__archived_at__isnull=True)
        .first()
    )
    if outcome is None:
        raise Http404
    return outcome


def action_in_episode(*, episode_id: int, action_id: int) -> PlanAction:
    action = (
        PlanAction.objects.live()
        .select_related("plan", "owner_user")
        .prefetch_related(Prefetch("outcomes", queryset=PlanOutcome.objects.live()))
        .filter(pk=action_id, plan__episode_id=episode_id, plan__archived_at__isnull=True)
        .first()
    )
    if action is None:
        raise Http404
    return action


def action_owners(episode: Episode) -> list[User]:
    """Who may own an action as a user: the lead practitioner and current Team Around the Family members with an
    account. They may then update their own action."""
    owners: list[User] = [episode.lead_practitioner] if episode.lead_practitioner else []
    members = (
        TafMember.objects.filter(episode=episode, user__isnull=False, ended_at__isnull=True)
        .select_related("user")
        .order_by("name")
    )
    for member in members:
        if member.user is not None and all(member.user.pk != owner.pk for owner in owners):
            owners.append(member.user)
    return owners


def owner_label(user: User) -> str:
    return user.get_full_name() or user.email


@dataclass
class OutcomeRow:
    outcome: PlanOutcome
    actions: list[PlanAction] = field(default_factory=list)


@dataclass
class ChildSection:
    child: Person
    outcomes: list[OutcomeRow] = field(default_factory=list)


@dataclass
class PlanPage:
    """The plan arranged for reading: per child, each outcome with the actions that serve it."""

    plan: Plan
    sections: list[ChildSection]
    unnamed: list[OutcomeRow]
    unlinked_actions: list[PlanAction]
    problems: list[SmartProblem]


def plan_page(plan: Plan) -> PlanPage:
    outcomes = list(plan.outcomes.all())
    actions = list(plan.actions.all())
    rows = {outcome.pk: OutcomeRow(outcome) for outcome in outcomes}
    unlinked: list[PlanAction] = []
    for action in actions:
        served = [rows[o.pk] for o in action.outcomes.all() if o.pk in rows]
        for row in served:
            row.actions.append(action)
        if not served:
            unlinked.append(action)
    sections = {link.person_id: ChildSection(link.person) for link in plan.episode.episode_children.all()}
    unnamed: list[OutcomeRow] = []
    for outcome in outcomes:
        if outcome.child is None:
            unnamed.append(rows[outcome.pk])
            continue
        sections.setdefault(outcome.child.pk, ChildSection(outcome.child)).outcomes.append(rows[outcome.pk])
    return PlanPage(
        plan=plan,
        sections=list(sections.values()),
        unnamed=unnamed,
        unlinked_actions=unlinked,
        problems=check_smart(plan),
    )
