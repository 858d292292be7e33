from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.frontdoor import services
from earlyhelp.frontdoor.models import Decision, Outcome, RequestStatus
from earlyhelp.frontdoor.services import ChildOutcomeInput
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory
from earlyhelp.thresholds.selectors import threshold_current


@pytest.fixture
def level2(db):
    return threshold_current().levels.get(number=2)


@pytest.fixture
def worker(make_user):
    return make_user(roles.FRONT_DOOR)


@pytest.fixture
def siblings(make_user, school):
    referrer = make_user(roles.REFERRER, agency=school, email="dsl@oakfield.example.org")
    request = SupportRequestFactory(
        reference="R26-000001",
        status=RequestStatus.NEW,
        created_by=referrer,
        referrer_email=referrer.email,
        submitted_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=1),
    )
    maisie = RequestChildFactory(request=request, first_name="Maisie")
    noah = RequestChildFactory(request=request, first_name="Noah")
    return request, maisie, noah


def decide(worker, request, level, outcomes, *, needs=True, rationale="Level 2 needs: hunger, lateness."):
    return services.decision_record(
        user=worker,
        support_request=request,
        level=level,
        indicators=list(level.indicators.all()[:1]),
        needs_identified=needs,
        rationale=rationale,
        consent_position="given",
        outcomes=outcomes,
    )


def test_early_help_for_one_child_and_signposting_for_the_other(worker, siblings, level2, team):
    request, maisie, noah = siblings
    decision = decide(
        worker,
        request,
        level2,
        [
            ChildOutcomeInput(child=maisie, outcome=Outcome.EARLY_HELP, team=team),
            ChildOutcomeInput(child=noah, outcome=Outcome.ADVICE, support_detail="Northshire Youth Club, Tuesdays"),
        ],
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DECIDED
    assert decision.threshold_document == threshold_current()
    assert {o.child.first_name: o.outcome for o in decision.outcomes.all()} == {
        "Maisie": Outcome.EARLY_HELP,
        "Noah": Outcome.ADVICE,
    }
    text = request.feedback.text
    assert "Maisie Ashworth: early help" in text
    assert "Early Help North" in text
    assert "Northshire Youth Club" in text
    assert "Level 2 needs" in text


def test_no_further_action_with_an_identified_need_is_refused_without_an_offer_or_a_reason(worker, siblings, level2):
    request, maisie, noah = siblings
    outcomes = [
        ChildOutcomeInput(child=maisie, outcome=Outcome.NO_FURTHER_ACTION),
        ChildOutcomeInput(child=noah, outcome=Outcome.NO_FURTHER_ACTION),
    ]
    with pytest.raises(ValidationError) as error:
        decide(worker, request, level2, outcomes)
    assert (
        "A need was identified for Maisie: record the help offered, or why no help is offered" in error.value.messages
    )
    assert not Decision.objects.exists()

    outcomes = [
        ChildOutcomeInput(child=maisie, outcome=Outcome.NO_FURTHER_ACTION, offer_of_help="School breakfast club"),
        ChildOutcomeInput(child=noah, outcome=Outcome.NO_FURTHER_ACTION, no_help_reason="Family moved abroad"),
    ]
    assert decide(worker, request, level2, outcomes).outcomes.count() == 2


def test_no_further_action_without_an_identified_need_needs_no_offer(worker, siblings, level2):
    request, maisie, noah = siblings
    outcomes = [ChildOutcomeInput(child=c, outcome=Outcome.NO_FURTHER_ACTION) for c in (maisie, noah)]
    assert decide(worker, request, level2, outcomes, needs=False)


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (Outcome.EARLY_HELP, "Select the team that will offer Maisie early help"),
        (Outcome.SOCIAL_CARE, "Enter children's social care's reference for Maisie"),
        (Outcome.ADVICE, "Say what advice, service or support Maisie and the family will get"),
    ],
)
def test_each_outcome_needs_its_details(worker, siblings, level2, outcome, message):
    request, maisie, noah = siblings
    outcomes = [
        ChildOutcomeInput(child=maisie, outcome=outcome),
        ChildOutcomeInput(child=noah, outcome=Outcome.NO_FURTHER_ACTION, offer_of_help="Holiday club"),
    ]
    with pytest.raises(ValidationError) as error:
        decide(worker, request, level2, outcomes)
    assert message in error.value.messages


def test_a_rationale_and_every_child_are_required(worker, siblings, level2):
    request, maisie, _ = siblings
    with pytest.raises(ValidationError) as error:
        decide(
            worker,
            request,
            level2,
            [ChildOutcomeInput(child=maisie, outcome=Outcome.NO_FURTHER_ACTION, offer_of_help="x")],
            rationale=" ",
        )
    assert "Enter why you decided this" in error.value.messages
    assert "Record an outcome for every child in the request" in error.value.messages


def test_deciding_twice_keeps_the_first_decision(worker, siblings, level2):
    request, maisie, noah = siblings
    outcomes = [ChildOutcomeInput(child=c, outcome=Outcome.NO_FURTHER_ACTION) for c in (maisie, noah)]
    first = decide(worker, request, level2, outcomes, needs=False)
    second = decide(worker, request, level2, outcomes, needs=False, rationale="Another")
    assert first.pk == second.pk
    assert Decision.objects.count() == 1


def test_feedback_is_emailed_once_and_marked_read_when_the_referrer_opens_it(
    worker, siblings, level2, sign_in, django_capture_on_commit_callbacks
):
    request, maisie, noah = siblings
    outcomes = [ChildOutcomeInput(child=c, outcome=Outcome.NO_FURTHER_ACTION) for c in (maisie, noah)]
    decide(worker, request, level2, outcomes, needs=False)
    feedback = request.feedback
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_send(user=worker, feedback=feedback, text="Edited: we decided no further action.")
        services.feedback_send(user=worker, feedback=feedback, text="Sent again")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dsl@oakfield.example.org"]
    assert "Edited: we decided" in mail.outbox[0].body

    page = sign_in(request.created_by).get(reverse("frontdoor:request_sent", args=[request.pk])).content.decode()
    assert "Edited: we decided no further action." in page
    feedback.refresh_from_db()
    assert feedback.read_at is not None


def test_the_front_door_decides_through_the_page(worker, siblings, level2, team, sign_in):
    request, maisie, noah = siblings
    client = sign_in(worker)
    url = reverse("frontdoor:decide", args=[request.pk])
    assert "Record the decision" in client.get(url).content.decode()
    data = {
        "level": level2.pk,
        "needs_identified": "yes",
        "rationale": "Hunger and lateness at level 2; mum asked for help.",
        "consent_position": "given",
        f"outcome_{maisie.pk}": Outcome.EARLY_HELP,
        f"team_{maisie.pk}": team.pk,
        f"outcome_{noah.pk}": Outcome.NO_FURTHER_ACTION,
    }
    response = client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "A need was identified for Noah: record the help offered, or why no help is offered" in content
    assert "Hunger and lateness at level 2" in content  # nothing typed is lost

    response = client.post(url, {**data, f"offer_of_help_{noah.pk}": "Breakfast club place"})
    assert response["Location"] == reverse("frontdoor:feedback", args=[request.pk])
    feedback_page = client.get(response["Location"]).content.decode()
    assert "Maisie Ashworth: early help" in feedback_page


def test_an_identified_need_closed_without_help_appears_on_the_unmet_need_list(worker, siblings, level2, sign_in):
    request, maisie, noah = siblings
    decide(
        worker,
        request,
        level2,
        [
            ChildOutcomeInput(child=maisie, outcome=Outcome.NO_FURTHER_ACTION, no_help_reason="Mum declined help"),
            ChildOutcomeInput(child=noah, outcome=Outcome.NO_FURTHER_ACTION, offer_of_help="Breakfast club"),
        ],
    )
    content = sign_in(worker).get(reverse("frontdoor:unmet_need")).content.decode()
    assert "Maisie Ashworth" in content
    assert "Mum declined help" in content
    assert "Noah Ashworth" not in content


def nfa_both(worker, request, level, maisie, noah):
    outcomes = [ChildOutcomeInput(child=c, outcome=Outcome.NO_FURTHER_ACTION) for c in (maisie, noah)]
    return decide(worker, request, level, outcomes, needs=False)


def test_a_sample_of_no_further_action_decisions_goes_to_a_manager(worker, siblings, level2, monkeypatch):
    from earlyhelp.frontdoor.models import NfaReview

    monkeypatch.setattr(services, "_sampled", lambda: True)
    request, maisie, noah = siblings
    decision = nfa_both(worker, request, level2, maisie, noah)
    assert decision.nfa_review.reason == NfaReview.Reason.SAMPLE


def test_an_unsampled_decision_is_not_reviewed_unless_it_is_a_repeat_request(worker, siblings, level2, monkeypatch):
    from earlyhelp.frontdoor.models import NfaReview
    from earlyhelp.people.tests.factories import PersonFactory

    monkeypatch.setattr(services, "_sampled", lambda: False)
    request, maisie, noah = siblings
    person = PersonFactory()
    earlier = SupportRequestFactory(
        reference="R26-000000", status=RequestStatus.DECIDED, submitted_at=timezone.now() - datetime.timedelta(days=60)
    )
    RequestChildFactory(request=earlier, matched_person=person)
    maisie.matched_person = person
    maisie.save()
    decision = nfa_both(worker, request, level2, maisie, noah)
    assert decision.nfa_review.reason == NfaReview.Reason.REPEAT


def test_a_decision_with_help_for_every_child_is_not_sampled(worker, siblings, level2, team, monkeypatch):
    from earlyhelp.frontdoor.models import NfaReview

    monkeypatch.setattr(services, "_sampled", lambda: True)
    request, maisie, noah = siblings
    decide(
        worker,
        request,
        level2,
        [ChildOutcomeInput(child=c, outcome=Outcome.EARLY_HELP, team=team) for c in (maisie, noah)],
    )
    assert not NfaReview.objects.exists()


def test_a_manager_records_the_review(worker, siblings, level2, monkeypatch, make_user, sign_in):
    monkeypatch.setattr(services, "_sampled", lambda: True)
    request, maisie, noah = siblings
    review = nfa_both(worker, request, level2, maisie, noah).nfa_review
    client = sign_in(make_user(roles.TEAM_MANAGER))
    url = reverse("frontdoor:nfa_review", args=[review.pk])
    response = client.post(url, {"result": "reconsider", "note": ""})
    assert "Say what the front door should look at again" in response.content.decode()
    response = client.post(url, {"result": "reconsider", "note": "Noah's attendance is 70%: look again."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.result == "reconsider"
    assert "R26-000001" in client.get(reverse("frontdoor:nfa_reviews")).content.decode()


def test_signposting_to_a_directory_service_is_recorded_against_the_child(worker, siblings, level2):
    from earlyhelp.directory.models import Signposting
    from earlyhelp.directory.tests.factories import ServiceFactory
    from earlyhelp.people.tests.factories import PersonFactory

    request, maisie, noah = siblings
    maisie.matched_person = PersonFactory()
    maisie.save()
    club = ServiceFactory(name="Saltmere Stay and Play", phone="01632 960 555")
    decide(
        worker,
        request,
        level2,
        [
            ChildOutcomeInput(child=maisie, outcome=Outcome.ADVICE, service=club),
            ChildOutcomeInput(child=noah, outcome=Outcome.ADVICE, service=club),
        ],
    )
    signposting = Signposting.objects.get()  # Noah is not on the register yet: nothing to record against
    assert (signposting.person, signposting.service) == (maisie.matched_person, club)
    assert signposting.source == "Front door decision on R26-000001"
    request.refresh_from_db()
    assert "Suggested service: Saltmere Stay and Play (01632 960 555)." in request.feedback.text


def test_the_referrer_asks_for_reconsideration_and_the_front_door_sees_it(worker, siblings, level2, sign_in):
    from earlyhelp.escalations.models import Escalation, Subject

    request, maisie, noah = siblings
    nfa_both(worker, request, level2, maisie, noah)
    referrer = sign_in(request.created_by)
    url = reverse("frontdoor:reconsider", args=[request.pk])
    assert "Enter why the decision should be looked at again" in referrer.post(url, {"reason": ""}).content.decode()
    for _ in range(2):
        referrer.post(url, {"reason": "Noah's attendance has fallen to 70% since we asked."})
    escalation = Escalation.objects.get()
    assert (escalation.subject, escalation.subject_reference) == (Subject.FRONT_DOOR_DECISION, "R26-000001")
    triage = sign_in(worker).get(reverse("frontdoor:triage_request", args=[request.pk])).content.decode()
    assert "Reconsideration asked for" in triage
    assert "attendance has fallen to 70%" in triage


def test_unsent_feedback_is_listed_and_shows_when_it_is_overdue(worker, siblings, level2, sign_in):
    from earlyhelp.frontdoor.models import Feedback

    request, maisie, noah = siblings
    nfa_both(worker, request, level2, maisie, noah)
    client = sign_in(worker)
    page = client.get(reverse("frontdoor:feedback_to_send")).content.decode()
    assert "R26-000001" in page
    assert "On time" in page
    Feedback.objects.filter(request=request).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Overdue" in client.get(reverse("frontdoor:feedback_to_send")).content.decode()
    services.feedback_send(user=worker, feedback=request.feedback, text="Told")
    assert "Every referrer has been told" in client.get(reverse("frontdoor:feedback_to_send")).content.decode()


def test_configured_outcomes_wait_for_a_manager_before_the_referrer_is_told(
    worker, siblings, level2, settings, make_user, sign_in
):
    settings.DECISION_AUTHORISATION_OUTCOMES = ["nfa"]
    request, maisie, noah = siblings
    decision = nfa_both(worker, request, level2, maisie, noah)
    assert decision.awaiting_authorisation
    with pytest.raises(ValidationError, match="A manager must authorise this decision"):
        services.feedback_send(user=worker, feedback=request.feedback, text="Too soon")

    manager = make_user(roles.TEAM_MANAGER)
    client = sign_in(manager)
    assert "Decisions to authorise" in client.get(reverse("frontdoor:nfa_reviews")).content.decode()
    client.post(reverse("frontdoor:authorise", args=[request.pk]), {"note": "Agree: universal offer is enough."})
    decision.refresh_from_db()
    assert (decision.authorised_by, decision.authorisation_note) == (manager, "Agree: universal offer is enough.")
    assert services.feedback_send(user=worker, feedback=request.feedback, text="Now").sent_at is not None


def test_other_outcomes_need_no_authorisation(worker, siblings, level2, team, settings):
    settings.DECISION_AUTHORISATION_OUTCOMES = ["nfa"]
    request, maisie, noah = siblings
    decision = decide(
        worker,
        request,
        level2,
        [ChildOutcomeInput(child=c, outcome=Outcome.EARLY_HELP, team=team) for c in (maisie, noah)],
    )
    assert not decision.awaiting_authorisation


def test_the_decision_maker_cannot_authorise_their_own_decision(worker, siblings, level2, settings):
    settings.DECISION_AUTHORISATION_OUTCOMES = ["nfa"]
    from django.contrib.auth.models import Group

    worker.groups.add(Group.objects.get(name=roles.TEAM_MANAGER))
    worker.__dict__.pop("_earlyhelp_roles", None)  # roles are cached on the user object for a request
    request, maisie, noah = siblings
    decision = nfa_both(worker, request, level2, maisie, noah)
    with pytest.raises(ValidationError, match="Someone other than the person who decided"):
        services.decision_authorise(user=worker, decision=decision)
