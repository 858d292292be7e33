"""One episode with something of everything in it, for the access matrix and for page tests.

The Ashworth family (the shared `family` fixture: Rachel, Maisie and Noah) has an open episode allocated to the
manager's team, led by `lead`. A school nurse (`taf_user`) is in the Team Around the Family, and Rachel's consent
covers the school's agency. The episode has a shared note and a council-only private note, an assessment, a plan
with an outcome for Maisie and an action the nurse owns, a TAF meeting, a Family Star Plus baseline and a
re-evaluation request.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.assessments.models import Assessment, ChildAssessment, Contribution
from earlyhelp.episodes.models import (
    Attachment,
    ChronologyEntry,
    ChronologyKind,
    Contact,
    ContactKind,
    Episode,
    EpisodeChild,
    EpisodeStatus,
    Reevaluation,
    Visibility,
)
from earlyhelp.outcometools.models import OutcomeTool, Reading, Score
from earlyhelp.plans.models import Plan, PlanAction, PlanOutcome, TafMeeting, TafMember


def build_case_context(*, family: Any, lead: Any, team: Any, taf_user: Any, consent: Any) -> dict[str, Any]:
    now = timezone.now()
    opened = now - datetime.timedelta(days=90)
    people = {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}
    maisie, noah, rachel = people["Maisie"], people["Noah"], people["Rachel"]
    episode = Episode.objects.create(
        reference="EH26-T00001",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=opened,
        team=team,
        lead_practitioner=lead,
        allocated_at=now,
    )
    for child in (maisie, noah):
        EpisodeChild.objects.create(episode=episode, person=child, added_at=now)
    Involvement.objects.create(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source="test")
    Involvement.objects.create(family=family, user=taf_user, kind=InvolvementKind.TAF_MEMBER, source="test")
    consent(family, taf_user.profile.agency)
    member = TafMember.objects.create(
        episode=episode,
        user=taf_user,
        name="Test school nurse",
        agency=taf_user.profile.agency,
        role="School nurse",
        invited_by=lead,
        invited_at=now,
    )
    shared_note = Contact.objects.create(
        episode=episode,
        kind=ContactKind.HOME_VISIT,
        happened_at=now,
        recorded_by=lead,
        agency=lead.profile.agency,
        summary="Visited at home; Maisie showed me her room.",
        significant=True,
    )
    private_note = Contact.objects.create(
        episode=episode,
        kind=ContactKind.CASE_NOTE,
        happened_at=now,
        recorded_by=lead,
        agency=lead.profile.agency,
        visibility=Visibility.AGENCY,
        summary="Council-only note about a police disclosure.",
    )
    attachment = Attachment.objects.create(
        contact=private_note,
        file=ContentFile(b"%PDF-1.4 test", name="letter.pdf"),
        name="letter.pdf",
        content_type="application/pdf",
        size=13,
        uploaded_by=lead,
    )
    ChronologyEntry.objects.create(
        family=family, episode=episode, occurred_at=now, kind=ChronologyKind.EPISODE_OPENED, summary="Opened"
    )
    assessment = Assessment.objects.create(episode=episode, started_by=lead, started_at=now, analysis="Analysis")
    child_assessment = ChildAssessment.objects.create(assessment=assessment, person=maisie)
    contribution = Contribution.objects.create(
        assessment=assessment, author=taf_user, agency=taf_user.profile.agency, text="Seen at school clinic."
    )
    plan = Plan.objects.create(episode=episode, created_by=lead)
    outcome = PlanOutcome.objects.create(
        plan=plan,
        child=maisie,
        what_must_change="Maisie goes to school every day",
        measure="Attendance",
        baseline="82%",
        target="95%",
        target_date=datetime.date(2027, 3, 31),
    )
    action = PlanAction.objects.create(
        plan=plan, what="Check in with Maisie each week", owner_user=taf_user, due_on=datetime.date(2027, 1, 31)
    )
    action.outcomes.add(outcome)
    lead_action = PlanAction.objects.create(plan=plan, what="Parenting course place", owner_user=lead)
    lead_action.outcomes.add(outcome)
    meeting = TafMeeting.objects.create(episode=episode, held_on=datetime.date(2026, 11, 2), recorded_by=lead)
    tool = OutcomeTool.objects.get(code="FAMILY_STAR_PLUS")
    reading = Reading.objects.create(
        episode=episode,
        person=rachel,
        tool=tool,
        stage="baseline",
        taken_on=datetime.date(2026, 11, 2),
        recorded_by=lead,
    )
    for area in tool.areas.all():
        Score.objects.create(reading=reading, area=area, value=4)
    reevaluation = Reevaluation.objects.create(
        episode=episode, requested_by=lead, requested_at=now, what_was_tried="Three visits, letter, interpreter"
    )
    return {
        "episode": episode,
        "maisie": maisie,
        "noah": noah,
        "rachel": rachel,
        "taf_member_record": member,
        "shared_note": shared_note,
        "private_note": private_note,
        "attachment": attachment,
        "assessment": assessment,
        "child_assessment": child_assessment,
        "contribution": contribution,
        "plan": plan,
        "plan_outcome": outcome,
        "taf_action": action,
        "lead_action": lead_action,
        "meeting": meeting,
        "tool": tool,
        "reading": reading,
        "reevaluation": reevaluation,
    }
