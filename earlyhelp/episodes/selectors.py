"""Reads of episodes, each permission-checked and logged. Other capabilities (assessments, plans, outcome tools)
open an episode through `access_episode` too, so there is one access mechanism for everything inside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.policy import Relationship, families_visible, family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import (
    Attachment,
    ChildSeen,
    ChronologyEntry,
    Contact,
    ContactKind,
    ContactOutcome,
    Episode,
    EpisodeChild,
    EpisodeStatus,
    Reevaluation,
    Visibility,
)
from earlyhelp.episodes.standards import evaluate, standards_record
from earlyhelp.frontdoor.models import Decision
from earlyhelp.organisations.models import PractitionerProfile, Team
from earlyhelp.people.models import FamilyMember
from earlyhelp.plans.models import PlanAction, PlanStatus, TafMeeting, TafMember
from earlyhelp.reviews.selectors import ReviewSummary

# Reads that take a copy away: auditors read a case but never take it with them (access-rules.md rule 6).
TAKES_A_COPY = frozenset({AccessAction.EXPORT, AccessAction.PRINT, AccessAction.DOWNLOAD})


class Need(Enum):
    """What a page needs of the user's relationship to the family."""

    VIEW = "view"  # anyone who may see the family, a Team Around the Family member included
    CASE = "case"  # the whole case record: not a Team Around the Family member who has nothing more
    CONTRIBUTE = "contribute"  # add notes, contributions, update their own actions
    WRITE = "write"  # the lead practitioner or a manager of the allocated team or service
    MANAGE = "manage"  # a manager of the allocated team or service (approvals, sign-off, allocation)


@dataclass(frozen=True)
class EpisodeAccess:
    episode: Episode
    relationship: Relationship

    @property
    def partner_only(self) -> bool:
        return self.relationship.partner_only


def _satisfies(relationship: Relationship, need: Need) -> bool:
    return {
        Need.VIEW: relationship.visible,
        Need.CASE: relationship.case,
        Need.CONTRIBUTE: relationship.can_contribute,
        Need.WRITE: relationship.can_write_case,
        Need.MANAGE: relationship.visible and relationship.manages,
    }[need]


def access_episode(
    *,
    request: HttpRequest,
    episode_id: int,
    need: Need = Need.VIEW,
    action: AccessAction = AccessAction.VIEW,
    record: object = None,
) -> EpisodeAccess:
    """The episode, if this user's relationship to the family allows `need`; otherwise 404, whether or not it
    exists (access-rules.md). Writes the access event for `record` (the episode unless a page names a record
    inside it)."""
    episode = (
        Episode.objects.live()
        .select_related("family", "team__agency", "lead_practitioner__profile__agency", "level")
        .filter(pk=episode_id)
        .first()
    )
    if episode is None:
        raise Http404
    relationship = family_relationship(request.user, episode.family_id)
    if not _satisfies(relationship, need):
        raise Http404
    if action in TAKES_A_COPY and relationship.audit_only:
        raise Http404
    access_event_record(request=request, action=action, record=record or episode, family_id=episode.family_id)
    return EpisodeAccess(episode=episode, relationship=relationship)


# Contacts and case notes, the chronology and non-engagement (issue 4).

NOTES_PAGE_SIZE = 20
CHRONOLOGY_PAGE_SIZE = 30


def _user_agency_id(user: Any) -> int | None:
    return PractitionerProfile.objects.filter(user_id=user.pk).values_list("agency_id", flat=True).first()


def _notes_open_to(user: Any) -> Q:
    """Notes a Team Around the Family member who has nothing more may read: shared ones and their own agency's."""
    own_agency = PractitionerProfile.objects.filter(user_id=user.pk).values("agency_id")
    return Q(visibility=Visibility.SHARED) | Q(agency_id__in=Subquery(own_agency))


def notes_visible(*, user: Any, access: EpisodeAccess) -> QuerySet[Contact]:
    """The episode's notes this user may read: everything with case access, else the partner's share."""
    contacts = Contact.objects.live().filter(episode=access.episode)
    if access.partner_only:
        contacts = contacts.filter(_notes_open_to(user))
    return contacts


def note_page(*, user: Any, access: EpisodeAccess, page_number: int | str = 1) -> Page:
    """Newest first, a page at a time; the same number of queries however many notes and children."""
    contacts = (
        notes_visible(user=user, access=access)
        .select_related("recorded_by", "agency")
        .prefetch_related(
            Prefetch("children_seen", queryset=ChildSeen.objects.select_related("person").order_by("person_id")),
            Prefetch("attachments", queryset=Attachment.objects.live().order_by("pk")),
        )
        .order_by("-happened_at", "-pk")
    )
    return Paginator(contacts, NOTES_PAGE_SIZE).get_page(page_number)


def contact_open_to_partners(contact: Contact, agency_id: int | None) -> bool:
    """Whether a Team Around the Family member of this agency may read the note (access-rules.md)."""
    return contact.visibility == Visibility.SHARED or (agency_id is not None and contact.agency_id == agency_id)


def _note_need(contact: Contact, user: Any, open_need: Need, case_need: Need) -> Need:
    return open_need if contact_open_to_partners(contact, _user_agency_id(user)) else case_need


def access_note(
    *,
    request: HttpRequest,
    episode_id: int,
    contact_id: int,
    open_need: Need = Need.VIEW,
    case_need: Need = Need.CASE,
    action: AccessAction = AccessAction.VIEW,
) -> tuple[EpisodeAccess, Contact]:
    """A note of the episode, if this user may read it: a shared note or their own agency's needs `open_need`,
    another agency's private note needs `case_need` (a Team Around the Family member gets 404)."""
    contact = (
        Contact.objects.live()
        .select_related("recorded_by", "agency")
        .prefetch_related(
            Prefetch("children_seen", queryset=ChildSeen.objects.select_related("person").order_by("person_id")),
            Prefetch("attachments", queryset=Attachment.objects.live().order_by("pk")),
        )
        .filter(episode_id=episode_id, pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404
    need = _note_need(contact, request.user, open_need, case_need)
    access = access_episode(request=request, episode_id=episode_id, need=need, action=action, record=contact)
    return access, contact


def access_attachment(*, request: HttpRequest, episode_id: int, attachment_id: int) -> Attachment:
    """An attachment to download, as visible as its note; the download is logged."""
    attachment = (
        Attachment.objects.live()
        .select_related("contact")
        .filter(pk=attachment_id, contact__episode_id=episode_id, contact__archived_at__isnull=True)
        .first()
    )
    if attachment is None:
        raise Http404
    need = _note_need(attachment.contact, request.user, Need.VIEW, Need.CASE)
    access_episode(request=request, episode_id=episode_id, need=need, action=AccessAction.DOWNLOAD, record=attachment)
    return attachment


def episode_children(access: EpisodeAccess) -> list[Any]:
    """The children the episode is about, now: each gets "seen?" and "seen alone?" on a visit."""
    links = EpisodeChild.objects.filter(episode=access.episode, ended_at__isnull=True).select_related("person")
    return [link.person for link in links]


def chronology_page(*, user: Any, access: EpisodeAccess, kind: str = "", page_number: int | str = 1) -> Page:
    """The family's chronology across all its episodes, newest first, optionally of one kind."""
    entries = ChronologyEntry.objects.filter(family_id=access.episode.family_id).select_related(
        "recorded_by", "agency", "episode"
    )
    if access.partner_only:
        entries = entries.filter(_notes_open_to(user))
    if kind:
        entries = entries.filter(kind=kind)
    return Paginator(entries.order_by("-occurred_at", "-pk"), CHRONOLOGY_PAGE_SIZE).get_page(page_number)


@dataclass(frozen=True)
class NonEngagementPrompt:
    """Why the episode asks the lead to think again about a family who is not engaging (R8)."""

    failed_attempts: int
    since: datetime
    days_without_contact: int
    by_attempts: bool
    by_days: bool
    waiting: Reevaluation | None
    latest_decision: Reevaluation | None


def non_engagement_prompt(episode: Episode) -> NonEngagementPrompt | None:
    """A prompt when the last N attempts at contact failed, or no contact has happened for D days since the
    episode opened or the last contact that happened. Case notes are not attempts at contact. Three queries."""
    if not episode.is_open:
        return None
    attempts = Contact.objects.live().filter(episode=episode).exclude(kind=ContactKind.CASE_NOTE)
    last_completed = (
        attempts.filter(outcome=ContactOutcome.COMPLETED)
        .order_by("-happened_at")
        .values_list("happened_at", flat=True)
    ).first()
    failed = attempts.exclude(outcome=ContactOutcome.COMPLETED)
    if last_completed is not None:
        failed = failed.filter(happened_at__gt=last_completed)
    failed_count = failed.count()
    since = max(episode.opened_at, last_completed) if last_completed else episode.opened_at
    days = (timezone.now() - since).days
    by_attempts = failed_count >= settings.NON_ENGAGEMENT_FAILED_ATTEMPTS
    by_days = days >= settings.NON_ENGAGEMENT_DAYS
    if not (by_attempts or by_days):
        return None
    reevaluations = list(Reevaluation.objects.filter(episode=episode).order_by("-requested_at", "-pk")[:1])
    latest = reevaluations[0] if reevaluations else None
    return NonEngagementPrompt(
        failed_attempts=failed_count,
        since=since,
        days_without_contact=days,
        by_attempts=by_attempts,
        by_days=by_days,
        waiting=latest if latest is not None and not latest.result else None,
        latest_decision=latest if latest is not None and latest.result else None,
    )


def non_engagement_for(access: EpisodeAccess) -> NonEngagementPrompt | None:
    """The prompt for a page inside the episode: shown to those with the whole case record, not to partners
    (its counts would tell them about notes they may not read)."""
    return None if access.partner_only else non_engagement_prompt(access.episode)


def access_reevaluations_waiting(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """The front door's list of families to re-evaluate for non-engagement, oldest request first."""
    if not request.user.has_perm("frontdoor.triage"):
        raise PermissionDenied
    waiting = (
        Reevaluation.objects.filter(
            result="",
            episode__archived_at__isnull=True,
            episode__family__in=families_visible(request.user),
        )
        .exclude(episode__status=EpisodeStatus.CLOSED)
        .select_related("episode__family", "episode__team", "requested_by")
        .order_by("requested_at", "pk")
    )
    page = Paginator(waiting, NOTES_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[r.pk for r in page.object_list],
        query={"list": "Re-evaluations for non-engagement"},
    )
    return page


def access_reevaluation_for_decision(
    *, request: HttpRequest, episode_id: int, reevaluation_id: int
) -> tuple[EpisodeAccess, Reevaluation]:
    """A re-evaluation for the front door to decide: anyone else gets 404."""
    if not request.user.has_perm("frontdoor.triage"):
        raise Http404
    reevaluation = (
        Reevaluation.objects.select_related("requested_by", "decided_by")
        .filter(pk=reevaluation_id, episode_id=episode_id)
        .first()
    )
    if reevaluation is None:
        raise Http404
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE, record=reevaluation)
    return access, reevaluation


# The overview, allocation and the allocation queue (issue 4, R2, R4.1).

ALLOCATION_PAGE_SIZE = 20
# The lead allocation page lists this many candidates; a search by name finds anyone else.
CANDIDATE_LIMIT = 30
# Words too common to say a skill fits a need ("support" fits everything).
FIT_STOP_WORDS = frozenset({"with", "and", "the", "for", "from", "support", "needs", "need", "family", "child"})


@dataclass(frozen=True)
class ChildSummary:
    person: Any
    last_seen: datetime | None


@dataclass(frozen=True)
class Task:
    """One row of the episode's GOV.UK task list."""

    label: str
    status: str
    url: str | None
    # "done": plain text; "todo", "waiting", "in_progress": a tag; "unavailable": cannot start yet.
    state: str


@dataclass
class EpisodeOverview:
    children: list[ChildSummary]
    tasks: list[Task]
    standards: list[Any]
    my_actions: list[Any]


def access_episode_to_allocate_team(*, request: HttpRequest, episode_id: int) -> EpisodeAccess:
    """The front door (which reads every case) or a manager of the allocated team or service chooses the team."""
    need = Need.CASE if roles.has_role(request.user, roles.FRONT_DOOR) else Need.MANAGE
    return access_episode(request=request, episode_id=episode_id, need=need)


def _allocation_task(access: EpisodeAccess) -> Task:
    episode = access.episode
    url = None
    if access.relationship.manages and episode.team_id:
        url = reverse("episodes:allocate_lead", args=[episode.pk])
    elif access.relationship.manages or roles.FRONT_DOOR in access.relationship.roles:
        url = reverse("episodes:allocate_team", args=[episode.pk])
    if episode.lead_practitioner_id:
        return Task("Allocation", "Completed", url, "done")
    if episode.team_id:
        return Task("Allocation", "Waiting for a lead practitioner", url, "waiting")
    return Task("Allocation", "Not started", url, "todo")


ASSESSMENT_TASK = {
    AssessmentStatus.DRAFT: ("In progress", "in_progress"),
    AssessmentStatus.SUBMITTED: ("Waiting for sign-off", "waiting"),
    AssessmentStatus.SIGNED_OFF: ("Signed off", "done"),
    AssessmentStatus.SUPERSEDED: ("Signed off", "done"),
}
PLAN_TASK = {
    PlanStatus.DRAFT: ("Draft", "in_progress"),
    PlanStatus.SUBMITTED: ("Waiting for approval", "waiting"),
    PlanStatus.APPROVED: ("Approved", "done"),
}


def _reviews_task(episode: Episode, summary: ReviewSummary) -> Task:
    url = reverse("reviews:list", args=[episode.pk])
    if summary.next_due_on is None and summary.completed == 0:
        return Task("Reviews", "Start once the plan is approved", url, "unavailable")
    if summary.overdue:
        return Task("Reviews", f"Overdue: due {summary.next_due_on:%-d %B %Y}", url, "overdue")
    if summary.next_due_on is None:
        return Task("Reviews", f"{summary.completed} held, none scheduled", url, "done")
    return Task("Reviews", f"Next due {summary.next_due_on:%-d %B %Y}", url, "in_progress")


def _closure_task(episode: Episode) -> tuple[str, str | None, str]:
    # Imported here: closures reads the episode services, which read these selectors.
    from earlyhelp.closures.selectors import closure_task

    status, state = closure_task(episode)
    return status, reverse("closures:closure", args=[episode.pk]), state


def episode_overview(*, user: Any, access: EpisodeAccess) -> EpisodeOverview:
    """What the overview page shows, in a fixed number of queries. A Team Around the Family member who has
    nothing more sees their own actions only: no task list, no standards, no children's details."""
    episode = access.episode
    if access.partner_only:
        actions = list(
            PlanAction.objects.live()
            .filter(plan__episode=episode, plan__archived_at__isnull=True, owner_user_id=user.pk)
            .order_by("due_on", "order", "pk")
        )
        return EpisodeOverview(children=[], tasks=[], standards=[], my_actions=actions)
    record = standards_record(episode)
    children = [ChildSummary(person=child, last_seen=record.last_seen.get(child.pk)) for child in record.children]
    members = TafMember.objects.filter(episode=episode, ended_at__isnull=True).count()
    met = TafMeeting.objects.live().filter(episode=episode).exists()
    if members == 0:
        taf = Task("Team Around the Family", "Not started", None, "todo")
    else:
        status = f"{members} member{'s' if members != 1 else ''}{', meeting held' if met else ''}"
        taf = Task("Team Around the Family", status, None, "done" if met else "in_progress")
    assessment = ("Not started", "todo")
    if record.assessment is not None:
        assessment = ASSESSMENT_TASK[AssessmentStatus(record.assessment.status)]
    plan = PLAN_TASK[PlanStatus(record.plan.status)] if record.plan is not None else ("Not started", "todo")
    tasks = [
        _allocation_task(access),
        Task("Assessment", assessment[0], reverse("assessments:overview", args=[episode.pk]), assessment[1]),
        Task(taf.label, taf.status, reverse("plans:taf", args=[episode.pk]), taf.state),
        Task("Plan", plan[0], reverse("plans:plan", args=[episode.pk]), plan[1]),
        _reviews_task(episode, record.reviews),
        Task("Closure", *_closure_task(episode)),
    ]
    return EpisodeOverview(children=children, tasks=tasks, standards=evaluate(record), my_actions=[])


@dataclass(frozen=True)
class FamilyNeeds:
    """What the allocation page compares candidates with: the decision's level and indicators, the current
    assessment's factors, and the first languages of the family."""

    needs: list[str]
    languages: dict[int, str]

    @property
    def words(self) -> set[str]:
        return _fit_words(" ".join(self.needs))


def _fit_words(text: str) -> set[str]:
    words = {w.strip(".,;:()'\"").lower() for w in text.split()}
    return {w for w in words if len(w) >= 4 and w not in FIT_STOP_WORDS}


@dataclass(frozen=True)
class Candidate:
    profile: PractitionerProfile
    caseload: int
    in_team: bool
    skills: list[str]
    matching_skills: list[str]
    languages: list[str]
    shared_languages: list[str]

    @property
    def at_limit(self) -> bool:
        return self.caseload >= self.profile.caseload_limit


def family_needs(episode: Episode) -> FamilyNeeds:
    """Three queries: the decision's indicators, the current assessment's factors, the family's languages."""
    needs: list[str] = [episode.level.name] if episode.level is not None else []
    if episode.source_decision_id:
        indicators = Decision.indicators.through.objects.filter(decision_id=episode.source_decision_id)
        needs += [link.indicator.text for link in indicators.select_related("indicator")]
    current = Assessment.objects.live().filter(episode=episode).order_by("-number").values("pk")[:1]
    factors = Assessment.factors.through.objects.filter(assessment_id__in=Subquery(current)).select_related("code")
    needs += [link.code.label for link in factors]
    languages = dict(
        FamilyMember.objects.filter(
            family_id=episode.family_id, left_on__isnull=True, person__first_language__isnull=False
        ).values_list("person__first_language_id", "person__first_language__label")
    )
    return FamilyNeeds(needs=needs, languages=languages)


def allocation_candidates(*, episode: Episode, needs: FamilyNeeds, name: str = "") -> list[Candidate]:
    """Practitioners and team managers who could lead: the allocated team's first, then anyone from any agency
    (or those whose name matches `name`), capped. Three queries whatever the number of candidates.

    How a candidate fits is deliberately simple and explainable: a skill fits when a word of it (four letters or
    more, not a filler word) appears in the family's needs; a language fits when it is a family member's first
    language."""
    can_lead = Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name__in=[roles.PRACTITIONER, roles.TEAM_MANAGER]
        )
    )
    profiles = (
        PractitionerProfile.objects.filter(can_lead, user__is_active=True)
        .select_related("user", "agency", "team")
        .prefetch_related("skills", "languages")
        .annotate(
            caseload=Count(
                "user__led_episodes",
                filter=Q(
                    user__led_episodes__status__in=[EpisodeStatus.AWAITING_ALLOCATION, EpisodeStatus.OPEN],
                    user__led_episodes__archived_at__isnull=True,
                ),
                distinct=True,
            ),
            outside_team=Case(When(team_id=episode.team_id, then=Value(0)), default=Value(1)),
        )
    )
    for token in name.split():
        profiles = profiles.filter(Q(user__full_name__icontains=token) | Q(user__email__icontains=token))
    words = needs.words
    candidates = []
    for profile in profiles.order_by("outside_team", "user__full_name", "pk")[:CANDIDATE_LIMIT]:
        skills = [s.name for s in profile.skills.all()]
        languages = {code.pk: code.label for code in profile.languages.all()}
        candidates.append(
            Candidate(
                profile=profile,
                caseload=profile.caseload,
                in_team=episode.team_id is not None and profile.team_id == episode.team_id,
                skills=skills,
                matching_skills=[s for s in skills if _fit_words(s) & words],
                languages=sorted(languages.values()),
                shared_languages=sorted(label for pk, label in languages.items() if pk in needs.languages),
            )
        )
    return candidates


def allocation_teams() -> QuerySet[Team]:
    """Teams an episode can be allocated to: the council's early help teams and partner agencies' teams."""
    return Team.objects.live().filter(agency__archived_at__isnull=True).select_related("agency")


def awaiting_allocation_page(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """Episodes waiting for a lead practitioner in the manager's team (a service manager: their agency's teams),
    oldest first; the page is logged as one list event."""
    user: Any = request.user
    held = roles.user_roles(user)
    if not held & {roles.TEAM_MANAGER, roles.SERVICE_MANAGER}:
        raise PermissionDenied
    profile = PractitionerProfile.objects.filter(user=user).first()
    scope = Q(pk__in=[])
    if profile is not None and profile.team_id and roles.TEAM_MANAGER in held:
        scope |= Q(team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        scope |= Q(team__agency_id=profile.agency_id)
    episodes = (
        Episode.objects.live()
        .filter(scope, status=EpisodeStatus.AWAITING_ALLOCATION, family__in=families_visible(user))
        .select_related("family", "team__agency", "level")
        .prefetch_related(
            Prefetch(
                "episode_children",
                queryset=EpisodeChild.objects.filter(ended_at__isnull=True).select_related("person"),
            )
        )
        .order_by("opened_at", "pk")
    )
    page = Paginator(episodes, ALLOCATION_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[e.family_id for e in page.object_list],
        query={"list": "Waiting for allocation"},
    )
    return page
