"""The practice standards panel (PS1 to PS12 in system.md), computed only from the record, never ticked.

`standards_record` loads everything the standards read in a fixed number of queries, however many children,
contacts, carers or plan items the episode has; `evaluate` is pure. The overview page reuses the record for its
task list and the children's last seen dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.utils import timezone

from earlyhelp.access.models import Consent
from earlyhelp.assessments.models import Assessment, Participation
from earlyhelp.episodes.models import ChildSeen, Episode, EpisodeChild
from earlyhelp.frontdoor.models import MALE_CARER_RELATIONSHIPS, ConsentPosition, Decision, Feedback
from earlyhelp.oversight.selectors import last_oversight_at
from earlyhelp.people.models import FamilyMember, Person, PersonRelationship, YesNoUnknown
from earlyhelp.plans.models import Plan, PlanAction, PlanOutcome
from earlyhelp.reviews.selectors import ReviewSummary, review_summary

if TYPE_CHECKING:
    from earlyhelp.frontdoor.models import SupportRequest

Status = Literal["met", "not_met", "not_yet"]
MET: Status = "met"
NOT_MET: Status = "not_met"
NOT_YET: Status = "not_yet"

# "Seen alone where age allows": a baby or a child under 4 is seen, not interviewed alone.
SEEN_ALONE_MIN_AGE = 4
TOOK_PART = (Participation.FULLY, Participation.PARTLY)

TITLES = {
    "PS1": "Every child seen, and seen alone where age allows",
    "PS2": "Each child's wishes, feelings and daily lived experience recorded",
    "PS3": "Each child's needs assessed individually",
    "PS4": "Fathers and male carers engaged, or the reason recorded",
    "PS5": "Family history considered",
    "PS6": "Plan outcomes per child, measurable and dated; every action serves an outcome",
    "PS7": "Reviews on time",
    "PS8": "Management oversight within the set interval",
    "PS9": "A named lead practitioner known to every Team Around the Family member",
    "PS10": "Ethnicity, first language, religion and interpreter need recorded",
    "PS11": "Consent to share information, or the lawful override",
    "PS12": "The referrer told the outcome of their request",
}


@dataclass(frozen=True)
class StandardResult:
    id: str
    title: str
    status: Status
    detail: str

    @property
    def status_label(self) -> str:
        return {MET: "Met", NOT_MET: "Not met", NOT_YET: "Not due yet"}[self.status]


@dataclass
class StandardsRecord:
    """What the standards read, loaded once."""

    episode: Episode
    children: list[Person]
    members: list[FamilyMember]
    male_carers: dict[int, str]
    seen: list[ChildSeen]
    assessment: Assessment | None
    last_oversight_at: datetime | None
    reviews: ReviewSummary
    plan: Plan | None
    consent_given: bool
    decision: Decision | None
    feedback: Feedback | None
    last_seen: dict[int, datetime] = field(default_factory=dict)
    last_seen_alone: dict[int, datetime] = field(default_factory=dict)


def standards_record(episode: Episode) -> StandardsRecord:
    """Everything the standards need, in a fixed number of queries."""
    children_qs = EpisodeChild.objects.filter(ended_at__isnull=True).select_related("person")
    # The plan's SMART check reads plan.episode.episode_children: give it the same prefetched list.
    prefetch_related_objects([episode], Prefetch("episode_children", queryset=children_qs))
    children = [link.person for link in episode.episode_children.all()]
    members = list(
        FamilyMember.objects.filter(family_id=episode.family_id, left_on__isnull=True).select_related("person")
    )
    child_ids = [c.pk for c in children]
    # A father or male carer is whoever the register relates to a child of the episode as father, step-father,
    # mother's partner, grandfather or uncle (the front door's list of male carers). The sex field is not used:
    # it says nothing of caring.
    male_carers = {
        rel.person_id: rel.person.display_name
        for rel in PersonRelationship.objects.filter(
            relative_id__in=child_ids, type__in=MALE_CARER_RELATIONSHIPS, ended_on__isnull=True
        ).select_related("person")
    }
    seen = list(
        ChildSeen.objects.filter(contact__episode=episode, contact__archived_at__isnull=True, seen=True)
        .select_related("contact")
        .only("person_id", "seen", "seen_alone", "contact__happened_at")
    )
    assessment = (
        Assessment.objects.live()
        .filter(episode=episode)
        .order_by("-number")
        .prefetch_related("children", "carers__person", "ratings", "factors")
        .first()
    )
    plan = (
        Plan.objects.live()
        .filter(episode=episode)
        .prefetch_related(
            Prefetch("outcomes", queryset=PlanOutcome.objects.live()),
            Prefetch(
                "actions",
                queryset=PlanAction.objects.live().prefetch_related(
                    Prefetch("outcomes", queryset=PlanOutcome.objects.live())
                ),
            ),
        )
        .first()
    )
    if plan is not None:
        plan.episode = episode
    adults = [m.person_id for m in members if not m.person.is_child]
    consent_given = Consent.objects.filter(person_id__in=adults, withdrawn_on__isnull=True).exists()
    decision = None
    feedback = None
    if episode.source_decision_id:
        decision = Decision.objects.select_related("request").filter(pk=episode.source_decision_id).first()
        if decision is not None:
            feedback = Feedback.objects.filter(request_id=decision.request_id).first()
    record = StandardsRecord(
        episode=episode,
        children=children,
        members=members,
        male_carers=male_carers,
        seen=seen,
        assessment=assessment,
        last_oversight_at=last_oversight_at(episode),
        reviews=review_summary(episode),
        plan=plan,
        consent_given=consent_given,
        decision=decision,
        feedback=feedback,
    )
    for item in seen:
        at = item.contact.happened_at
        if at > record.last_seen.get(item.person_id, datetime.min.replace(tzinfo=at.tzinfo)):
            record.last_seen[item.person_id] = at
        if item.seen_alone and at > record.last_seen_alone.get(item.person_id, datetime.min.replace(tzinfo=at.tzinfo)):
            record.last_seen_alone[item.person_id] = at
    return record


def practice_standards(episode: Episode) -> list[StandardResult]:
    return evaluate(standards_record(episode))


def evaluate(record: StandardsRecord) -> list[StandardResult]:
    checks = (
        ("PS1", _seen),
        ("PS2", _voice),
        ("PS3", _needs),
        ("PS4", _male_carers),
        ("PS5", _history),
        ("PS6", _smart_plan),
        ("PS7", _reviews),
        ("PS8", _oversight),
        ("PS9", _lead),
        ("PS10", _identity),
        ("PS11", _consent),
        ("PS12", _referrer_told),
    )
    return [StandardResult(key, TITLES[key], *check(record)) for key, check in checks]


def _sentence(problems: list[str]) -> str:
    return ". ".join(problems) + "."


def _date(at: datetime) -> str:
    return f"{timezone.localtime(at):%-d %B %Y}"


def _day(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day is not None else "an unknown date"


def _seen(record: StandardsRecord) -> tuple[Status, str]:
    if not record.children:
        return NOT_YET, "No children are in the episode."
    problems: list[str] = []
    seen: list[str] = []
    for child in record.children:
        name = child.display_name
        last = record.last_seen.get(child.pk)
        if last is None:
            problems.append(f"{name} has not been seen")
            continue
        seen.append(f"{name} last seen {_date(last)}")
        age = child.age()
        alone_expected = age is not None and age >= SEEN_ALONE_MIN_AGE
        if alone_expected and child.pk not in record.last_seen_alone:
            problems.append(f"{name} has not been seen alone")
    if problems:
        return NOT_MET, _sentence(problems)
    return MET, _sentence(seen)


def _no_assessment(record: StandardsRecord) -> tuple[Status, str] | None:
    if record.assessment is None:
        return NOT_MET, "No assessment has been started."
    return None


def _voice(record: StandardsRecord) -> tuple[Status, str]:
    if (missing := _no_assessment(record)) is not None:
        return missing
    assert record.assessment is not None
    by_child = {c.person_id: c for c in record.assessment.children.all()}
    problems: list[str] = []
    for child in record.children:
        row = by_child.get(child.pk)
        name = child.display_name
        if row is None or not row.wishes_and_feelings.strip():
            problems.append(f"{name}'s wishes and feelings are not recorded")
        if row is None or not row.daily_lived_experience.strip():
            problems.append(f"{name}'s daily lived experience is not recorded")
    if problems:
        return NOT_MET, _sentence(problems)
    return MET, "Recorded for every child in the current assessment."


def _needs(record: StandardsRecord) -> tuple[Status, str]:
    if (missing := _no_assessment(record)) is not None:
        return missing
    assert record.assessment is not None
    with_needs = {c.person_id for c in record.assessment.children.all() if c.needs.strip()}
    rated = {r.person_id for r in record.assessment.ratings.all() if r.person_id}
    problems = [
        f"{child.display_name}'s needs have not been assessed"
        for child in record.children
        if child.pk not in with_needs | rated
    ]
    if problems:
        return NOT_MET, _sentence(problems)
    return MET, "Each child's needs are assessed separately."


def _male_carers(record: StandardsRecord) -> tuple[Status, str]:
    """Every male carer in the assessment took part, or the reason he did not is recorded; and if the register
    knows of a father or male carer of a child in the episode, at least one male carer was considered."""
    if (missing := _no_assessment(record)) is not None:
        return missing
    assert record.assessment is not None
    carers = [c for c in record.assessment.carers.all() if c.is_male_carer]
    problems = [
        f"No reason is recorded why {carer.person.display_name} is not involved"
        for carer in carers
        if carer.participation not in (Participation.FULLY, Participation.PARTLY)
        and not carer.not_involved_reason.strip()
    ]
    if record.male_carers and not carers:
        who = " and ".join(sorted(set(record.male_carers.values())))
        problems.append(f"{who} has not been considered in the assessment")
    if problems:
        return NOT_MET, _sentence(problems)
    if not carers:
        return MET, "No father or male carer is recorded for the children."
    return MET, "Every father or male carer took part, or the reason he did not is recorded."


def _history(record: StandardsRecord) -> tuple[Status, str]:
    if (missing := _no_assessment(record)) is not None:
        return missing
    assessment = record.assessment
    assert assessment is not None
    problems: list[str] = []
    if not assessment.family_history.strip():
        problems.append("No family history is recorded")
    if not assessment.history_reviewed:
        problems.append("Earlier requests and episodes have not been marked as reviewed")
    if problems:
        return NOT_MET, _sentence(problems)
    return MET, "Family history recorded and earlier requests and episodes reviewed."


def _smart_plan(record: StandardsRecord) -> tuple[Status, str]:
    if record.plan is None:
        return NOT_MET, "No plan has been written."
    from earlyhelp.plans.smart import check_smart

    problems = check_smart(record.plan)
    if problems:
        return NOT_MET, _sentence([p.message for p in problems])
    return MET, "Every outcome is for a named child, measurable and dated, and every action serves an outcome."


def _reviews(record: StandardsRecord) -> tuple[Status, str]:
    plan = record.plan
    approved = plan.first_approved_at if plan is not None else None
    if approved is None:
        return NOT_YET, "Reviews start once the plan is approved."
    summary = record.reviews
    today = timezone.localdate()
    if summary.completed == 0:
        due = summary.next_due_on or timezone.localdate(approved) + timedelta(days=settings.REVIEW_INTERVAL_DAYS)
        if due < today:
            return NOT_MET, f"No review recorded: the plan was approved on {_date(approved)}."
        return NOT_YET, f"The first review is due by {_day(due)}."
    if summary.overdue and summary.next_due_on is not None:
        return NOT_MET, (
            f"The review due on {_day(summary.next_due_on)} has not been held; the last was on "
            f"{_day(summary.last_held_on)}."
        )
    # A review cannot be completed without a progress rating and evidence of impact for every outcome.
    detail = f"Last review held on {_day(summary.last_held_on)}, with progress rated on every outcome."
    if summary.next_due_on is not None:
        detail += f" The next is due by {_day(summary.next_due_on)}."
    return MET, detail


def _oversight(record: StandardsRecord) -> tuple[Status, str]:
    interval = timedelta(days=settings.OVERSIGHT_INTERVAL_DAYS)
    now = timezone.now()
    last = record.last_oversight_at
    if last is not None and now - last <= interval:
        return MET, f"Last recorded {_date(last)}."
    if last is None:
        started = record.episode.allocated_at or record.episode.opened_at
        if now - started <= interval:
            # Not due yet: the interval runs from allocation.
            return NOT_YET, f"Due by {_date(started + interval)}: no management oversight yet."
        return NOT_MET, "No management oversight is recorded: no oversight entry, supervision discussion or approval."
    return NOT_MET, (
        f"The last management oversight was on {_date(last)}, more than {settings.OVERSIGHT_INTERVAL_DAYS} days ago."
    )


def _lead(record: StandardsRecord) -> tuple[Status, str]:
    lead = record.episode.lead_practitioner
    if lead is None:
        return NOT_MET, "No lead practitioner is allocated."
    # Every page of the episode shows the lead practitioner to every Team Around the Family member.
    return MET, f"{lead.get_full_name()} is the lead practitioner, shown to every Team Around the Family member."


def _identity(record: StandardsRecord) -> tuple[Status, str]:
    problems: list[str] = []
    for member in record.members:
        person = member.person
        missing = [
            label
            for label, present in (
                ("ethnicity", person.ethnicity_id is not None),
                ("first language", person.first_language_id is not None),
                ("religion", person.religion_id is not None),
                ("interpreter need", person.interpreter_needed != YesNoUnknown.NOT_KNOWN),
            )
            if not present
        ]
        if missing:
            problems.append(f"{person.display_name}: {', '.join(missing)} not recorded")
    if problems:
        return NOT_MET, _sentence(problems)
    return MET, "Recorded for everyone in the family."


def _consent(record: StandardsRecord) -> tuple[Status, str]:
    if record.consent_given:
        return MET, "An adult in the family has given consent to share information."
    if record.decision is not None and record.decision.consent_position == ConsentPosition.OVERRIDE:
        return MET, "Shared without consent: the front door recorded the lawful override."
    return NOT_MET, "No consent to share information is recorded for an adult in the family."


def _referrer_told(record: StandardsRecord) -> tuple[Status, str]:
    if record.decision is None:
        return NOT_YET, "The episode did not come from a request for support."
    request: SupportRequest = record.decision.request
    if record.feedback is None or record.feedback.sent_at is None:
        return NOT_MET, f"The referrer has not been told the outcome of request {request.reference}."
    return MET, f"The referrer was told on {_date(record.feedback.sent_at)}."


# Many episodes at once: the practice standards report (issue 6) -------------------------------------------------


def standards_records(episodes: list[Episode]) -> list[StandardsRecord]:
    """`standards_record` for many episodes in a fixed number of queries (fifteen, however many episodes), for
    reports that `evaluate` every episode. The records read exactly what `standards_record` reads, loading only the
    columns `evaluate` uses; the assessment's factors are not loaded. The episodes should come with
    `select_related("lead_practitioner")` (PS9 names the lead)."""
    from earlyhelp.assessments.models import CarerAssessment, ChildAssessment, DimensionRating
    from earlyhelp.oversight.selectors import last_oversight_map
    from earlyhelp.reviews.selectors import review_summaries

    if not episodes:
        return []
    ids = [e.pk for e in episodes]
    children_qs = EpisodeChild.objects.filter(ended_at__isnull=True).select_related("person")
    prefetch_related_objects(episodes, Prefetch("episode_children", queryset=children_qs))
    family_ids = {e.family_id for e in episodes}
    members_by_family: dict[int, list[FamilyMember]] = {}
    for member in FamilyMember.objects.filter(family_id__in=family_ids, left_on__isnull=True).select_related("person"):
        members_by_family.setdefault(member.family_id, []).append(member)
    child_ids = {link.person_id for e in episodes for link in e.episode_children.all()}
    carers_of: dict[int, dict[int, str]] = {}
    for rel in PersonRelationship.objects.filter(
        relative_id__in=child_ids, type__in=MALE_CARER_RELATIONSHIPS, ended_on__isnull=True
    ).select_related("person"):
        carers_of.setdefault(rel.relative_id, {})[rel.person_id] = rel.person.display_name
    seen_by_episode: dict[int, list[ChildSeen]] = {}
    for item in (
        ChildSeen.objects.filter(contact__episode_id__in=ids, contact__archived_at__isnull=True, seen=True)
        .select_related("contact")
        .only("person_id", "seen", "seen_alone", "contact__happened_at", "contact__episode_id")
    ):
        seen_by_episode.setdefault(item.contact.episode_id, []).append(item)
    newest = Assessment.objects.live().filter(episode_id=OuterRef("episode_id")).order_by("-number").values("pk")[:1]
    assessments = {
        a.episode_id: a
        for a in Assessment.objects.live()
        .filter(episode_id__in=ids, pk=Subquery(newest))
        .prefetch_related(
            Prefetch(
                "children",
                queryset=ChildAssessment.objects.only(
                    "assessment_id", "person_id", "wishes_and_feelings", "daily_lived_experience", "needs"
                ),
            ),
            Prefetch("carers", queryset=CarerAssessment.objects.select_related("person")),
            Prefetch("ratings", queryset=DimensionRating.objects.only("assessment_id", "person_id")),
        )
    }
    plans = {
        p.episode_id: p
        for p in Plan.objects.live()
        .filter(episode_id__in=ids)
        .prefetch_related(
            Prefetch("outcomes", queryset=PlanOutcome.objects.live()),
            Prefetch(
                "actions",
                queryset=PlanAction.objects.live().prefetch_related(
                    Prefetch("outcomes", queryset=PlanOutcome.objects.live())
                ),
            ),
        )
    }
    adult_ids = {m.person_id for members in members_by_family.values() for m in members if not m.person.is_child}
    consenting = set(
        Consent.objects.filter(person_id__in=adult_ids, withdrawn_on__isnull=True).values_list("person_id", flat=True)
    )
    decisions = {
        d.pk: d
        for d in Decision.objects.select_related("request").filter(
            pk__in={e.source_decision_id for e in episodes if e.source_decision_id}
        )
    }
    feedback = {
        f.request_id: f for f in Feedback.objects.filter(request_id__in={d.request_id for d in decisions.values()})
    }
    oversight = last_oversight_map(ids)
    reviews = review_summaries(ids)
    records = []
    for episode in episodes:
        children = [link.person for link in episode.episode_children.all()]
        members = members_by_family.get(episode.family_id, [])
        male_carers: dict[int, str] = {}
        for child in children:
            male_carers.update(carers_of.get(child.pk, {}))
        plan = plans.get(episode.pk)
        if plan is not None:
            plan.episode = episode
        decision = decisions.get(episode.source_decision_id) if episode.source_decision_id else None
        seen = seen_by_episode.get(episode.pk, [])
        record = StandardsRecord(
            episode=episode,
            children=children,
            members=members,
            male_carers=male_carers,
            seen=seen,
            assessment=assessments.get(episode.pk),
            last_oversight_at=oversight.get(episode.pk),
            reviews=reviews[episode.pk],
            plan=plan,
            consent_given=any(m.person_id in consenting for m in members if not m.person.is_child),
            decision=decision,
            feedback=feedback.get(decision.request_id) if decision is not None else None,
        )
        for item in seen:
            at = item.contact.happened_at
            if at > record.last_seen.get(item.person_id, datetime.min.replace(tzinfo=at.tzinfo)):
                record.last_seen[item.person_id] = at
            if item.seen_alone and at > record.last_seen_alone.get(
                item.person_id, datetime.min.replace(tzinfo=at.tzinfo)
            ):
                record.last_seen_alone[item.person_id] = at
        records.append(record)
    return records
