"""Case history for load tests and report benchmarks: three years of requests, decisions and episodes, in proportion
to the number of families.

For about `share` of the families that have no episode yet, one request for support over the last three years
(dates spread evenly), decided by the front door with a realistic mix of outcomes. Early help decisions open an
episode: allocated, assessed, planned, reviewed every six weeks, and for the older ones closed with outcomes per
need and follow-up checks; a few are stepped up to children's social care.

Fast: rows are drawn as plain model instances and written with `bulk_create`, a chunk of families per transaction,
without change history (this is load-test data, not a record of anyone's work). Reproducible for a given `rng`.
Records are written with their past dates directly, as earlyhelp.demo.casework does.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.assessments.models import Assessment, AssessmentStatus, ChildAssessment, HowGathered
from earlyhelp.closures.models import Closure, ClosureReason, ClosureStatus, FollowUpCheck, Improvement, NeedOutcome
from earlyhelp.codes.models import Code
from earlyhelp.demo import data
from earlyhelp.demo.frontdoor import NOT_REFERRING, REFERRING_ROLES
from earlyhelp.episodes.models import Allocation, Episode, EpisodeChild, EpisodeStatus
from earlyhelp.frontdoor.models import (
    ChildOutcome,
    Consent,
    ConsentPosition,
    Decision,
    Feedback,
    Outcome,
    RequestPerson,
    RequestSource,
    RequestStatus,
    SupportRequest,
    Urgency,
)
from earlyhelp.frontdoor.selectors import early_help_teams
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.organisations.models import PractitionerProfile, Team
from earlyhelp.oversight.models import OversightEntry
from earlyhelp.people.models import Family, FamilyMember, Person, YesNoUnknown
from earlyhelp.plans.models import Plan, PlanOutcome, PlanStatus
from earlyhelp.reviews.models import Progress, Review, ReviewDecision, ReviewOutcome, ReviewStatus
from earlyhelp.thresholds.models import Level, ThresholdDocument
from earlyhelp.thresholds.selectors import threshold_current
from earlyhelp.timescales.working_days import LONDON, add_working_days, is_working_day
from earlyhelp.transitions.models import SocialCareDecision, StepUp, StepUpStatus

FAMILIES_PER_CHUNK = 500
BATCH_SIZE = 500
YEARS_BACK = 3
ADULT_AGE = 18

# Signposting and universal help is split between advice and single-agency support.
OUTCOMES = (
    (Outcome.EARLY_HELP, 55),
    (Outcome.ADVICE, 11),
    (Outcome.SINGLE_AGENCY, 4),
    (Outcome.NO_FURTHER_ACTION, 15),
    (Outcome.SOCIAL_CARE, 15),
)
DECISION_DELAY = ((0, 50), (1, 32), (2, 11), (3, 7))  # working days from receipt
LEVEL_BY_OUTCOME = {
    Outcome.EARLY_HELP: ((2, 75), (3, 25)),
    Outcome.ADVICE: ((1, 70), (2, 30)),
    Outcome.SINGLE_AGENCY: ((2, 100),),
    Outcome.NO_FURTHER_ACTION: ((1, 100),),
    Outcome.SOCIAL_CARE: ((4, 85), (3, 15)),
}
CLOSURE_REASONS = (
    (ClosureReason.OUTCOMES_ACHIEVED, 78),
    (ClosureReason.FAMILY_DECLINED, 10),
    (ClosureReason.MOVED_AREA, 7),
    (ClosureReason.STEPPED_UP, 5),
)
IMPROVEMENT = ((Improvement.NONE, 25), (Improvement.SOME, 35), (Improvement.SIGNIFICANT, 40))
PROGRESS = (
    (Progress.WORSE, 5),
    (Progress.NO_CHANGE, 20),
    (Progress.SOME, 45),
    (Progress.GOOD, 25),
    (Progress.ACHIEVED, 5),
)

CONCERNS = (
    "Attendance has fallen this term and the children are often late; Mum finds mornings hard on her own.",
    "Outbursts at school most days and bedtime battles at home; both parents asked for help with parenting.",
    "Mum is low in mood since the baby was born and has no family nearby.",
    "The family are behind with the rent and the children have missed health appointments.",
    "Police attended a domestic incident at the home; the children were present.",
    "The eldest child cares for a parent with a long-term illness and is missing school.",
)
RATIONALE = {
    Outcome.EARLY_HELP: "Needs in several areas of the children's lives; the family want help. Early help offered.",
    Outcome.ADVICE: "A single need the family can meet with advice and a universal service.",
    Outcome.SINGLE_AGENCY: "The school can meet this need with its own support.",
    Outcome.NO_FURTHER_ACTION: "No unmet need identified; the family know how to ask again.",
    Outcome.SOCIAL_CARE: "A child may be at risk of significant harm: referred to children's social care.",
}
FEEDBACK_TEXT = "Thank you for your request. The front door has decided; the family have been told what happens next."


def _weighted(pairs: Sequence[tuple[Any, int]]) -> Callable[[random.Random], Any]:
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return lambda rng: rng.choices(values, weights=weights)[0]


pick_outcome = _weighted(OUTCOMES)
pick_delay = _weighted(DECISION_DELAY)
pick_reason = _weighted(CLOSURE_REASONS)
pick_improvement = _weighted(IMPROVEMENT)
pick_progress = _weighted(PROGRESS)
pick_level = {outcome: _weighted(pairs) for outcome, pairs in LEVEL_BY_OUTCOME.items()}


@dataclass
class Context:
    now: datetime
    document: ThresholdDocument
    levels: dict[int, Level]
    referral_sources: list[int]
    referrers: list[tuple[Any, int | None]]  # (user, agency id)
    front_door: Any
    teams: list[Team]
    workers: dict[int, list[Any]]  # team id -> practitioners
    managers: dict[int, Any]  # team id -> manager
    areas: list[NeedArea]
    counters: dict[str, int] = field(default_factory=dict)

    def next(self, name: str) -> int:
        self.counters[name] = self.counters.get(name, 0) + 1
        return self.counters[name]

    def level(self, number: int) -> Level:
        if number in self.levels:
            return self.levels[number]
        return self.levels[min(self.levels, key=lambda n: abs(n - number))]


def _context(now: datetime) -> Context:
    user_model = get_user_model()
    document = threshold_current()
    levels = {level.number: level for level in document.levels.all()}
    demo_emails = {u.email for u in (*data.DEMO_USERS, *data.PARTNER_USERS)}
    referrers: list[tuple[Any, int | None]] = [
        (profile.user, profile.agency_id)
        for profile in PractitionerProfile.objects.filter(user__is_active=True, user__groups__name__in=REFERRING_ROLES)
        .exclude(agency__type__in=NOT_REFERRING)
        .select_related("user")
        .order_by("pk")
        .distinct()
    ]
    front_door = user_model.objects.get(email="frontdoor@example.org")
    if not referrers:
        referrers = [(front_door, None)]
    default_manager = user_model.objects.get(email="teammanager@example.org")
    teams = list(early_help_teams().order_by("pk"))
    workers: dict[int, list[Any]] = {}
    managers: dict[int, Any] = {}
    profiles = (
        PractitionerProfile.objects.filter(team__in=teams, user__is_active=True)
        .select_related("user")
        .prefetch_related("user__groups")
        .order_by("pk")
    )
    for profile in profiles:
        if profile.team_id is None:
            continue
        group_names = {g.name for g in profile.user.groups.all()}
        if roles.TEAM_MANAGER in group_names:
            managers.setdefault(profile.team_id, profile.user)
        elif roles.PRACTITIONER in group_names and profile.user.email not in demo_emails:
            workers.setdefault(profile.team_id, []).append(profile.user)
    teams = [team for team in teams if workers.get(team.pk)] or teams
    for team in teams:
        managers.setdefault(team.pk, default_manager)
    return Context(
        now=now,
        document=document,
        levels=levels,
        referral_sources=list(
            Code.objects.filter(list_name="referral_source", active=True).order_by("pk").values_list("pk", flat=True)
        ),
        referrers=referrers,
        front_door=front_door,
        teams=teams,
        workers=workers,
        managers=managers,
        areas=list(NeedArea.objects.filter(active=True).order_by("order", "code")),
    )


def _children_by_family(family_ids: Sequence[int]) -> dict[int, list[Person]]:
    """Children living in each family (born, under 18 now), oldest first."""
    cutoff = timezone.localdate() - timedelta(days=round(ADULT_AGE * 365.25))
    found: dict[int, list[Person]] = {}
    for start in range(0, len(family_ids), 900):
        members = (
            FamilyMember.objects.filter(
                family_id__in=family_ids[start : start + 900],
                left_on__isnull=True,
                person__date_of_birth__gt=cutoff,
            )
            .select_related("person")
            .order_by("family_id", "person__date_of_birth", "person_id")
        )
        for member in members:
            found.setdefault(member.family_id, []).append(member.person)
    return found


def _age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _adult_on(dob: date) -> date:
    try:
        return dob.replace(year=dob.year + ADULT_AGE)
    except ValueError:  # 29 February
        return dob.replace(year=dob.year + ADULT_AGE, day=28)


def _office(day: date, rng: random.Random) -> datetime:
    """A time in office hours on `day`, London time."""
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 8 * 60))
    return timezone.make_aware(moment, LONDON)


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@dataclass
class Rows:
    """Unsaved rows of a chunk, by model, written in dependency order."""

    requests: list[SupportRequest] = field(default_factory=list)
    people: list[RequestPerson] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    child_outcomes: list[ChildOutcome] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    episode_children: list[EpisodeChild] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    involved: list[Episode] = field(default_factory=list)  # the episode behind each involvement
    assessments: list[Assessment] = field(default_factory=list)
    child_assessments: list[ChildAssessment] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    plan_outcomes: list[PlanOutcome] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    review_outcomes: list[ReviewOutcome] = field(default_factory=list)
    needs: list[EpisodeNeed] = field(default_factory=list)
    need_children: list[tuple[EpisodeNeed, Person]] = field(default_factory=list)
    oversight: list[OversightEntry] = field(default_factory=list)
    oversight_children: list[tuple[OversightEntry, Person]] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    need_outcomes: list[NeedOutcome] = field(default_factory=list)
    follow_ups: list[FollowUpCheck] = field(default_factory=list)
    step_ups: list[StepUp] = field(default_factory=list)
    step_up_children: list[tuple[StepUp, Person]] = field(default_factory=list)

    def write(self) -> None:
        # Every foreign key below points at an instance saved earlier in this method: bulk_create sets the primary
        # keys (RETURNING on PostgreSQL and SQLite), so the related *_id values resolve at save time.
        ordered: tuple[list[Any], ...] = (
            self.requests,
            self.people,
            self.decisions,
            self.child_outcomes,
            self.feedback,
            self.episodes,
            self.episode_children,
            self.allocations,
            self.involvements,
            self.assessments,
            self.child_assessments,
            self.plans,
            self.plan_outcomes,
            self.reviews,
            self.review_outcomes,
            self.needs,
            self.oversight,
            self.closures,
            self.need_outcomes,
            self.follow_ups,
            self.step_ups,
        )
        for objs in ordered:
            if objs:
                model: Any = type(objs[0])
                model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
            if objs is self.episodes:
                for involvement, episode in zip(self.involvements, self.involved, strict=True):
                    involvement.source = f"episode:{episode.pk}"
        _m2m(EpisodeNeed.children.through, "episodeneed", self.need_children)
        _m2m(OversightEntry.children.through, "oversightentry", self.oversight_children)
        _m2m(StepUp.children.through, "stepup", self.step_up_children)


def _m2m(through: Any, owner: str, pairs: Iterable[tuple[models.Model, Person]]) -> None:
    rows = [through(**{f"{owner}_id": obj.pk, "person_id": person.pk}) for obj, person in pairs]
    if rows:
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)


class Drawer:
    """Draws one family's history into `rows`."""

    def __init__(self, rng: random.Random, ctx: Context, rows: Rows) -> None:
        self.rng = rng
        self.ctx = ctx
        self.rows = rows
        self.now = ctx.now
        self.today = timezone.localtime(ctx.now).date()

    def family(self, family_id: int, children: list[Person], day: date) -> bool:
        """One request about the family, received on `day`, and what followed. False if no child was there."""
        rng, ctx = self.rng, self.ctx
        named = [c for c in children if c.date_of_birth and c.date_of_birth <= day < _adult_on(c.date_of_birth)]
        if not named:
            return False
        received = _office(day, rng)
        referrer, agency_id = rng.choice(ctx.referrers)
        delay = pick_delay(rng)
        decided = add_working_days(received, delay) + timedelta(minutes=rng.randint(20, 300))
        if delay == 0 and decided.astimezone(LONDON).hour >= 18:
            decided = received + timedelta(minutes=rng.randint(20, 90))
        is_decided = decided < self.now - timedelta(hours=1)
        request = SupportRequest(
            reference=f"RH{received:%y}-{ctx.next('request')}",
            source=RequestSource.PROFESSIONAL,
            status=RequestStatus.DECIDED if is_decided else RequestStatus.NEW,
            urgency=Urgency.URGENT if rng.random() < 0.08 else Urgency.ROUTINE,
            significant_harm_now=False,
            created_by=referrer,
            referrer_name=getattr(referrer, "full_name", "") or "",
            referrer_job_title="Referrer",
            referrer_agency_id=agency_id,
            referrer_email=referrer.email,
            referral_source_id=rng.choice(ctx.referral_sources) if ctx.referral_sources else None,
            concerns=rng.choice(CONCERNS),
            tried_before="Advice and a meeting with the family.",
            tried_outcome="Some change for a few weeks, then back to how it was.",
            strengths="A parent who cares and wants things to change.",
            parents_aware=YesNoUnknown.YES,
            consent=Consent.GIVEN,
            submitted_at=received,
            due_at=add_working_days(received, 1),
        )
        self.rows.requests.append(request)
        people = [
            RequestPerson(
                request=request,
                is_child=True,
                first_name=child.legal_first_name,
                last_name=child.legal_last_name,
                date_of_birth=child.date_of_birth,
                sex_id=child.sex_id,
                lives_in_household=True,
                matched_person=child,
                match_confirmed_by=ctx.front_door if is_decided else None,
                match_confirmed_at=decided - timedelta(minutes=10) if is_decided else None,
            )
            for child in named
        ]
        self.rows.people.extend(people)
        if not is_decided:
            return True
        outcome = pick_outcome(rng)
        decision = Decision(
            request=request,
            decided_by=ctx.front_door,
            decided_at=decided,
            threshold_document=ctx.document,
            level=ctx.level(pick_level[outcome](rng)),
            needs_identified=outcome in (Outcome.EARLY_HELP, Outcome.SINGLE_AGENCY, Outcome.SOCIAL_CARE)
            or (outcome == Outcome.ADVICE and rng.random() < 0.5),
            rationale=RATIONALE[outcome],
            consent_position=ConsentPosition.GIVEN,
        )
        self.rows.decisions.append(decision)
        team = rng.choice(ctx.teams) if outcome == Outcome.EARLY_HELP else None
        for person in people:
            self.rows.child_outcomes.append(
                ChildOutcome(
                    decision=decision,
                    child=person,
                    outcome=outcome,
                    team=team,
                    support_detail="Signposted to the children's centre and the school's family liaison officer."
                    if outcome in (Outcome.ADVICE, Outcome.SINGLE_AGENCY)
                    else "",
                    social_care_reference=f"CSC-{received:%Y}-H{request.reference}"[:50]
                    if outcome == Outcome.SOCIAL_CARE
                    else "",
                )
            )
        sent = decided + timedelta(days=rng.choice((0, 1, 1, 2)), minutes=rng.randint(10, 240))
        is_sent = rng.random() < 0.92 and sent < self.now
        self.rows.feedback.append(
            Feedback(
                request=request,
                text=FEEDBACK_TEXT,
                due_at=add_working_days(decided, 1),
                sent_at=sent if is_sent else None,
                sent_by=ctx.front_door if is_sent else None,
                read_at=sent + timedelta(hours=rng.randint(1, 48)) if is_sent and rng.random() < 0.6 else None,
            )
        )
        if outcome == Outcome.EARLY_HELP and team is not None:
            self.episode(family_id, decision, team, named)
        return True

    def episode(self, family_id: int, decision: Decision, team: Team, children: list[Person]) -> None:
        rng, ctx, now = self.rng, self.ctx, self.now
        manager = ctx.managers[team.pk]
        opened = min(decision.decided_at + timedelta(days=rng.randint(0, 3), minutes=30), now - timedelta(minutes=30))
        allocated = opened + timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 4))
        workers = ctx.workers.get(team.pk) or []
        lead = rng.choice(workers) if workers and allocated < now else None
        age = (now - opened).days
        # Closed if opened long enough ago, mostly; how long an episode lasts: 4 to 14 months.
        closes = (age > 270 and rng.random() < 0.9) or (130 < age <= 270 and rng.random() < 0.3)
        closed_at: datetime | None = None
        if closes and lead is not None:
            length = rng.randint(110, min(age - 5, 420))
            closed_at = opened + timedelta(days=length, hours=rng.randint(0, 5))
        step_up = rng.random() < 0.05 and lead is not None
        reason = pick_reason(rng) if closed_at else ""
        if step_up and closed_at is not None:
            reason = ClosureReason.STEPPED_UP
        elif reason == ClosureReason.STEPPED_UP:
            step_up = True
        status = EpisodeStatus.OPEN if lead else EpisodeStatus.AWAITING_ALLOCATION
        if closed_at:
            status = EpisodeStatus.CLOSED
        episode = Episode(
            reference=f"EH{opened:%y}-H{ctx.next('episode'):06d}",
            family_id=family_id,
            status=status,
            level=decision.level,
            opened_at=opened,
            opened_by=ctx.front_door,
            source_decision=decision,
            source_summary=f"Front door decision on request {decision.request.reference}",
            team=team,
            lead_practitioner=lead,
            allocated_at=allocated if lead else None,
            closed_at=closed_at,
            closure_reason=reason,
        )
        rows = self.rows
        rows.episodes.append(episode)
        rows.episode_children.extend(EpisodeChild(episode=episode, person=c, added_at=opened) for c in children)
        rows.allocations.append(
            Allocation(episode=episode, team=team, allocated_by=manager, allocated_at=opened, ended_at=closed_at)
        )
        rows.involvements.append(
            Involvement(  # its source, "episode:<pk>", is set once the episode is saved
                family_id=family_id,
                team=team,
                kind=InvolvementKind.TEAM_ALLOCATION,
                started_at=opened,
                ended_at=closed_at,
                read_only_until=closed_at + timedelta(days=30) if closed_at else None,
                created_by=manager,
            )
        )
        rows.involved.append(episode)
        if lead is None:
            return
        rows.allocations.append(
            Allocation(
                episode=episode,
                team=team,
                lead_practitioner=lead,
                allocated_by=manager,
                allocated_at=allocated,
                ended_at=closed_at,
            )
        )
        rows.involvements.append(
            Involvement(
                family_id=family_id,
                user=lead,
                kind=InvolvementKind.LEAD_PRACTITIONER,
                started_at=allocated,
                ended_at=closed_at,
                read_only_until=closed_at + timedelta(days=30) if closed_at else None,
                created_by=manager,
            )
        )
        rows.involved.append(episode)
        end = closed_at or now
        self.casework(episode, lead, manager, children, allocated, end, closed_at, reason, step_up)

    def casework(
        self,
        episode: Episode,
        lead: Any,
        manager: Any,
        children: list[Person],
        allocated: datetime,
        end: datetime,
        closed_at: datetime | None,
        reason: str,
        step_up: bool,
    ) -> None:
        rng, rows = self.rng, self.rows
        started = allocated + timedelta(days=2)
        if started >= end:
            return
        signed_off = episode.opened_at + timedelta(days=rng.randint(15, 30), hours=rng.randint(0, 5))
        done = signed_off < end
        assessment = Assessment(
            episode=episode,
            status=AssessmentStatus.SIGNED_OFF if done else AssessmentStatus.DRAFT,
            started_by=lead,
            started_at=started,
            family_history="Earlier requests read and summarised with the family.",
            history_reviewed=True,
            family_strengths="A loving parent who wants things to change.",
            family_needs="Routines at home, school attendance and money worries.",
            risks="No immediate risk of significant harm identified.",
            analysis="With practical help the children's daily lives should improve.",
            submitted_at=signed_off - timedelta(days=2) if done else None,
            submitted_by=lead if done else None,
            signed_off_at=signed_off if done else None,
            signed_off_by=manager if done else None,
            sign_off_comment="Child-focused; each child's voice is clear. Agreed." if done else "",
        )
        rows.assessments.append(assessment)
        for child in children:
            alone = _age_on(child.date_of_birth, started.date()) >= 8 if child.date_of_birth else False
            rows.child_assessments.append(
                ChildAssessment(
                    assessment=assessment,
                    person=child,
                    how_gathered=HowGathered.SPOKE_WITH if alone else HowGathered.OBSERVED,
                    seen=True,
                    seen_alone=alone,
                    not_seen_alone_reason="" if alone else "Too young to be seen alone",
                    wishes_and_feelings="Wants home to be calmer.",
                    daily_lived_experience="Gets ready for school with help; likes playing outside.",
                )
            )
        identified = min(episode.opened_at + timedelta(days=20), end - timedelta(minutes=5))
        areas = rng.sample(self.ctx.areas, min(len(self.ctx.areas), rng.randint(2, 4)))
        needs = []
        for area in areas:
            need = EpisodeNeed(
                episode=episode,
                area=area,
                description=f"{area.label}: identified in the assessment with the family.",
                identified_at=identified,
                identified_by=lead,
            )
            needs.append(need)
            rows.needs.append(need)
            rows.need_children.extend((need, child) for child in children)
        if not done:
            return
        approved = signed_off + timedelta(days=rng.randint(3, 10))
        if approved >= end:
            return
        plan = Plan(
            episode=episode,
            status=PlanStatus.APPROVED,
            child_views="The children want calmer mornings.",
            family_views="The family want help with routines.",
            created_by=lead,
            submitted_at=approved - timedelta(days=1),
            approved_at=approved,
            approved_by=manager,
            approval_comment="Outcomes are measurable and about each child. Approved.",
            first_approved_at=approved,
        )
        rows.plans.append(plan)
        outcomes = [
            PlanOutcome(
                plan=plan,
                child=child,
                what_must_change=f"{child.legal_first_name} is settled at school and at home",
                measure="School attendance and what the child tells us",
                baseline="82%",
                target="95%",
                target_date=(approved + timedelta(days=120)).date(),
                order=order,
            )
            for order, child in enumerate(children)
        ]
        rows.plan_outcomes.extend(outcomes)
        # Reviews every six weeks while open; the next one waiting if still open.
        interval = timedelta(days=settings.REVIEW_INTERVAL_DAYS)
        due = approved.date() + interval
        last = end.date() if closed_at else end.date() - timedelta(days=3)
        number = 1
        while due < last:
            held = min(due + timedelta(days=rng.randint(-3, 4)), last)
            review = Review(
                episode=episode,
                number=number,
                due_on=due,
                status=ReviewStatus.COMPLETED,
                held_on=held,
                child_views="The children said things are calmer at home.",
                family_views="The family feel more in control.",
                decision=ReviewDecision.CONTINUE,
                decision_reason="Progress for each child; keep going with the plan.",
                recorded_by=lead,
                completed_at=_office(held, rng),
            )
            rows.reviews.append(review)
            rows.review_outcomes.extend(
                ReviewOutcome(
                    review=review,
                    plan_outcome=outcome,
                    progress=pick_progress(rng),
                    impact_evidence="Attendance and the child's own words, from the school and the family.",
                )
                for outcome in outcomes
            )
            number += 1
            due = held + interval
        if closed_at is None:
            rows.reviews.append(Review(episode=episode, number=number, due_on=due, status=ReviewStatus.SCHEDULED))
        if rng.random() < 0.35:
            when = approved + timedelta(days=rng.randint(20, 60))
            if when < end:
                entry = OversightEntry(
                    episode=episode,
                    recorded_by=manager,
                    recorded_at=when,
                    plan_effectiveness="The plan is working for the children.",
                    child_circumstances="Attendance improving; calmer mornings.",
                    decisions="Continue at early help.",
                    actions="Lead practitioner to update the plan before the next review.",
                )
                rows.oversight.append(entry)
                rows.oversight_children.extend((entry, child) for child in children)
        if step_up:
            self.step_up(episode, lead, children, approved, end, closed_at)
        if closed_at is not None:
            self.close(episode, lead, manager, needs, closed_at, reason)

    def step_up(
        self,
        episode: Episode,
        lead: Any,
        children: list[Person],
        approved: datetime,
        end: datetime,
        closed_at: datetime | None,
    ) -> None:
        rng, ctx = self.rng, self.ctx
        if closed_at:
            sent = closed_at - timedelta(days=rng.randint(3, 10))
        else:
            sent = end - timedelta(days=rng.randint(1, 40))
        sent = max(sent, approved + timedelta(hours=2))
        decided_at = sent + timedelta(hours=rng.randint(3, 60))
        decided = closed_at is not None or (decided_at < self.now and rng.random() < 0.7)
        if closed_at is not None:
            decision = SocialCareDecision.ACCEPTED_FOR_ASSESSMENT
        else:
            decision = rng.choice((SocialCareDecision.BACK_TO_EARLY_HELP, SocialCareDecision.ACCEPTED_FOR_ASSESSMENT))
        step_up = StepUp(
            reference=f"SU{sent:%y}-H{ctx.next('step_up')}",
            episode=episode,
            reasons="New concerns: a disclosure at school of harm at home.",
            risks="Physical harm to the older child; the younger children live in the same household.",
            what_has_been_tried="Safety planning with the parent; school checks each morning.",
            worker_stays_involved=True,
            status=StepUpStatus.DECIDED if decided else StepUpStatus.SENT,
            requested_by=lead,
            sent_at=sent,
            received_by=ctx.front_door if decided else None,
            received_at=sent + timedelta(minutes=40) if decided else None,
            decision=decision if decided else "",
            decision_reason="Threshold for a child and family assessment met." if decided else "",
            social_worker="Assessment Team 2" if decided else "",
            decided_by=ctx.front_door if decided else None,
            decided_at=decided_at if decided else None,
        )
        self.rows.step_ups.append(step_up)
        self.rows.step_up_children.extend((step_up, child) for child in children)

    def close(
        self, episode: Episode, lead: Any, manager: Any, needs: list[EpisodeNeed], closed_at: datetime, reason: str
    ) -> None:
        rng = self.rng
        closure = Closure(
            episode=episode,
            status=ClosureStatus.APPROVED,
            reason=reason,
            summary="What changed for each child, in the family's words and the school's figures.",
            ongoing_support="The school's family liaison officer and the children's centre stay in touch.",
            requested_by=lead,
            submitted_at=closed_at - timedelta(days=rng.randint(1, 5)),
            decided_by=manager,
            decided_at=closed_at,
            manager_comment="Outcomes evidenced for every need. Approved.",
        )
        self.rows.closures.append(closure)
        for need in needs:
            improvement = pick_improvement(rng)
            evidence = {
                Improvement.NONE: need.area.descriptor_none,
                Improvement.SOME: need.area.descriptor_some,
                Improvement.SIGNIFICANT: need.area.descriptor_significant,
            }[improvement]
            self.rows.need_outcomes.append(
                NeedOutcome(closure=closure, need=need, improvement=improvement, evidence=evidence)
            )
        closed_on = timezone.localtime(closed_at).date()
        for months in settings.FOLLOW_UP_MONTHS:
            due = closed_on + timedelta(days=round(months * 30.44))
            checked = _office(due + timedelta(days=rng.randint(0, 14)), rng) if due < self.today else None
            if checked is not None and checked > self.now:
                checked = self.now - timedelta(minutes=5)
            self.rows.follow_ups.append(
                FollowUpCheck(
                    closure=closure,
                    episode=episode,
                    months=months,
                    due_on=due,
                    checked_at=checked,
                    came_back=(rng.random() < 0.12) if checked else None,
                )
            )


def seed_history(*, rng: random.Random, now: datetime, share: float = 0.35) -> int:
    """Three years of requests and episodes for about `share` of the families with no episode yet.

    Returns how many requests for support were made. Each chunk of families is written in its own transaction.
    """
    ctx = _context(now)
    has_episode = Episode.objects.filter(family_id=OuterRef("pk"))
    family_ids = list(Family.objects.filter(~Exists(has_episode)).order_by("pk").values_list("pk", flat=True))
    chosen = [pk for pk in family_ids if rng.random() < share]
    rng.shuffle(chosen)  # the dates follow this order, not the order the families were made in
    if not chosen:
        return 0
    today = timezone.localtime(now).date()
    first = today - timedelta(days=round(YEARS_BACK * 365.25))
    span = (today - first).days
    made = 0
    for start in range(0, len(chosen), FAMILIES_PER_CHUNK):
        chunk = chosen[start : start + FAMILIES_PER_CHUNK]
        children = _children_by_family(chunk)
        rows = Rows()
        drawer = Drawer(rng, ctx, rows)
        for offset, family_id in enumerate(chunk):
            position = start + offset
            day = _working_day_on_or_before(first + timedelta(days=(position * span) // len(chosen)))
            if drawer.family(family_id, children.get(family_id, []), day):
                made += 1
        with transaction.atomic():
            rows.write()
    return made
