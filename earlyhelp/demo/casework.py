"""Case work behind the demo practitioner's families, so every screen of issues 4 and 5 has something real to show.

The practitioner's open episodes get, by age:
- a signed-off assessment, an approved plan with an outcome per child;
- identified needs, Family Star Plus readings at baseline and at each review;
- completed reviews on the six-weekly schedule with the next one waiting (some overdue);
- management oversight.

A few are set up as the situations managers must see:
- one closed with outcomes per need, its six-month check due;
- one waiting for closure approval;
- one stepped up and waiting at the front door;
- one stepped up, then stepped down with a handover;
- one drifting (domestic abuse, no progress at two reviews);
- an escalation whose agreed action nobody confirmed.

Records are written directly with their past dates: services stamp "now", and a demo needs history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from earlyhelp.access.models import Consent, Involvement
from earlyhelp.assessments.models import Assessment, AssessmentStatus, ChildAssessment, HowGathered
from earlyhelp.closures.models import Closure, ClosureReason, ClosureStatus, FollowUpCheck, Improvement, NeedOutcome
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.escalations.models import Escalation, EscalationAction, EscalationStep, Stage, Subject
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.organisations.models import Team
from earlyhelp.outcometools.models import OutcomeTool, Reading, ReadingStage, Score
from earlyhelp.oversight.models import OversightEntry, Supervision, SupervisionCase
from earlyhelp.people.models import Person
from earlyhelp.plans.models import ActionStatus, Plan, PlanAction, PlanOutcome, PlanStatus
from earlyhelp.reviews.models import PROGRESSING, Progress, Review, ReviewDecision, ReviewOutcome, ReviewStatus
from earlyhelp.transitions.models import SocialCareDecision, StepDown, StepUp, StepUpStatus

# What the demo plans aim at, by the child's age: (what must change, measure, baseline, target).
OUTCOMES_BY_AGE = (
    (
        5,
        "is settled at nursery and talking in short sentences",
        "Nursery key worker's observation",
        "1-word",
        "3-word",
    ),
    (11, "gets to school every day, on time", "School attendance", "81%", "95%"),
    (19, "feels safe at home and has a trusted adult to talk to", "What they tell us, out of 10", "3/10", "7/10"),
)
# Need areas drawn for ordinary demo families, by code (needs/data/need_areas.json).
COMMON_NEEDS = ("N01", "N03", "N06", "N07", "N10", "N12", "N13")


@dataclass
class Cast:
    practitioner: Any
    manager: Any
    service_manager: Any
    front_door: Any
    north: Team


def _at(day: date, hour: int = 11) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _line(episode: Episode, kind: str, summary: str, user: Any, when: datetime, source: str = "demo") -> None:
    ChronologyEntry.objects.create(
        family_id=episode.family_id,
        episode=episode,
        occurred_at=when,
        kind=kind,
        summary=summary,
        recorded_by=user,
        source=source,
    )


def _children(episode: Episode) -> list[Person]:
    return [link.person for link in episode.episode_children.select_related("person") if link.ended_at is None]


def _adult(episode: Episode) -> Person | None:
    member = (
        episode.family.memberships.filter(left_on__isnull=True, person__date_of_birth__isnull=False)
        .select_related("person")
        .order_by("person__date_of_birth")
        .first()
    )
    return member.person if member is not None and not member.person.is_child else None


def _assess_and_plan(rng: random.Random, cast: Cast, episode: Episode, children: list[Person]) -> Plan:
    start = episode.allocated_at or episode.opened_at
    assessment = Assessment.objects.create(
        episode=episode,
        status=AssessmentStatus.SIGNED_OFF,
        started_by=cast.practitioner,
        started_at=start + timedelta(days=2),
        family_history="Earlier requests and episodes read and summarised with the family.",
        history_reviewed=True,
        family_strengths="A loving parent who wants things to change; supportive grandparents nearby.",
        family_needs="Routines at home, school attendance and money worries.",
        risks="No immediate risk of significant harm identified.",
        analysis="With practical help on routines and school the children's daily lives should improve.",
        submitted_at=start + timedelta(days=18),
        submitted_by=cast.practitioner,
        signed_off_at=start + timedelta(days=20),
        signed_off_by=cast.manager,
        sign_off_comment="A child-focused assessment; each child's voice is clear. Agreed.",
    )
    for child in children:
        alone = (child.age() or 0) >= 8
        ChildAssessment.objects.create(
            assessment=assessment,
            person=child,
            how_gathered=HowGathered.SPOKE_WITH,
            seen=True,
            seen_alone=alone,
            not_seen_alone_reason="" if alone else "Too young to be seen alone",
            wishes_and_feelings="Wants mornings to be calmer and to see friends after school.",
            daily_lived_experience="Gets themself ready most mornings; often late; likes football.",
        )
    approved = start + timedelta(days=30)
    plan = Plan.objects.create(
        episode=episode,
        status=PlanStatus.APPROVED,
        child_views="The children want calmer mornings and more time with their parent.",
        family_views="Mum wants help with routines and the bills.",
        created_by=cast.practitioner,
        submitted_at=approved - timedelta(days=1),
        approved_at=approved,
        approved_by=cast.manager,
        approval_comment="Outcomes are measurable and about each child. Approved.",
        first_approved_at=approved,
    )
    for order, child in enumerate(children[:3]):
        age = child.age() or 0
        what, measure, baseline, target = next(o[1:] for o in OUTCOMES_BY_AGE if age < o[0])
        outcome = PlanOutcome.objects.create(
            plan=plan,
            child=child,
            what_must_change=f"{child.display_name} {what}",
            measure=measure,
            baseline=baseline,
            target=target,
            target_date=(approved + timedelta(days=120)).date(),
            order=order,
        )
        action = PlanAction.objects.create(
            plan=plan,
            what="Weekly home visit to build a morning routine together",
            owner_user=cast.practitioner,
            due_on=(approved + timedelta(days=60)).date(),
            status=ActionStatus.IN_PROGRESS,
            order=order,
        )
        action.outcomes.add(outcome)
    return plan


def _needs(rng: random.Random, cast: Cast, episode: Episode, codes: list[str], children: list[Person]) -> None:
    areas = {area.code: area for area in NeedArea.objects.filter(code__in=codes)}
    for code in codes:
        need = EpisodeNeed.objects.create(
            episode=episode,
            area=areas[code],
            description=f"{areas[code].label}: identified in the assessment with the family.",
            identified_at=(episode.allocated_at or episode.opened_at) + timedelta(days=20),
            identified_by=cast.practitioner,
        )
        need.children.set(children)


def _reading(
    cast: Cast, episode: Episode, tool: OutcomeTool, person: Person, stage: str, day: date, level: int
) -> None:
    reading = Reading.objects.create(
        episode=episode, person=person, tool=tool, stage=stage, taken_on=day, recorded_by=cast.practitioner
    )
    Score.objects.bulk_create(
        Score(reading=reading, area=area, value=max(tool.scale_min, min(tool.scale_max, level + (i % 3) - 1)))
        for i, area in enumerate(tool.areas.filter(active=True))
    )


def _reviews(
    rng: random.Random, cast: Cast, episode: Episode, plan: Plan, today: date, *, stuck: bool = False
) -> list[Review]:
    """Completed reviews on the schedule, with readings, and the next one waiting."""
    interval = timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    tool = OutcomeTool.objects.get(code="FAMILY_STAR_PLUS")
    parent = _adult(episode)
    assert plan.first_approved_at is not None
    if parent is not None:
        _reading(cast, episode, tool, parent, ReadingStage.BASELINE, plan.first_approved_at.date(), 3)
    outcomes = list(plan.outcomes.all())
    due = plan.first_approved_at.date() + interval
    done: list[Review] = []
    number = 1
    while due + timedelta(days=3) < today:
        held = due + timedelta(days=rng.randint(-3, 2))
        progress = Progress.NO_CHANGE if stuck else (Progress.SOME if number == 1 else Progress.GOOD)
        review = Review.objects.create(
            episode=episode,
            number=number,
            due_on=due,
            status=ReviewStatus.COMPLETED,
            held_on=held,
            child_views="The children said mornings are calmer and they like the new chart.",
            family_views="Mum said she feels more in control; money is still tight.",
            decision=ReviewDecision.CONTINUE,
            decision_reason="Progress for each child; keep going with the plan.",
            recorded_by=cast.practitioner,
            completed_at=_at(held, 15),
        )
        for outcome in outcomes:
            ReviewOutcome.objects.create(
                review=review,
                plan_outcome=outcome,
                progress=progress,
                impact_evidence=(
                    "Attendance unchanged; late most days."
                    if progress not in PROGRESSING
                    else "Attendance up from 81% to 90% this half term; school reports a calmer start to the day."
                ),
            )
        if parent is not None:
            _reading(cast, episode, tool, parent, ReadingStage.REVIEW, held, 3 if stuck else 3 + 2 * number)
        _line(episode, ChronologyKind.REVIEW, f"Review {number}: decision continue", cast.practitioner, _at(held, 15))
        done.append(review)
        number += 1
        due = held + interval
    Review.objects.create(episode=episode, number=number, due_on=due, status=ReviewStatus.SCHEDULED)
    return done


def _oversight(cast: Cast, episode: Episode, when: datetime) -> None:
    entry = OversightEntry.objects.create(
        episode=episode,
        recorded_by=cast.manager,
        recorded_at=when,
        plan_effectiveness="Working for the older child; the younger child's outcome needs a clearer measure.",
        child_circumstances="Attendance improving; the children describe calmer mornings.",
        decisions="Continue at early help. Review the younger child's outcome at the next review.",
        actions="Lead practitioner to update the outcome measure before the next review.",
    )
    entry.children.set(_children(episode))
    _line(episode, ChronologyKind.OVERSIGHT, "Management oversight recorded", cast.manager, when)


def _close(cast: Cast, episode: Episode, plan: Plan, *, approved: bool, today: date) -> Closure:
    needs = list(episode.needs.select_related("area"))
    closed_on = today - timedelta(days=190) if approved else None
    closure = Closure.objects.create(
        episode=episode,
        status=ClosureStatus.APPROVED if approved else ClosureStatus.SUBMITTED,
        reason=ClosureReason.OUTCOMES_ACHIEVED,
        summary="Each child's outcomes are met: attendance above 95%, calmer mornings, bills on a payment plan.",
        ongoing_support="The school's family liaison officer and the children's centre stay in touch.",
        requested_by=cast.practitioner,
        submitted_at=_at(closed_on or today - timedelta(days=2), 10),
        decided_by=cast.manager if approved else None,
        decided_at=_at(closed_on, 16) if closed_on else None,
        manager_comment="Outcomes evidenced for every need. Approved." if approved else "",
    )
    for need in needs:
        NeedOutcome.objects.create(
            closure=closure,
            need=need,
            improvement=Improvement.SIGNIFICANT,
            evidence=need.area.descriptor_significant,
        )
    if approved and closed_on is not None:
        closed_at = _at(closed_on, 16)
        Episode.objects.filter(pk=episode.pk).update(
            status=EpisodeStatus.CLOSED, closed_at=closed_at, closure_reason=ClosureReason.OUTCOMES_ACHIEVED
        )
        # The lead's, the team's and the Team Around the Family's access ended with closure (+30 days read-only).
        Involvement.objects.filter(family_id=episode.family_id, ended_at__isnull=True).update(
            ended_at=closed_at, read_only_until=closed_at + timedelta(days=30)
        )
        # Closure ends the review schedule.
        Review.objects.filter(episode=episode).exclude(status=ReviewStatus.COMPLETED).update(archived_at=closed_at)
        for months in settings.FOLLOW_UP_MONTHS:
            FollowUpCheck.objects.create(
                closure=closure,
                episode=episode,
                months=months,
                due_on=closed_on + timedelta(days=round(months * 30.44)),
            )
        _line(episode, ChronologyKind.CLOSURE, "Episode closed (outcomes achieved)", cast.manager, closed_at)
    return closure


def _step_up(cast: Cast, episode: Episode, when: datetime, *, decided: bool) -> StepUp:
    step_up = StepUp.objects.create(
        reference=f"SU-demo-{episode.pk}",
        episode=episode,
        reasons="Disclosure at school of being hit by mum's partner; bruising seen by the school nurse.",
        risks="Physical harm to the older child; the younger children are in the same household.",
        what_has_been_tried="Safety planning with mum; school checks each morning.",
        worker_stays_involved=True,
        status=StepUpStatus.DECIDED if decided else StepUpStatus.SENT,
        requested_by=cast.practitioner,
        sent_at=when,
        received_by=cast.front_door if decided else None,
        received_at=when + timedelta(minutes=40) if decided else None,
        decision=SocialCareDecision.ACCEPTED_FOR_ASSESSMENT if decided else "",
        decision_reason="Threshold for a child and family assessment met." if decided else "",
        social_worker="Assessment Team 2" if decided else "",
        decided_by=cast.front_door if decided else None,
        decided_at=when + timedelta(hours=5) if decided else None,
    )
    StepUp.objects.filter(pk=step_up.pk).update(reference=f"SU{when:%y}-{step_up.pk}")
    step_up.children.set(_children(episode))
    _line(episode, ChronologyKind.STEP_UP, "Stepped up to children's social care", cast.practitioner, when)
    step_up.refresh_from_db()
    return step_up


def _step_down(cast: Cast, episode: Episode, step_up: StepUp, when: datetime) -> None:
    adult = _adult(episode)
    if adult is None:
        return
    step_down = StepDown.objects.create(
        reference=f"SD-demo-{episode.pk}",
        family=episode.family,
        step_up=step_up,
        episode=episode,
        social_care_history="Child and family assessment completed; a short child in need plan; risk reduced.",
        risks="Mum's former partner lives nearby; the safety plan stays in place.",
        what_worked="Mum's engagement with the Freedom Programme; daily school check-ins.",
        social_worker="A. Social Worker, Assessment Team 2",
        team=cast.north,
        handover_meeting_on=(when - timedelta(days=1)).date(),
        handover_attendees="Social worker, lead practitioner, mum, school family liaison officer",
        handover_notes="Early help picks up routines and school attendance.",
        consent_reconfirmed_on=(when - timedelta(days=1)).date(),
        consent_how=Consent.HowObtained.WRITTEN,
        consent_given_by=adult,
        recorded_by=cast.front_door,
        recorded_at=when,
    )
    StepDown.objects.filter(pk=step_down.pk).update(reference=f"SD{when:%y}-{step_down.pk}")
    step_down.children.set(_children(episode))
    consent = Consent.objects.create(
        person=adult,
        given_on=(when - timedelta(days=1)).date(),
        how_obtained=Consent.HowObtained.WRITTEN,
        recorded_by=cast.front_door,
    )
    consent.agencies.add(cast.north.agency)
    _line(episode, ChronologyKind.STEP_DOWN, "Stepped down from children's social care", cast.front_door, when)


def _escalation(cast: Cast, episode: Episode, today: date) -> None:
    raised = _at(today - timedelta(days=30), 9)
    escalation = Escalation.objects.create(
        raised_by=cast.practitioner,
        subject=Subject.AGENCY_ACTION,
        subject_reference=episode.reference,
        family=episode.family,
        reason="Housing has not done the damp repairs agreed at two TAF meetings; the baby's asthma is worse.",
        stage=Stage.MANAGER,
        handler=cast.manager,
    )
    Escalation.objects.filter(pk=escalation.pk).update(created_at=raised)
    EscalationStep.objects.create(
        escalation=escalation,
        stage=Stage.PRACTITIONER,
        moved_at=raised,
        moved_by=cast.practitioner,
        note="Raised with the housing officer; no date given.",
    )
    EscalationStep.objects.create(
        escalation=escalation,
        stage=Stage.MANAGER,
        moved_at=raised + timedelta(days=5),
        moved_by=cast.manager,
        handler=cast.manager,
        note="Spoke to the housing team manager; repairs agreed.",
    )
    EscalationAction.objects.create(
        escalation=escalation,
        description="Housing to complete the damp repairs in the children's bedroom",
        owner=cast.manager,
        due_on=today - timedelta(days=10),
        agreed_by=cast.manager,
        agreed_at=raised + timedelta(days=5),
    )
    _line(episode, ChronologyKind.ESCALATION, "Escalation to manager: housing repairs", cast.manager, raised)


def _supervision(cast: Cast, episodes: list[Episode], today: date) -> None:
    session = Supervision.objects.create(
        practitioner=cast.practitioner,
        supervisor=cast.manager,
        held_on=today - timedelta(days=20),
        wellbeing="Caseload high but manageable; agreed no new allocations for two weeks.",
        reflection="Reflected on a father who is hard to reach and what makes him feel judged.",
        development="Book on the domestic abuse level 2 training.",
        next_due_on=today + timedelta(days=10),
    )
    for episode in episodes:
        SupervisionCase.objects.create(
            supervision=session,
            episode=episode,
            discussion="Progress on the plan discussed; the children's views are clear.",
            decisions="Continue; consider closure at the next review if attendance holds.",
        )


def seed_casework(rng: random.Random, now: datetime) -> int:
    """Case work for the demo practitioner's open episodes. Returns how many episodes were worked."""
    today = timezone.localtime(now).date()
    users = get_user_model().objects
    north = Team.objects.select_related("agency").get(name="Early Help North")
    cast = Cast(
        practitioner=users.get(email="practitioner@example.org"),
        manager=users.get(email="teammanager@example.org"),
        service_manager=users.get(email="servicemanager@example.org"),
        front_door=users.get(email="frontdoor@example.org"),
        north=north,
    )
    episodes = list(
        Episode.objects.filter(lead_practitioner=cast.practitioner, status=EpisodeStatus.OPEN)
        .filter(~Q(episode_children=None))
        .select_related("family")
        .distinct()
        .order_by("opened_at")
    )
    worked = 0
    discussed: list[Episode] = []
    for episode in episodes:
        children = _children(episode)
        start = episode.allocated_at or episode.opened_at
        if not children or (now - start).days < 45:
            continue
        plan = _assess_and_plan(rng, cast, episode, children)
        scenario = worked
        worked += 1
        if scenario == 0:
            # Closed with outcomes, its six-month check now due; needs under four headline outcomes.
            _needs(rng, cast, episode, ["N06", "N07", "N12", "N13"], children)
            _reviews(rng, cast, episode, plan, today - timedelta(days=190))
            _close(cast, episode, plan, approved=True, today=today)
            continue
        if scenario == 1:
            _needs(rng, cast, episode, ["N01", "N06", "N13"], children)
            _reviews(rng, cast, episode, plan, today)
            _close(cast, episode, plan, approved=False, today=today)
            continue
        if scenario == 2:
            _needs(rng, cast, episode, ["N08", "N11"], children)
            _reviews(rng, cast, episode, plan, today, stuck=True)
            _step_up(cast, episode, now - timedelta(hours=3), decided=False)
            continue
        if scenario == 3:
            _needs(rng, cast, episode, ["N08", "N03"], children)
            _reviews(rng, cast, episode, plan, today)
            step_up = _step_up(cast, episode, now - timedelta(days=40), decided=True)
            _step_down(cast, episode, step_up, now - timedelta(days=3))
            continue
        if scenario == 4:
            # Drift: domestic abuse with no progress at two reviews in a row.
            _needs(rng, cast, episode, ["N08", "N07"], children)
            _reviews(rng, cast, episode, plan, today, stuck=True)
            continue
        codes = rng.sample(COMMON_NEEDS, rng.randint(2, 4))
        _needs(rng, cast, episode, codes, children)
        if scenario == 5:
            _escalation(cast, episode, today)
        _reviews(rng, cast, episode, plan, today)
        if scenario % 3 != 0:
            _oversight(cast, episode, now - timedelta(days=rng.randint(3, 25)))
        if len(discussed) < 2:
            discussed.append(episode)
    if discussed:
        _supervision(cast, discussed, today)
    return worked
