"""The SMART check of a plan (R4.3, PS6): outcomes for a named child, with a measure, a target and a date;
actions that serve an outcome, with someone to do them and a date; an outcome for every child in the episode.

Pure: it reads only what the selector prefetched (`plans.selectors.plan_with_items`), so the plan page and the
submit service run it without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from earlyhelp.plans.models import Plan


@dataclass(frozen=True)
class SmartProblem:
    """One thing to fix, with a link to the page where it is fixed."""

    code: str
    message: str
    href: str


def _outcome_name(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:60]}{'…' if len(text) > 60 else ''}”"


def check_smart(plan: Plan) -> list[SmartProblem]:
    episode_id = plan.episode_id
    outcomes = list(plan.outcomes.all())
    actions = list(plan.actions.all())
    problems: list[SmartProblem] = []
    for outcome in outcomes:
        href = reverse("plans:outcome_edit", args=[episode_id, outcome.pk])
        name = _outcome_name(outcome.what_must_change)
        if outcome.child_id is None:
            problems.append(SmartProblem("outcome_no_child", f"Outcome {name} is not about a named child", href))
        if not outcome.measure.strip():
            problems.append(SmartProblem("outcome_no_measure", f"Outcome {name} has no measure", href))
        if not outcome.target.strip():
            problems.append(SmartProblem("outcome_no_target", f"Outcome {name} has no target", href))
        if outcome.target_date is None:
            problems.append(SmartProblem("outcome_no_date", f"Outcome {name} has no target date", href))
    for action in actions:
        href = reverse("plans:action_edit", args=[episode_id, action.pk])
        name = _outcome_name(action.what)
        if not list(action.outcomes.all()):
            problems.append(SmartProblem("action_no_outcome", f"Action {name} serves no outcome", href))
        if action.owner_user_id is None and not action.owner_name.strip():
            problems.append(SmartProblem("action_no_owner", f"Action {name} has nobody to do it", href))
        if action.due_on is None:
            problems.append(SmartProblem("action_no_date", f"Action {name} has no date to be done by", href))
    planned_for = {outcome.child_id for outcome in outcomes}
    for link in plan.episode.episode_children.all():
        if link.ended_at is None and link.person_id not in planned_for:
            href = f"{reverse('plans:outcome_add', args=[episode_id])}?child={link.person_id}"
            problems.append(
                SmartProblem("child_no_outcome", f"There is no outcome for {link.person.display_name}", href)
            )
    return problems
