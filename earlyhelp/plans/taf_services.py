"""Writes for the Team Around the Family (R4.1, R4.2): invitations, membership and meetings.

An invitation is a workflow event that makes a relationship (access-rules.md rule 1): it creates the TAF member
and the involvement that lets them open the episode (while consent covers their agency). Ending the membership
ends the involvement, leaving 30 days' read-only access.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import READ_ONLY_AFTER_END, Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import ChronologyKind, Episode
from earlyhelp.episodes.services import chronology_record
from earlyhelp.organisations.models import Agency, PractitionerProfile
from earlyhelp.plans.models import Attendance, MeetingAttendance, MeetingParticipation, TafMeeting, TafMember
from earlyhelp.plans.taf_selectors import INVITABLE_ROLES, meeting_people


def _locked_episode_for_writing(user: User, episode: Episode) -> Episode:
    """The episode, locked so double submits queue behind each other, if this user may write the case."""
    locked = Episode.objects.select_for_update().select_related("family").get(pk=episode.pk)
    if not family_relationship(user, locked.family_id).can_write_case:
        raise PermissionDenied
    if not locked.is_open:
        raise ValidationError("This episode is closed.")
    return locked


def _name(user: User) -> str:
    return user.get_full_name() or user.email


@transaction.atomic
def taf_member_invite(*, user: User, episode: Episode, invitee: User, role: str) -> TafMember:
    """Invite a practitioner with an account into the Team Around the Family: a member, the involvement that
    lets them open the episode, an email with a link to sign in, and a chronology line. Inviting someone who is
    already a member returns their membership (a double submit makes one)."""
    locked = _locked_episode_for_writing(user, episode)
    existing = TafMember.objects.filter(episode=locked, user=invitee, ended_at__isnull=True).first()
    if existing is not None:
        return existing
    profile = PractitionerProfile.objects.select_related("agency").filter(user=invitee).first()
    if profile is None or not invitee.is_active or not roles.has_role(invitee, *INVITABLE_ROLES):
        raise ValidationError("Choose a practitioner who has an account")
    role = role.strip()
    if not role:
        raise ValidationError("Enter their role in the Team Around the Family")
    now = timezone.now()
    member = TafMember.objects.create(
        episode=locked,
        user=invitee,
        name=_name(invitee),
        email=invitee.email,
        agency=profile.agency,
        role=role,
        invited_by=user,
        invited_at=now,
    )
    involved = Involvement.objects.filter(
        family=locked.family, user=invitee, kind=InvolvementKind.TAF_MEMBER, ended_at__isnull=True
    ).exists()
    if not involved:
        Involvement.objects.create(
            family=locked.family,
            user=invitee,
            kind=InvolvementKind.TAF_MEMBER,
            source=f"episode:{locked.pk}",
            created_by=user,
        )
    _joined_chronology(user=user, episode=locked, member=member)
    recipient, inviter, reference = invitee.email, _name(user), locked.reference
    link = page_link("episodes:detail", locked.pk)
    # After commit: a rolled-back invitation must never have told anyone anything.
    transaction.on_commit(lambda: _email_invitation(recipient, inviter, reference, role, link))
    return member


def _email_invitation(recipient: str, inviter: str, reference: str, role: str, link: str) -> None:
    # No family name or detail in the email: the link opens the record after sign-in.
    send_mail(
        subject=f"You have been invited to a Team Around the Family ({reference})",
        message=(
            f"{inviter} has invited you to join the Team Around the Family for early help episode {reference} "
            f"as {role}.\n\nSign in and open the episode:\n{link}\n\n"
            "You will see the record once the family's consent covers your agency."
        ),
        from_email=None,
        recipient_list=[recipient],
    )


def _joined_chronology(*, user: User, episode: Episode, member: TafMember) -> None:
    # There is no chronology kind for TAF membership: joining the team is recorded as an allocation of help.
    chronology_record(
        episode=episode,
        kind=ChronologyKind.ALLOCATION,
        summary=f"{member.name} ({member.role}, {member.agency.name}) joined the Team Around the Family",
        user=user,
        source=member,
    )


@transaction.atomic
def taf_member_add(*, user: User, episode: Episode, name: str, email: str, agency: Agency, role: str) -> TafMember:
    """List a professional without an account, so the family and the team know who is involved. No access is
    given. Adding the same person twice (same name, agency and role) keeps one."""
    locked = _locked_episode_for_writing(user, episode)
    name, role, email = name.strip(), role.strip(), email.strip().lower()
    if not name or not role:
        raise ValidationError("Enter their name and role")
    existing = TafMember.objects.filter(
        episode=locked, user__isnull=True, ended_at__isnull=True, name=name, agency=agency, role=role
    ).first()
    if existing is not None:
        return existing
    member = TafMember.objects.create(
        episode=locked,
        name=name,
        email=email,
        agency=agency,
        role=role,
        invited_by=user,
        invited_at=timezone.now(),
    )
    _joined_chronology(user=user, episode=locked, member=member)
    return member


@transaction.atomic
def taf_member_end(*, user: User, member: TafMember) -> TafMember:
    """End a membership, and the access it gave: the involvement ends with 30 days' read-only access."""
    locked_episode = _locked_episode_for_writing(user, member.episode)
    locked = TafMember.objects.select_for_update().select_related("agency").get(pk=member.pk)
    if locked.ended_at is not None:
        return locked
    now = timezone.now()
    locked.ended_at = now
    locked.save(update_fields=["ended_at", "updated_at"])
    if locked.user_id is not None:
        Involvement.objects.filter(
            family=locked_episode.family,
            user_id=locked.user_id,
            kind=InvolvementKind.TAF_MEMBER,
            ended_at__isnull=True,
        ).update(ended_at=now, read_only_until=now + READ_ONLY_AFTER_END)
    chronology_record(
        episode=locked_episode,
        kind=ChronologyKind.ALLOCATION,
        summary=f"{locked.name} ({locked.role}, {locked.agency.name}) left the Team Around the Family",
        user=user,
        source=locked,
    )
    return locked


@dataclass(frozen=True)
class Participation:
    person_id: int
    took_part: bool
    how: str = ""


@transaction.atomic
def taf_meeting_record(
    *,
    user: User,
    episode: Episode,
    held_on: datetime.date,
    location: str,
    attendance: Mapping[int, str],
    participation: Iterable[Participation],
    decisions: str,
    minutes: str,
) -> TafMeeting:
    """Record a Team Around the Family meeting: who came, whether each child and parent took part and how, the
    decisions and minutes, and a chronology line. The same record submitted twice makes one meeting."""
    locked = _locked_episode_for_writing(user, episode)
    if held_on > timezone.localdate():
        raise ValidationError("The date of the meeting must be today or in the past")
    people = meeting_people(locked)
    member_ids = {member.pk for member in people.members}
    person_ids = {person.pk for person in (*people.children, *people.adults)}
    participation = list(participation)
    if set(attendance) - member_ids or any(value not in Attendance.values for value in attendance.values()):
        raise ValidationError("Say whether each member of the team attended")
    if {row.person_id for row in participation} - person_ids:
        raise ValidationError("Say whether each child and parent took part")
    location, decisions, minutes = location.strip(), decisions.strip(), minutes.strip()
    duplicate = (
        TafMeeting.objects.live()
        .filter(episode=locked, held_on=held_on, location=location, decisions=decisions, minutes=minutes)
        .first()
    )
    if duplicate is not None:
        return duplicate
    meeting = TafMeeting.objects.create(
        episode=locked, held_on=held_on, location=location, decisions=decisions, minutes=minutes, recorded_by=user
    )
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=meeting, member_id=member_id, attendance=value)
        for member_id, value in attendance.items()
    )
    MeetingParticipation.objects.bulk_create(
        MeetingParticipation(meeting=meeting, person_id=row.person_id, took_part=row.took_part, how=row.how.strip())
        for row in participation
    )
    attended = sum(value == Attendance.ATTENDED for value in attendance.values())
    apologies = sum(value == Attendance.APOLOGIES for value in attendance.values())
    chronology_record(
        episode=locked,
        kind=ChronologyKind.TAF_MEETING,
        summary=f"Team Around the Family meeting: {attended} attended, {apologies} sent apologies",
        occurred_at=timezone.make_aware(datetime.datetime.combine(held_on, datetime.time(12))),
        user=user,
        source=meeting,
    )
    return meeting
