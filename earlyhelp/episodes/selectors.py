"""Reads of episodes, each permission-checked and logged. Other capabilities (assessments, plans, outcome tools)
open an episode through `access_episode` too, so there is one access mechanism for everything inside it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.http import Http404, HttpRequest

from earlyhelp.access.policy import Relationship, family_relationship
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import Episode


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
    access_event_record(request=request, action=action, record=record or episode, family_id=episode.family_id)
    return EpisodeAccess(episode=episode, relationship=relationship)
