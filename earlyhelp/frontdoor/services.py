"""Writes for requests for support. Each service owns its transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.accounts.models import User
from earlyhelp.codes.models import Code
from earlyhelp.directory.models import Service
from earlyhelp.directory.services import signposting_record
from earlyhelp.frontdoor.models import (
    ChildOutcome,
    Consent,
    Decision,
    Feedback,
    NfaReview,
    Outcome,
    RequestPerson,
    RequestSource,
    RequestStatus,
    SupportRequest,
    Urgency,
)
from earlyhelp.organisations.models import PractitionerProfile, Team
from earlyhelp.people.models import Person, YesNoUnknown
from earlyhelp.people.services import person_create
from earlyhelp.thresholds.models import Indicator, Level
from earlyhelp.timescales.working_days import add_working_days, clock_start

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
    # CIN census referral source: 1C for a young person asking for themselves, 1A for a parent or relative.
    source_code = "1C" if data["relationship"] == "young_person" else "1A"
    support_request = SupportRequest.objects.create(
        source=RequestSource.FAMILY,
        referral_source=Code.objects.filter(list_name="referral_source", code=source_code).first(),
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


@dataclass(frozen=True)
class ChildOutcomeInput:
    child: RequestPerson
    outcome: str
    team: Team | None = None
    support_detail: str = ""
    service: Service | None = None
    social_care_reference: str = ""
    offer_of_help: str = ""
    no_help_reason: str = ""


def check_child_outcome(item: ChildOutcomeInput, *, needs_identified: bool) -> dict[str, str]:
    """What is missing from one child's outcome: field -> message."""
    errors: dict[str, str] = {}
    name = item.child.first_name
    if item.outcome == Outcome.EARLY_HELP and item.team is None:
        errors["team"] = f"Select the team that will offer {name} early help"
    if item.outcome == Outcome.SOCIAL_CARE and not item.social_care_reference.strip():
        errors["social_care_reference"] = f"Enter children's social care's reference for {name}"
    if item.outcome in (Outcome.ADVICE, Outcome.SINGLE_AGENCY) and not (item.support_detail.strip() or item.service):
        errors["support_detail"] = f"Say what advice, service or support {name} and the family will get"
    if (
        item.outcome == Outcome.NO_FURTHER_ACTION
        and needs_identified
        and not (item.offer_of_help.strip() or item.no_help_reason.strip())
    ):
        # R1.7: no child with an identified need is left without help and nobody owning it.
        errors["offer_of_help"] = (
            f"A need was identified for {name}: record the help offered, or why no help is offered"
        )
    return errors


@transaction.atomic
def decision_record(
    *,
    user: User,
    support_request: SupportRequest,
    level: Level,
    indicators: list[Indicator],
    needs_identified: bool,
    rationale: str,
    consent_position: str,
    consent_note: str = "",
    outcomes: list[ChildOutcomeInput],
) -> Decision:
    """Decide a request. Deciding twice (a double click) returns the first decision."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    existing = Decision.objects.filter(request=locked).first()
    if existing is not None:
        return existing
    if locked.status not in (RequestStatus.NEW, RequestStatus.AWAITING_INFORMATION):
        raise ValidationError("Only a request waiting for a decision can be decided.")
    errors: list[str] = []
    if not rationale.strip():
        errors.append("Enter why you decided this")
    children = {c.pk for c in locked.children}
    if {o.child.pk for o in outcomes} != children:
        errors.append("Record an outcome for every child in the request")
    for item in outcomes:
        errors += check_child_outcome(item, needs_identified=needs_identified).values()
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    decision = Decision.objects.create(
        request=locked,
        decided_by=user,
        decided_at=now,
        threshold_document_id=level.document_id,
        level=level,
        needs_identified=needs_identified,
        rationale=rationale,
        consent_position=consent_position,
        consent_note=consent_note,
        authorisation_required=any(item.outcome in settings.DECISION_AUTHORISATION_OUTCOMES for item in outcomes),
    )
    decision.indicators.set(indicators)
    for item in outcomes:
        if item.service is not None and item.child.matched_person is not None:
            # Each signposting is recorded against the child (issue 3, item 11).
            signposting_record(
                user=user,
                service=item.service,
                person=item.child.matched_person,
                source=f"Front door decision on {locked.reference}",
            )
        ChildOutcome.objects.create(
            decision=decision,
            child=item.child,
            outcome=item.outcome,
            team=item.team if item.outcome == Outcome.EARLY_HELP else None,
            support_detail=item.support_detail,
            service=item.service,
            social_care_reference=item.social_care_reference,
            offer_of_help=item.offer_of_help,
            no_help_reason=item.no_help_reason,
        )
    locked.status = RequestStatus.DECIDED
    locked.save()
    Feedback.objects.create(request=locked, text=feedback_draft(decision), due_at=add_working_days(now, 1))
    if any(item.outcome == Outcome.EARLY_HELP for item in outcomes):
        # Early help opens the family's episode, or joins the one already open, in this transaction (issue 4).
        # The children must be on the register for that: deciding is authorised, so add anyone not yet matched.
        from earlyhelp.episodes.services import episode_open_from_decision

        for item in outcomes:
            if item.outcome == Outcome.EARLY_HELP:
                _register(user=user, request_person=item.child)

        episode_open_from_decision(user=user, decision=decision)
    if any(item.outcome == Outcome.NO_FURTHER_ACTION for item in outcomes):
        _select_for_review(decision, [item.child for item in outcomes])
    return decision


def _is_repeat(children: list[RequestPerson], request: SupportRequest) -> bool:
    matched = [c.matched_person_id for c in children if c.matched_person_id]
    year_ago = timezone.now() - timedelta(days=365)
    return (
        bool(matched)
        and RequestPerson.objects.filter(matched_person_id__in=matched, request__submitted_at__gte=year_ago)
        .exclude(request=request)
        .exists()
    )


def _sampled() -> bool:
    return secrets.randbelow(100) < settings.NFA_REVIEW_SAMPLE_PERCENT


def _select_for_review(decision: Decision, children: list[RequestPerson]) -> None:
    if _is_repeat(children, decision.request):
        NfaReview.objects.create(decision=decision, reason=NfaReview.Reason.REPEAT)
    elif _sampled():
        NfaReview.objects.create(decision=decision, reason=NfaReview.Reason.SAMPLE)


@transaction.atomic
def nfa_review_record(*, user: User, review: NfaReview, result: str, note: str) -> NfaReview:
    if not user.has_perm("frontdoor.review_nfa"):
        raise PermissionDenied
    locked = NfaReview.objects.select_for_update().get(pk=review.pk)
    if locked.reviewed_at is not None:
        return locked
    if result == NfaReview.Result.RECONSIDER and not note.strip():
        raise ValidationError("Say what the front door should look at again")
    locked.result = result
    locked.note = note
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save()
    return locked


def feedback_draft(decision: Decision) -> str:
    """The referrer's letter in plain words, drafted from the decision for the triage worker to check (R1.6)."""
    request = decision.request
    lines = [f"Thank you for your request {request.reference}. We have looked at it and decided:", ""]
    for outcome in decision.outcomes.select_related("child", "team__agency", "service"):
        lines.append(f"{outcome.child.name}: {OUTCOME_IN_PLAIN_WORDS[outcome.outcome]}.")
        if outcome.team:
            contact = f" ({outcome.team.email})" if outcome.team.email else ""
            lines.append(
                f"The {outcome.team.name} team at {outcome.team.agency.name} will contact the family{contact}."
            )
        if outcome.service:
            service = outcome.service
            contact = ", ".join(c for c in (service.phone, service.email, service.website) if c)
            lines.append(f"Suggested service: {service.name}" + (f" ({contact})" if contact else "") + ".")
        if outcome.support_detail:
            lines.append(outcome.support_detail)
        if outcome.offer_of_help:
            lines.append(f"Help offered: {outcome.offer_of_help}")
        lines.append("")
    lines += ["Why we decided this:", decision.rationale, ""]
    lines.append("If you disagree with this decision, you can ask us to look at it again.")
    return "\n".join(lines)


OUTCOME_IN_PLAIN_WORDS: dict[str, str] = {
    Outcome.ADVICE: "information and advice, or another service that can help",
    Outcome.SINGLE_AGENCY: "support from one service",
    Outcome.EARLY_HELP: "early help, with a lead practitioner who will work with the family",
    Outcome.SOCIAL_CARE: "passed to children's social care",
    Outcome.NO_FURTHER_ACTION: "no further action by the front door",
}


@transaction.atomic
def feedback_send(*, user: User, feedback: Feedback, text: str) -> Feedback:
    """Send the referrer their feedback by email and record when (R1.6). Sending again does not send twice."""
    locked = Feedback.objects.select_for_update(of=("self",)).select_related("request").get(pk=feedback.pk)
    if locked.sent_at is not None:
        return locked
    if Decision.objects.get(request_id=locked.request_id).awaiting_authorisation:
        raise ValidationError("A manager must authorise this decision before the referrer is told.")
    locked.text = text
    locked.sent_at = timezone.now()
    locked.sent_by = user
    locked.save()
    request = locked.request
    recipient = request.referrer_email or request.contact_email
    if recipient:
        # After commit: a rolled-back decision must never have told anyone anything.
        transaction.on_commit(lambda: _email_feedback(recipient, request.reference or "", text))
    return locked


def _email_feedback(recipient: str, reference: str, text: str) -> None:
    send_mail(
        subject=f"Your request {reference}: the front door's decision",
        message=text,
        from_email=None,
        recipient_list=[recipient],
    )


@transaction.atomic
def feedback_mark_read(*, user: User, feedback: Feedback) -> None:
    """The referrer has opened the decision: the front door can see it was read."""
    if feedback.read_at is None and feedback.sent_at is not None and feedback.request.created_by_id == user.pk:
        Feedback.objects.filter(pk=feedback.pk, read_at__isnull=True).update(read_at=timezone.now())


def _front_door_person(*, user: User, request_person: RequestPerson) -> RequestPerson:
    if not user.has_perm("frontdoor.triage"):
        raise PermissionDenied
    locked = RequestPerson.objects.select_for_update(of=("self",)).select_related("request").get(pk=request_person.pk)
    if locked.request.status == RequestStatus.DRAFT:
        raise PermissionDenied
    return locked


@transaction.atomic
def request_person_match_confirm(*, user: User, request_person: RequestPerson, person: Person) -> RequestPerson:
    """The triage worker confirms that someone named in a request is this person on the register (R1.8)."""
    locked = _front_door_person(user=user, request_person=request_person)
    locked.matched_person = person
    locked.match_confirmed_by = user
    locked.match_confirmed_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def request_person_register(*, user: User, request_person: RequestPerson) -> Person:
    """Nobody on the register matches: add the person as the referrer gave them, and link them."""
    return _register(user=user, request_person=_front_door_person(user=user, request_person=request_person))


def _register(*, user: User, request_person: RequestPerson) -> Person:
    """The person on the register for someone named in a request: the confirmed match, or a new person as the
    referrer gave them. The caller has checked the user may do it."""
    if request_person.matched_person_id:
        return request_person.matched_person  # type: ignore[return-value]
    person = person_create(
        first_name=request_person.first_name,
        last_name=request_person.last_name,
        date_of_birth=request_person.date_of_birth,
        expected_date_of_birth=request_person.expected_date_of_birth,
        sex=request_person.sex,
        nhs_number=request_person.nhs_number,
        address_line=request_person.address,
        postcode=request_person.postcode,
    )
    request_person.matched_person = person
    request_person.match_confirmed_by = user
    request_person.match_confirmed_at = timezone.now()
    request_person.save(update_fields=["matched_person", "match_confirmed_by", "match_confirmed_at", "updated_at"])
    return person


@transaction.atomic
def request_ask_for_information(*, user: User, support_request: SupportRequest, question: str) -> SupportRequest:
    """The front door needs more before it can decide: ask the referrer, and show the request as waiting."""
    if not user.has_perm("frontdoor.triage"):
        raise PermissionDenied
    if not question.strip():
        raise ValidationError("Enter what you need to know")
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.status not in (RequestStatus.NEW, RequestStatus.AWAITING_INFORMATION):
        raise ValidationError("Only a request waiting for a decision can be asked about.")
    locked.status = RequestStatus.AWAITING_INFORMATION
    locked.save()
    recipient = locked.referrer_email or locked.contact_email
    if recipient:
        reference = locked.reference or ""
        body = f"The front door needs more information about request {reference}:\n\n{question.strip()}"
        transaction.on_commit(
            lambda: send_mail(
                subject=f"Your request {reference}: more information needed",
                message=body,
                from_email=None,
                recipient_list=[recipient],
            )
        )
    return locked


@transaction.atomic
def decision_authorise(*, user: User, decision: Decision, note: str = "") -> Decision:
    """A manager authorises a decision the partnership asks them to check; then the referrer can be told."""
    if not user.has_perm("frontdoor.authorise_decision"):
        raise PermissionDenied
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not locked.awaiting_authorisation:
        return locked
    if locked.decided_by_id == user.pk:
        raise ValidationError("Someone other than the person who decided must authorise it.")
    locked.authorised_by = user
    locked.authorised_at = timezone.now()
    locked.authorisation_note = note
    locked.save()
    return locked
