"""Reads for the Team Around the Family pages (R4.1, R4.2). Callers have already opened the episode through
`earlyhelp.episodes.selectors.access_episode`, which checked the user's relationship and logged the read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from earlyhelp.access import roles
from earlyhelp.access.models import Consent
from earlyhelp.accounts.models import User
from earlyhelp.organisations.models import Agency
from earlyhelp.people.models import Person
from earlyhelp.plans.models import Attendance, MeetingParticipation, TafMeeting, TafMember

if TYPE_CHECKING:
    from earlyhelp.episodes.models import Episode

# Who can be invited: people with an account and a practitioner profile who do casework or safeguarding.
INVITABLE_ROLES = (roles.PRACTITIONER, roles.TEAM_MANAGER, roles.SAFEGUARDING_LEAD)
SEARCH_LIMIT = 20
SEARCH_MIN_LENGTH = 2


@dataclass(frozen=True)
class TafOverview:
    current: list[TafMember]
    ended: list[TafMember]
    meetings: list[TafMeeting]
    uncovered_agency_ids: frozenset[int] = field(default_factory=frozenset)


def consent_agency_ids(family_id: int) -> frozenset[int]:
    """The agencies that a family member's consent (not withdrawn) covers."""
    consents = Consent.objects.filter(
        agencies=OuterRef("pk"), withdrawn_on__isnull=True, person__memberships__family_id=family_id
    )
    return frozenset(Agency.objects.filter(Exists(consents)).values_list("pk", flat=True))


def consent_covers(*, family_id: int, agency: Agency) -> bool:
    """Whether a practitioner of `agency` would see this family's record (access-rules.md rule 3): the council's
    early help service works under public task; a partner agency needs a family member's consent."""
    return agency.is_council_early_help or agency.pk in consent_agency_ids(family_id)


def agencies_without_consent(*, family_id: int, agencies: Iterable[Agency]) -> list[str]:
    """The names of the agencies, among these, whose practitioners would not see the family's record yet."""
    covered = consent_agency_ids(family_id)
    return sorted({a.name for a in agencies if not a.is_council_early_help and a.pk not in covered})


def taf_overview(episode: Episode) -> TafOverview:
    """Members (current and ended) and meetings of the episode's Team Around the Family, in a fixed number of
    queries whatever their number."""
    members = list(TafMember.objects.filter(episode=episode).select_related("agency").order_by("name", "pk"))
    child_ids = episode.episode_children.filter(ended_at__isnull=True).values("person_id")
    meetings = list(
        TafMeeting.objects.live()
        .filter(episode=episode)
        .annotate(
            attended=Count("attendance", filter=Q(attendance__attendance=Attendance.ATTENDED)),
            apologies=Count("attendance", filter=Q(attendance__attendance=Attendance.APOLOGIES)),
            child_took_part=Exists(
                MeetingParticipation.objects.filter(meeting=OuterRef("pk"), took_part=True, person_id__in=child_ids)
            ),
        )
        .order_by("-held_on", "-pk")
    )
    covered = consent_agency_ids(episode.family_id)
    uncovered = frozenset(
        m.agency_id for m in members if m.user_id and not m.agency.is_council_early_help and m.agency_id not in covered
    )
    return TafOverview(
        current=[m for m in members if m.ended_at is None],
        ended=[m for m in members if m.ended_at is not None],
        meetings=meetings,
        uncovered_agency_ids=uncovered,
    )


def invitable_practitioners(*, episode: Episode, query: str) -> QuerySet[User]:
    """Practitioners with an account in any agency, found by name or email; current members are left out."""
    query = query.strip()
    if len(query) < SEARCH_MIN_LENGTH:
        return User.objects.none()
    current = TafMember.objects.filter(episode=episode, ended_at__isnull=True, user_id__isnull=False).values("user_id")
    return (
        User.objects.filter(is_active=True, profile__isnull=False, groups__name__in=INVITABLE_ROLES)
        .filter(Q(full_name__icontains=query) | Q(email__icontains=query))
        .exclude(pk__in=current)
        .exclude(pk=episode.lead_practitioner_id or 0)
        .select_related("profile__agency")
        .distinct()
        .order_by("full_name", "email")
    )


def taf_member_for_episode(*, episode_id: int, member_id: int) -> TafMember:
    member = TafMember.objects.select_related("episode", "agency").filter(episode_id=episode_id, pk=member_id).first()
    if member is None:
        raise Http404
    return member


def taf_meeting_for_episode(*, episode_id: int, meeting_id: int) -> TafMeeting:
    meeting = (
        TafMeeting.objects.live().select_related("recorded_by").filter(episode_id=episode_id, pk=meeting_id).first()
    )
    if meeting is None:
        raise Http404
    return meeting


@dataclass(frozen=True)
class MeetingDetail:
    meeting: TafMeeting
    attendance: list[tuple[TafMember, str]]
    participation: list[MeetingParticipation]


def taf_meeting_detail(meeting: TafMeeting) -> MeetingDetail:
    attendance = [
        (row.member, row.get_attendance_display())
        for row in meeting.attendance.select_related("member__agency").order_by("member__name", "pk")
    ]
    participation = list(meeting.participation.select_related("person").order_by("person__date_of_birth", "pk"))
    return MeetingDetail(meeting=meeting, attendance=attendance, participation=participation)


@dataclass(frozen=True)
class MeetingPeople:
    """Who a meeting record asks about: current members, the episode's children, and the adults of the family."""

    members: list[TafMember]
    children: list[Person]
    adults: list[Person]


def meeting_people(episode: Episode) -> MeetingPeople:
    members = list(
        TafMember.objects.filter(episode=episode, ended_at__isnull=True).select_related("agency").order_by("name")
    )
    children = [
        link.person
        for link in episode.episode_children.filter(ended_at__isnull=True)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    ]
    child_ids = {child.pk for child in children}
    family_people = [
        membership.person
        for membership in episode.family.memberships.filter(left_on__isnull=True)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    ]
    adults = [person for person in family_people if person.pk not in child_ids and not person.is_child]
    return MeetingPeople(members=members, children=children, adults=adults)
