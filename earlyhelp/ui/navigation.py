"""The service navigation: each item shows only to users who may use it, and only once its app has a URL.

Items are checked by permission or role, never by page, so a page hidden here is still protected by its view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from earlyhelp.access import roles


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url_name: str
    allowed: Callable[..., bool]


ITEMS = (
    NavigationItem("Home", "ui:home", lambda user: user.is_authenticated),
    NavigationItem("Your families", "people:my_families", lambda user: user.has_perm("people.list_own_families")),
    NavigationItem("Front door queue", "frontdoor:queue", lambda user: user.has_perm("frontdoor.triage")),
    NavigationItem("Decision reviews", "frontdoor:nfa_reviews", lambda user: user.has_perm("frontdoor.review_nfa")),
    NavigationItem(
        "Allocate",
        "episodes:awaiting_allocation",
        lambda user: roles.has_role(user, roles.TEAM_MANAGER, roles.SERVICE_MANAGER),
    ),
    NavigationItem(
        "Team dashboard",
        "oversight:dashboard",
        lambda user: roles.has_role(user, roles.TEAM_MANAGER, roles.SERVICE_MANAGER),
    ),
    NavigationItem(
        "Reviews due",
        "reviews:overdue",
        lambda user: roles.has_role(user, roles.PRACTITIONER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER),
    ),
    NavigationItem("Re-evaluations", "episodes:reevaluations", lambda user: user.has_perm("frontdoor.triage")),
    NavigationItem("Step-ups", "transitions:step_ups", lambda user: roles.has_role(user, roles.FRONT_DOOR)),
    NavigationItem(
        "Escalations",
        "escalations:list",
        lambda user: roles.has_role(
            user, roles.PRACTITIONER, roles.FRONT_DOOR, roles.TEAM_MANAGER, roles.SERVICE_MANAGER
        ),
    ),
    NavigationItem(
        "Reports",
        "reporting:index",
        lambda user: roles.has_role(user, roles.TEAM_MANAGER, roles.SERVICE_MANAGER, roles.ANALYST),
    ),
    NavigationItem(
        "Case audits",
        "quality:home",
        lambda user: roles.has_role(user, roles.AUDITOR, roles.TEAM_MANAGER, roles.SERVICE_MANAGER),
    ),
    NavigationItem("Ask for help", "frontdoor:request_start", lambda user: user.has_perm("frontdoor.make_request")),
    NavigationItem("Your requests", "frontdoor:my_requests", lambda user: user.has_perm("frontdoor.make_request")),
    NavigationItem("Find a person", "people:search", lambda user: user.has_perm("people.search_person")),
    NavigationItem("Access log", "audit:events", lambda user: user.has_perm("audit.view_access_log")),
    NavigationItem("Thresholds", "thresholds:current", lambda user: bool(roles.user_roles(user))),
    NavigationItem("Services", "directory:search", lambda user: bool(roles.user_roles(user))),
    NavigationItem("Administration", "admin:index", lambda user: user.is_staff),
)


def url_or_none(url_name: str) -> str | None:
    """The URL, or None while the app that owns it is not installed or not written yet."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation_items(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for item in ITEMS:
        url = url_or_none(item.url_name)
        if url is None or not item.allowed(user):
            continue
        # Home is "/", a prefix of everything, so it is active only on itself.
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "active": active})
    return items


# What each role can do here, in the words of access-rules.md; the home page shows one panel per role held.
ROLE_PANELS: dict[str, tuple[str, tuple[str, ...]]] = {
    roles.PRACTITIONER: (
        "Work with the families you are lead practitioner or Team Around the Family member for: assessment, "
        "plan, reviews, notes and chronology.",
        ("Find a person",),
    ),
    roles.FRONT_DOOR: (
        "Screen requests for help: search, see a family's history summary, decide, allocate and send feedback.",
        ("Find a person",),
    ),
    roles.TEAM_MANAGER: (
        "Oversee the families allocated to your team: approvals, oversight, supervision, drift, reallocation and "
        "time-limited access.",
        ("Team dashboard", "Find a person"),
    ),
    roles.SERVICE_MANAGER: (
        "Oversee your service's families, and approve restrictions and consent overrides.",
        ("Team dashboard", "Find a person"),
    ),
    roles.SAFEGUARDING_LEAD: (
        "See whether a child linked to your organisation has early help, its status and who to contact, "
        "and make requests for help.",
        (),
    ),
    roles.REFERRER: ("Follow the requests for help you made: the decision, the reasons and other help suggested.", ()),
    roles.AUDITOR: (
        "Read the cases assigned to you for an audit, during its window only, and record your findings.",
        ("Case audits",),
    ),
    roles.INFORMATION_GOVERNANCE: (
        "See who viewed which record, break-glass alerts and subject access requests.",
        ("Access log",),
    ),
    roles.ANALYST: ("Use pseudonymised extracts and aggregate figures. You cannot see identifiable records.", ()),
    roles.SYSTEM_ADMIN: ("Manage users, teams and reference data. You cannot see case records.", ("Administration",)),
}


def role_panels(request: HttpRequest) -> list[dict[str, object]]:
    """One panel per role the user holds, linking only to pages the navigation offers them."""
    links = {item["label"]: item for item in navigation_items(request)}
    held = roles.user_roles(getattr(request, "user", None))
    return [
        {
            "title": title,
            "text": ROLE_PANELS[role][0],
            "links": [links[label] for label in ROLE_PANELS[role][1] if label in links],
        }
        for role, title in roles.ROLES.items()
        if role in held and role in ROLE_PANELS
    ]
