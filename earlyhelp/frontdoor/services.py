"""Writes for requests for support. Each service owns its transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.accounts.models import User
from earlyhelp.frontdoor.models import (
    Consent,
    RequestPerson,
    RequestSource,
    RequestStatus,
    SupportRequest,
    Urgency,
)
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.people.models import YesNoUnknown
from earlyhelp.timescales.working_days import clock_start

# The front door decides within one working day of receipt (R1.5, R1.12).
DECISION_WORKING_DAYS = 1


class StaleEdit(Exception):
    """Someone else changed the request since this user loaded it."""


def _editable_draft(*, user: User, support_request: SupportRequest) -> SupportRequest:
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.created_by_id != user.pk:
        raise PermissionDenied
    if locked.status != RequestStatus.DRAFT:
        raise ValidationError("This request has already been sent, so it cannot be changed.")
    return locked


@transaction.atomic
def request_start(*, user: User) -> SupportRequest:
    """A new professional request, with what we know of the referrer filled in."""
    profile = PractitionerProfile.objects.select_related("agency").filter(user=user).first()
    return SupportRequest.objects.create(
        source=RequestSource.PROFESSIONAL,
        created_by=user,
        referrer_name=user.full_name,
        referrer_email=user.email,
        referrer_job_title=profile.job_title if profile else "",
        referrer_phone=profile.phone if profile else "",
        referrer_agency=profile.agency if profile else None,
    )


@transaction.atomic
def request_update(
    *, user: User, support_request: SupportRequest, data: dict[str, Any], version: int
) -> SupportRequest:
    """Save one page of the journey into the draft: nothing the user typed is lost between pages."""
    locked = _editable_draft(user=user, support_request=support_request)
    if locked.version != version:
        raise StaleEdit
    many = {f.name for f in SupportRequest._meta.many_to_many}
    for field, value in data.items():
        if field not in many:
            setattr(locked, field, value)
    if "significant_harm_now" in data:
        locked.urgency = Urgency.SAFEGUARDING if data["significant_harm_now"] else Urgency.ROUTINE
    locked.version += 1
    locked.save()
    for field in many & data.keys():
        getattr(locked, field).set(data[field])
    if "suggested_level" in data:
        # Indicators belong to a level: a new level clears the signs chosen under the old one.
        locked.suggested_indicators.remove(*locked.suggested_indicators.exclude(level=locked.suggested_level))
    return locked


@transaction.atomic
def request_person_save(
    *, user: User, support_request: SupportRequest, person: RequestPerson | None, is_child: bool, data: dict[str, Any]
) -> RequestPerson:
    _editable_draft(user=user, support_request=support_request)
    if person is None:
        person = RequestPerson(request=support_request, is_child=is_child)
    elif person.request_id != support_request.pk:
        raise PermissionDenied
    for field, value in data.items():
        setattr(person, field, value)
    person.save()
    return person


@transaction.atomic
def request_person_remove(*, user: User, support_request: SupportRequest, person: RequestPerson) -> None:
    _editable_draft(user=user, support_request=support_request)
    if person.request_id != support_request.pk:
        raise PermissionDenied
    # A draft's own rows: removing a child the referrer added by mistake is not deleting a record.
    person.delete()


def check_ready_to_submit(support_request: SupportRequest) -> dict[str, str]:
    """What must be answered before a request can be sent: step -> message."""
    missing: dict[str, str] = {}
    if support_request.significant_harm_now is None:
        missing["harm"] = "Say whether a child is at risk of significant harm now"
    if not support_request.children:
        missing["children"] = "Add at least one child"
    if not support_request.concerns.strip():
        missing["concerns"] = "Say what you are worried about"
    if not support_request.parents_aware or not support_request.consent:
        missing["consent"] = "Say whether the parents know and consent"
    return missing


def _assign_reference(support_request: SupportRequest) -> str:
    return f"R{timezone.localdate():%y}-{support_request.pk:06d}"


@transaction.atomic
def request_submit(*, user: User, support_request: SupportRequest) -> SupportRequest:
    """Send the request to the front door. Submitting twice (a double click, a resent form) sends it once."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.created_by_id != user.pk:
        raise PermissionDenied
    if locked.status != RequestStatus.DRAFT:
        return locked
    missing = check_ready_to_submit(locked)
    if missing:
        raise ValidationError(list(missing.values()))
    _start_clock(locked)
    locked.save()
    return locked


def _start_clock(support_request: SupportRequest) -> None:
    now = timezone.now()
    clock = clock_start(now, DECISION_WORKING_DAYS)
    support_request.status = RequestStatus.NEW
    support_request.submitted_at = now
    support_request.due_at = clock.due_at
    support_request.reference = _assign_reference(support_request)


@transaction.atomic
def self_referral_submit(*, data: dict[str, Any]) -> SupportRequest:
    """A family's own request (R1.1). It arrives at the front door straight away; the token makes a resent form
    return the request it already made instead of a second one."""
    existing = SupportRequest.objects.filter(submission_token=data["token"]).first()
    if existing is not None:
        return existing
    concerns = data["concerns"]
    if data.get("other_children"):
        concerns += f"\n\nOther children in the family: {data['other_children']}"
    support_request = SupportRequest.objects.create(
        source=RequestSource.FAMILY,
        submission_token=data["token"],
        contact_name=data["contact_name"],
        contact_phone=data.get("contact_phone", ""),
        contact_email=data.get("contact_email", ""),
        safe_to_contact=data.get("safe_to_contact", ""),
        languages=data.get("languages", ""),
        concerns=concerns,
        consent=Consent.GIVEN if data.get("consent") else Consent.NOT_ASKED,
        parents_aware=YesNoUnknown.YES if data["relationship"] == "parent" else YesNoUnknown.NOT_KNOWN,
    )
    RequestPerson.objects.create(
        request=support_request,
        is_child=True,
        first_name=data["child_first_name"],
        last_name=data["child_last_name"],
        date_of_birth=data.get("child_date_of_birth"),
        postcode=data["postcode"],
    )
    _start_clock(support_request)
    support_request.save()
    return support_request
