"""Walks every URL pattern of the project.

1. Every project view declares whether it serves personal data (earlyhelp.access.decorators); a view that
   declares nothing fails here, so no page can be added without thinking about access.
2. Every personal-data URL has a row in MATRIX, saying by hand what each kind of user gets. The test requests it
   as each of them. A new personal-data URL without a row fails.
3. Third-party URLs (sign-in, administration) serve no case content: the administration site registers no
   personal-data model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.access.tests.matrix_support import ACTORS, expect, own_request
from earlyhelp.assessments.tests.matrix import ROWS as ASSESSMENT_ROWS
from earlyhelp.audit.models import AccessEvent
from earlyhelp.closures.tests import matrix as closure_matrix
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.episodes.tests.matrix import ROWS as EPISODE_ROWS
from earlyhelp.escalations.tests import matrix as escalation_matrix
from earlyhelp.frontdoor.models import Decision, Feedback, NfaReview, RequestPerson, SupportRequest
from earlyhelp.frontdoor.services import request_start
from earlyhelp.needs.tests import matrix as need_matrix
from earlyhelp.outcometools.tests.matrix import ROWS as OUTCOME_TOOL_ROWS
from earlyhelp.oversight.tests import matrix as oversight_matrix
from earlyhelp.plans.tests.matrix import ROWS as PLAN_ROWS
from earlyhelp.quality.tests import matrix as quality_matrix
from earlyhelp.reporting.tests import matrix as reporting_matrix
from earlyhelp.reviews.tests import matrix as review_matrix
from earlyhelp.supportingfamilies.tests import matrix as supporting_families_matrix
from earlyhelp.thresholds.selectors import threshold_current
from earlyhelp.transitions.tests import matrix as transition_matrix

# Issue 5's apps add their own records to the shared case context, in this order (closure needs the needs).
APP_MATRICES = (
    need_matrix,
    review_matrix,
    oversight_matrix,
    transition_matrix,
    escalation_matrix,
    closure_matrix,
    supporting_families_matrix,
    reporting_matrix,
    quality_matrix,
)

# Sign-in (allauth) and the administration site are checked separately below: they serve no case content.
THIRD_PARTY_MODULES = ("allauth.", "django.")
ADMIN_NAMESPACE = "admin:"
PERSONAL_DATA_APPS = {
    "people",
    "access",
    "audit",
    "frontdoor",
    "escalations",
    "episodes",
    "assessments",
    "plans",
    # Not "needs", "outcometools" or "quality": their reference data (areas of need, tools, audit templates) is
    # administered; their personal records point at a family or an episode, which PERSONAL_DATA_TARGETS catches.
    "reviews",
    "oversight",
    "transitions",
    "closures",
    "supportingfamilies",
}
# A model anywhere that points at a person, a family or a request holds personal data too (a signposting).
PERSONAL_DATA_TARGETS = {"people.person", "people.family", "frontdoor.supportrequest", "episodes.episode"}


MATRIX: dict[str, dict[str, Any]] = {
    "frontdoor:request_step": own_request(lambda ctx: {"request_id": ctx["draft"].pk, "slug": "concerns"}),
    "frontdoor:request_harm_now": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_children": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_household": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_child_add": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_adult_add": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_person": own_request(lambda ctx: {"request_id": ctx["draft"].pk, "person_id": ctx["child"].pk}),
    "frontdoor:request_person_remove": own_request(
        lambda ctx: {"request_id": ctx["draft"].pk, "person_id": ctx["child"].pk}
    ),
    "frontdoor:request_check": own_request(lambda ctx: {"request_id": ctx["draft"].pk}),
    "frontdoor:request_sent": own_request(lambda ctx: {"request_id": ctx["sent"].pk}),
    "frontdoor:reconsider": own_request(lambda ctx: {"request_id": ctx["decided"].pk}),
    "frontdoor:queue": {
        "expect": expect(403, front_door=200),
    },
    "frontdoor:triage_request": {
        "kwargs": lambda ctx: {"request_id": ctx["sent"].pk},
        # Reading the request, and searching the register for the people it names.
        "events": 2,
        "expect": expect(404, front_door=200),
    },
    "frontdoor:decide": {
        "kwargs": lambda ctx: {"request_id": ctx["sent"].pk},
        "expect": expect(404, front_door=200),
    },
    "frontdoor:feedback": {
        "kwargs": lambda ctx: {"request_id": ctx["decided"].pk},
        "expect": expect(404, front_door=200),
    },
    "frontdoor:feedback_to_send": {
        "expect": expect(403, front_door=200),
    },
    "frontdoor:unmet_need": {
        "expect": expect(403, front_door=200, manager=200),
    },
    "frontdoor:match_confirm": {
        "method": "post",
        "kwargs": lambda ctx: {"request_id": ctx["sent"].pk, "person_id": ctx["sent_child"].pk},
        "data": lambda ctx: {"person": ctx["family"].memberships.first().person_id},
        "expect": expect(404, front_door=302),
    },
    "frontdoor:ask_for_information": {
        "method": "post",
        "kwargs": lambda ctx: {"request_id": ctx["sent"].pk},
        "data": lambda ctx: {"question": "Does dad know?"},
        "expect": expect(404, front_door=302),
    },
    "frontdoor:register_person": {
        "method": "post",
        "kwargs": lambda ctx: {"request_id": ctx["sent"].pk, "person_id": ctx["sent_child"].pk},
        "expect": expect(404, front_door=302),
    },
    "frontdoor:authorise": {
        "method": "post",
        "kwargs": lambda ctx: {"request_id": ctx["decided"].pk},
        "expect": expect(404, manager=302),
        "events": 0,
    },
    "frontdoor:nfa_reviews": {
        # The decisions waiting for authorisation, and the reviews.
        "events": 2,
        "expect": expect(403, manager=200),
    },
    "frontdoor:nfa_review": {
        "kwargs": lambda ctx: {"review_id": ctx["review"].pk},
        "expect": expect(404, manager=200),
    },
    "frontdoor:my_requests": {
        "expect": expect(200, front_door=403, information_governance=403, system_admin=403),
    },
    "people:search": {
        "query": {"name": "ashworth"},
        "expect": expect(200, information_governance=403, system_admin=403),
        # The list is scoped: who sees the family's children among the results.
        "shows_family": {"unrelated": False, "lead": True, "taf_member": True, "front_door": True},
    },
    "people:my_families": {
        "expect": expect(200, front_door=403, information_governance=403, system_admin=403),
        "shows_family": {"unrelated": False, "lead": True, "taf_member": True, "manager": True},
    },
    "people:family_detail": {
        "expect": expect(404, lead=200, taf_member=200, front_door=200, manager=200),
    },
    "audit:events": {
        "expect": expect(403, information_governance=200),
    },
    "audit:family_viewers": {
        "expect": expect(403, information_governance=200),
    },
    **EPISODE_ROWS,
    **ASSESSMENT_ROWS,
    **PLAN_ROWS,
    **OUTCOME_TOOL_ROWS,
    **{name: row for app in APP_MATRICES for name, row in app.ROWS.items()},
}


def walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.callback


def project_views() -> list[tuple[str, str, Any]]:
    return [
        (name, route, callback)
        for name, route, callback in walk(get_resolver().url_patterns)
        if not callback.__module__.startswith(THIRD_PARTY_MODULES) and not name.startswith(ADMIN_NAMESPACE)
    ]


def test_every_project_view_declares_whether_it_serves_personal_data():
    views = project_views()
    assert views, "the walk found no project URL"
    undeclared = [f"{name} ({route})" for name, route, view in views if not hasattr(view, "personal_data")]
    assert not undeclared, f"views with no access declaration: {undeclared}"


def test_every_personal_data_url_has_a_matrix_row():
    personal = {name for name, _, view in project_views() if getattr(view, "personal_data", False)}
    assert personal, "no personal-data URL found: the walk is broken"
    assert personal == set(MATRIX), f"add rows to MATRIX for {personal - set(MATRIX)}; remove {set(MATRIX) - personal}"


def test_third_party_urls_are_only_sign_in_and_administration():
    modules = {view.__module__.split(".")[0] for _, _, view in walk(get_resolver().url_patterns)}
    assert modules <= {"allauth", "django", "earlyhelp"}


def test_administration_site_registers_no_personal_data_model():
    def personal(model: Any) -> bool:
        forward = [f for f in model._meta.get_fields() if f.is_relation and not f.auto_created and f.related_model]
        related = {f.related_model._meta.label_lower for f in forward}
        return model._meta.app_label in PERSONAL_DATA_APPS or bool(related & PERSONAL_DATA_TARGETS)

    exposed = [m._meta.label for m in admin.site._registry if personal(m)]
    assert not exposed, f"administrators must see no case content: {exposed}"


def make_decision(request: SupportRequest, user: Any) -> Decision:
    level = threshold_current().levels.first()
    return Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=timezone.now(),
        threshold_document=level.document,
        level=level,
        needs_identified=False,
        rationale="Test",
        consent_position="given",
    )


@pytest.fixture
def actors(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    taf_member = make_user(roles.PRACTITIONER, agency=school)
    draft = request_start(user=lead)
    child = RequestPerson.objects.create(request=draft, is_child=True, first_name="Maisie", last_name="Ashworth")
    sent = SupportRequest.objects.create(source="professional", created_by=lead, status="new", reference="R26-T1")
    sent_child = RequestPerson.objects.create(request=sent, is_child=True, first_name="Noah", last_name="Ashworth")
    decided = SupportRequest.objects.create(
        source="professional", created_by=lead, status="decided", reference="R26-T2"
    )
    Feedback.objects.create(request=decided, text="Decided", due_at=timezone.now())
    review = NfaReview.objects.create(decision=make_decision(decided, lead), reason=NfaReview.Reason.SAMPLE)
    admin_user = make_user(roles.SYSTEM_ADMIN)
    admin_user.is_staff = True
    admin_user.save()
    users = {
        "anonymous": None,
        "unrelated": make_user(roles.PRACTITIONER),
        "lead": lead,
        "front_door": make_user(roles.FRONT_DOOR),
        "information_governance": make_user(roles.INFORMATION_GOVERNANCE),
        "system_admin": admin_user,
        "manager": manager,
        "taf_member": taf_member,
    }
    ctx = {
        **build_case_context(family=family, lead=lead, team=team, taf_user=taf_member, consent=consent),
        "family": family,
        "draft": draft,
        "child": child,
        "sent": sent,
        "sent_child": sent_child,
        "decided": decided,
        "review": review,
        "users": users,
    }
    for app in APP_MATRICES:
        app.extend(ctx)
    return {**users, "ctx": ctx}


def url_for(name: str, route_view: Any, ctx: dict[str, Any]) -> str:
    row = MATRIX[name]
    if "kwargs" in row:
        return reverse(name, kwargs=row["kwargs"](ctx))
    param = getattr(route_view, "record_param", None)
    return reverse(name, kwargs={param: ctx["family"].pk} if param else None)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
@pytest.mark.parametrize("actor", ACTORS)
def test_matrix(url_name, actor, actors, family, client, sign_in):
    view = {name: v for name, _, v in project_views()}[url_name]
    row = MATRIX[url_name]
    user = actors[actor]
    http = sign_in(user) if user else client
    url = url_for(url_name, view, actors["ctx"])
    if row.get("method") == "post":
        response = http.post(url, row["data"](actors["ctx"]) if "data" in row else {})
    else:
        response = http.get(url, row.get("query", {}))
    assert response.status_code == row["expect"][actor], f"{actor} on {url_name}"
    if user is None:
        assert "/accounts/login/" in response["Location"]
        assert not AccessEvent.objects.exists()
    elif response.status_code in (200, 302):
        assert "/accounts/login/" not in response.get("Location", "")
        # Every successful read of personal data leaves its access events (one unless the row says), by this user.
        events = AccessEvent.objects.filter(user=user)
        expected = row.get("events", 1)
        assert events.count() == expected, f"{actor} on {url_name} wrote {events.count()} access events"
    else:
        assert not AccessEvent.objects.exists(), f"a refused request ({actor} on {url_name}) wrote an access event"
    if actor in row.get("shows_family", {}):
        shown = family.name.encode() in response.content
        assert shown is row["shows_family"][actor], f"{actor} {'should' if not shown else 'should not'} see the family"
