"""Reading escalations: who may see one (R6.4), the lists, and the overdue confirmations.

An escalation is seen by the person who raised it, its handler, the owners of its agreed actions, the managers of
the family's team (a service manager: of their agency's teams; with no family, of the raiser's team) and, for a
front door decision, the front door. Everyone else gets 404; a list for a role that cannot raise one, 403.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement
from earlyhelp.access.policy import can_view_family, families_visible
from earlyhelp.accounts.models import User
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.escalations.models import Escalation, EscalationAction, EscalationStep, Stage, Subject
from earlyhelp.escalations.rules import confirmation_overdue, latest_overdue_due_date
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.people.models import Family
from earlyhelp.timescales import LONDON, working_days_between

PAGE_SIZE = 25
# Who may raise an escalation, and so open the list: any practitioner, the front door and managers.
RAISE_ROLES = frozenset(
    {roles.PRACTITIONER, roles.FRONT_DOOR, roles.TEAM_MANAGER, roles.SERVICE_MANAGER, roles.SAFEGUARDING_LEAD}
)
MANAGER_ROLES = frozenset({roles.TEAM_MANAGER, roles.SERVICE_MANAGER})
# Who may handle an escalation at a stage, and take on one nobody has.
HANDLER_ROLES = frozenset({roles.FRONT_DOOR, roles.TEAM_MANAGER, roles.SERVICE_MANAGER, roles.SAFEGUARDING_LEAD})
STAGE_ORDER = [stage for stage, _ in Stage.choices]


class Section:
    RAISED = "raised"
    HANDLE = "handle"
    ACTIONS = "actions"
    OVERDUE = "overdue"


SECTIONS = {
    Section.RAISED: "Raised by me",
    Section.HANDLE: "For me to handle",
    Section.ACTIONS: "Actions I own",
    Section.OVERDUE: "Overdue confirmations",
}


def open_escalations(*, subject: str, subject_reference: str) -> list[Escalation]:
    """Unresolved escalations about one record, oldest first. Callers have already checked access to it."""
    return list(
        Escalation.objects.filter(subject=subject, subject_reference=subject_reference, resolved_at__isnull=True)
        .select_related("raised_by")
        .order_by("created_at")
    )


def can_raise(user: Any) -> bool:
    return roles.has_role(user, *RAISE_ROLES)


def _manager_scope(user: Any) -> Q:
    """Escalations a manager oversees: about a family allocated to their team (or their agency's teams, for a
    service manager) that they may see; with no family, raised by someone in that team (or agency)."""
    held = roles.user_roles(user)
    if not held & MANAGER_ROLES:
        return Q(pk__in=[])
    profile = PractitionerProfile.objects.filter(user_id=cast(int, user.pk)).first()
    if profile is None:
        return Q(pk__in=[])
    teams = Q(pk__in=[])
    raisers = Q(pk__in=[])
    if profile.team_id and roles.TEAM_MANAGER in held:
        teams |= Q(team_id=profile.team_id)
        raisers |= Q(raised_by__profile__team_id=profile.team_id)
    if roles.SERVICE_MANAGER in held:
        teams |= Q(team__agency_id=profile.agency_id)
        raisers |= Q(raised_by__profile__team__agency_id=profile.agency_id)
    allocated = Involvement.objects.current().filter(teams, ended_at__isnull=True, family_id=OuterRef("family_id"))
    about_family = Q(family__isnull=False) & Exists(allocated) & Q(family__in=families_visible(user))
    return about_family | (Q(family__isnull=True) & raisers)


def _front_door_scope(user: Any) -> Q:
    if not roles.has_role(user, roles.FRONT_DOOR):
        return Q(pk__in=[])
    return Q(subject=Subject.FRONT_DOOR_DECISION) & (Q(family__isnull=True) | Q(family__in=families_visible(user)))


def escalations_visible(user: Any) -> QuerySet[Escalation]:
    """Every escalation this user may open: the one rule the lists and the pages share."""
    if not user.is_authenticated:
        return Escalation.objects.none()
    owned = EscalationAction.objects.filter(escalation_id=OuterRef("pk"), owner_id=user.pk)
    return Escalation.objects.filter(
        Q(raised_by_id=user.pk)
        | Q(handler_id=user.pk)
        | Exists(owned)
        | _manager_scope(user)
        | _front_door_scope(user)
    )


@dataclass(frozen=True)
class EscalationPermissions:
    """What one user may do with one escalation."""

    visible: bool = False
    is_raiser: bool = False
    is_handler: bool = False
    manages: bool = False
    front_door: bool = False
    resolved: bool = False
    last_stage: bool = False
    has_handler: bool = False

    @property
    def can_move(self) -> bool:
        return not self.resolved and not self.last_stage and (self.is_handler or self.manages)

    @property
    def can_take(self) -> bool:
        return not self.resolved and not self.has_handler and (self.manages or self.front_door)

    @property
    def can_add_action(self) -> bool:
        return not self.resolved and self.is_handler

    @property
    def can_confirm(self) -> bool:
        return self.is_raiser or self.is_handler

    @property
    def can_resolve(self) -> bool:
        return not self.resolved and self.is_handler


def escalation_permissions(user: Any, escalation: Escalation) -> EscalationPermissions:
    """A few queries, whatever the page."""
    if not user.is_authenticated:
        return EscalationPermissions()
    one = Escalation.objects.filter(pk=escalation.pk)
    manages = one.filter(_manager_scope(user)).exists()
    front_door = one.filter(_front_door_scope(user)).exists()
    is_raiser = escalation.raised_by_id == user.pk
    is_handler = escalation.handler_id is not None and escalation.handler_id == user.pk
    owns = escalation.actions.filter(owner_id=user.pk).exists()
    return EscalationPermissions(
        visible=is_raiser or is_handler or owns or manages or front_door,
        is_raiser=is_raiser,
        is_handler=is_handler,
        manages=manages,
        front_door=front_door,
        resolved=escalation.resolved_at is not None,
        last_stage=escalation.stage == STAGE_ORDER[-1],
        has_handler=escalation.handler_id is not None,
    )


def next_stages(escalation: Escalation) -> list[tuple[str, str]]:
    """The stages an escalation can move to: only forward."""
    position = STAGE_ORDER.index(escalation.stage)
    return [(value, label) for value, label in Stage.choices if STAGE_ORDER.index(value) > position]


def _local_today() -> datetime.date:
    return timezone.now().astimezone(LONDON).date()


@dataclass
class EscalationAccess:
    escalation: Escalation
    permissions: EscalationPermissions
    family_visible: bool
    steps: list[EscalationStep]
    actions: list[EscalationAction]
    overdue_action_ids: set[int]
    age_working_days: int

    @property
    def overdue(self) -> bool:
        return bool(self.overdue_action_ids)

    @property
    def unconfirmed_actions(self) -> list[EscalationAction]:
        return [a for a in self.actions if not a.confirmation]


class Can:
    """What a page needs the user to be able to do."""

    VIEW = "view"
    MOVE = "move"
    TAKE = "take"
    ADD_ACTION = "add_action"
    CONFIRM = "confirm"
    RESOLVE = "resolve"


def access_escalation(*, request: HttpRequest, escalation_id: int, can: str = Can.VIEW) -> EscalationAccess:
    """One escalation, for a user who may see it and do `can` with it (else 404), with one access event."""
    escalation = (
        Escalation.objects.select_related("raised_by", "handler", "resolved_by", "family", "about_agency")
        .filter(pk=escalation_id)
        .first()
    )
    if escalation is None:
        raise Http404
    user = request.user
    permissions = escalation_permissions(user, escalation)
    allowed = {
        Can.VIEW: permissions.visible,
        Can.MOVE: permissions.can_move,
        Can.TAKE: permissions.can_take,
        Can.ADD_ACTION: permissions.can_add_action,
        Can.CONFIRM: permissions.can_confirm,
        Can.RESOLVE: permissions.can_resolve,
    }[can]
    if not permissions.visible or not allowed:
        raise Http404
    today = _local_today()
    actions = list(escalation.actions.select_related("owner", "confirmed_by", "agreed_by"))
    steps = list(escalation.steps.select_related("moved_by", "handler"))
    family_visible = escalation.family_id is not None and can_view_family(user, escalation.family_id)
    access_event_record(request=request, action=AccessAction.VIEW, record=escalation, family_id=escalation.family_id)
    return EscalationAccess(
        escalation=escalation,
        permissions=permissions,
        family_visible=family_visible,
        steps=steps,
        actions=actions,
        overdue_action_ids={a.pk for a in actions if confirmation_overdue(a.due_on, a.confirmation, today)},
        age_working_days=working_days_between(escalation.created_at.astimezone(LONDON).date(), today),
    )


def _overdue_exists(today: datetime.date) -> Exists:
    cutoff = latest_overdue_due_date(today, settings.ESCALATION_CONFIRM_WORKING_DAYS)
    return Exists(EscalationAction.objects.filter(escalation_id=OuterRef("pk"), confirmation="", due_on__lte=cutoff))


def overdue_actions(*, today: datetime.date, user: Any = None) -> QuerySet[EscalationAction]:
    """Agreed actions nobody has confirmed, more than ESCALATION_CONFIRM_WORKING_DAYS working days after their due
    date (rules.confirmation_overdue, as a query); only those of escalations `user` may see, when given."""
    cutoff = latest_overdue_due_date(today, settings.ESCALATION_CONFIRM_WORKING_DAYS)
    actions = EscalationAction.objects.filter(confirmation="", due_on__lte=cutoff)
    if user is not None:
        actions = actions.filter(escalation__in=escalations_visible(user))
    return actions.select_related("escalation__raised_by", "escalation__handler", "owner").order_by("due_on", "pk")


@dataclass
class EscalationRow:
    escalation: Escalation
    age_working_days: int
    overdue: bool


def _section_queryset(user: Any, section: str, today: datetime.date) -> QuerySet[Escalation]:
    visible = escalations_visible(user)
    if section == Section.RAISED:
        return visible.filter(raised_by_id=user.pk)
    if section == Section.HANDLE:
        waiting = Q(handler__isnull=True, resolved_at__isnull=True) & (_manager_scope(user) | _front_door_scope(user))
        return visible.filter(Q(handler_id=user.pk) | waiting)
    if section == Section.ACTIONS:
        return visible.filter(Exists(EscalationAction.objects.filter(escalation_id=OuterRef("pk"), owner_id=user.pk)))
    return visible.filter(_overdue_exists(today))


def access_escalation_list(*, request: HttpRequest, section: str, page_number: int | str = 1) -> Page:
    """One section of the user's escalations, newest first, as rows; logged as one list event."""
    user = request.user
    if not can_raise(user):
        raise PermissionDenied
    if section not in SECTIONS:
        section = Section.RAISED
    today = _local_today()
    escalations = (
        _section_queryset(user, section, today)
        .annotate(has_overdue=_overdue_exists(today))
        .select_related("raised_by", "handler")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(escalations, PAGE_SIZE).get_page(page_number)
    rows = [
        EscalationRow(
            escalation=e,
            age_working_days=working_days_between(e.created_at.astimezone(LONDON).date(), today),
            overdue=cast(Any, e).has_overdue,
        )
        for e in page.object_list
    ]
    cast(Any, page).object_list = rows
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[row.escalation.pk for row in rows],
        query={"list": "Escalations", "section": section},
    )
    return page


def access_raise_page(*, request: HttpRequest, family_id: int | None) -> Family | None:
    """The family an escalation is to be raised about, if the user may see it (else 404); one access event when a
    family is shown. Roles that cannot raise get 403."""
    if not can_raise(request.user):
        raise PermissionDenied
    if family_id is None:
        return None
    family = families_visible(request.user).filter(pk=family_id).first()
    if family is None:
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=family, family_id=family.pk)
    return family


def _users_with_roles(names: frozenset[str]) -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name__in=names).distinct().order_by("full_name", "email")


def handler_candidates() -> QuerySet[User]:
    """Who can handle an escalation at a stage: the front door, managers and partner safeguarding leads."""
    return _users_with_roles(HANDLER_ROLES)


def owner_candidates() -> QuerySet[User]:
    """Who can own an agreed action: practitioners and managers (and the front door)."""
    return _users_with_roles(RAISE_ROLES)


def family_for_subject(subject: str, reference: str) -> Family | None:
    """The family an escalation's subject record is about, where the record says so without the raiser seeing
    the family: a front door decision, or a case audit."""
    if subject == Subject.FRONT_DOOR_DECISION:
        return family_for_front_door_reference(reference)
    if subject == Subject.AUDIT_FINDING:
        from earlyhelp.quality.models import CaseAudit

        programme_id, _, pk = reference.removeprefix("QA").partition("-")
        if not (programme_id.isdigit() and pk.isdigit()):
            return None
        case = CaseAudit.objects.select_related("family").filter(pk=int(pk), programme_id=int(programme_id)).first()
        return case.family if case else None
    return None


def family_for_front_door_reference(reference: str) -> Family | None:
    """The family a front door decision is about, when it is known: the family of the episode the decision opened,
    else the one family the request's matched children belong to."""
    if not reference:
        return None
    from earlyhelp.episodes.models import Episode
    from earlyhelp.frontdoor.models import RequestPerson

    episode = (
        Episode.objects.filter(source_decision__request__reference=reference)
        .select_related("family")
        .order_by("-opened_at")
        .first()
    )
    if episode is not None:
        return episode.family
    children = RequestPerson.objects.filter(
        request__reference=reference, is_child=True, matched_person__isnull=False
    ).values("matched_person_id")
    families = list(Family.objects.live().filter(memberships__person_id__in=children).distinct()[:2])
    return families[0] if len(families) == 1 else None


def episode_for_family(family_id: int) -> Any:
    """The family's open episode, else its most recent one: where escalation lines go on the chronology."""
    from earlyhelp.episodes.models import Episode, EpisodeStatus

    episodes = Episode.objects.filter(family_id=family_id)
    return (
        episodes.exclude(status=EpisodeStatus.CLOSED).order_by("-opened_at").first()
        or episodes.order_by("-opened_at").first()
    )
