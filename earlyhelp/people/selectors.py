"""Reads of people and families. Every read of personal data goes through an access_* selector here, which
checks the access policy, answers 404 for a record the user may not see, and writes the access event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.access.policy import families_visible, families_worked_with, people_visible
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.people.models import Address, Family, FamilyMember, Person, PersonRelationship
from earlyhelp.people.names import normalise_name
from earlyhelp.people.validators import normalise_nhs_number, normalise_postcode

SEARCH_PAGE_SIZE = 20
PERSON_RELATED = ("sex", "ethnicity", "first_language", "religion")


@dataclass(frozen=True)
class PersonSearchCriteria:
    name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""

    def as_log(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v}

    @property
    def is_empty(self) -> bool:
        return not self.as_log()


@dataclass
class MemberView:
    membership: FamilyMember
    person: Person
    relationships: list[PersonRelationship] = field(default_factory=list)

    @property
    def current_addresses(self) -> list[Address]:
        return [a for a in self.person.addresses.all() if a.is_current]


@dataclass
class FamilyRecord:
    family: Family
    children: list[MemberView]
    adults: list[MemberView]
    relationships: list[PersonRelationship]
    involvements: list[Involvement]
    # The family's episodes of help, newest first (issue 4).
    episodes: list[Any] = field(default_factory=list)

    @property
    def members(self) -> list[MemberView]:
        return self.children + self.adults


def _child_sort_key(view: MemberView) -> tuple[int, int]:
    # Unborn children first, then youngest: the most vulnerable at the top of the record.
    person = view.person
    born = person.expected_date_of_birth or person.date_of_birth or date.min
    return (0 if person.is_unborn else 1, -born.toordinal())


def access_family_record(*, request: HttpRequest, family_id: int) -> FamilyRecord:
    family = get_object_or_404(families_visible(request.user), pk=family_id)
    access_event_record(request=request, action=AccessAction.VIEW, record=family, family_id=family.pk)
    memberships = list(
        FamilyMember.objects.filter(family=family)
        .select_related("person", *(f"person__{f}" for f in PERSON_RELATED))
        .prefetch_related(
            "person__disabilities",
            "person__aliases",
            Prefetch("person__addresses", queryset=Address.objects.live().order_by("-moved_in")),
        )
    )
    person_ids = [m.person_id for m in memberships]
    relationships = list(
        PersonRelationship.objects.filter(person_id__in=person_ids, relative_id__in=person_ids, ended_on__isnull=True)
        .select_related("person", "relative")
        .order_by("relative__date_of_birth", "person__legal_last_name")
    )
    views = [MemberView(membership=m, person=m.person) for m in memberships]
    by_person = {v.person.pk: v for v in views}
    for rel in relationships:
        by_person[rel.relative_id].relationships.append(rel)
    children = sorted((v for v in views if v.person.is_child), key=_child_sort_key)
    adults = sorted((v for v in views if not v.person.is_child), key=lambda v: v.person.legal_last_name)
    involvements = list(
        Involvement.objects.current()
        .filter(family=family)
        .exclude(kind__in=[InvolvementKind.AUDIT, InvolvementKind.BREAK_GLASS])
        .select_related("user__profile__agency", "team__agency")
        .order_by("kind", "started_at")
    )
    # Through the reverse accessor: people never imports a capability's models (style.md).
    episodes = list(
        cast(Any, family).episodes.filter(archived_at__isnull=True).select_related("team", "lead_practitioner")
    )
    return FamilyRecord(
        family=family,
        children=children,
        adults=adults,
        relationships=relationships,
        involvements=involvements,
        episodes=episodes,
    )


def _search_queryset(*, request: HttpRequest, criteria: PersonSearchCriteria) -> QuerySet[Person]:
    people = people_visible(request.user)
    for token in normalise_name(criteria.name).split():
        people = people.filter(search_names__contains=token)
    if criteria.date_of_birth:
        people = people.filter(
            Q(date_of_birth=criteria.date_of_birth) | Q(expected_date_of_birth=criteria.date_of_birth)
        )
    if criteria.nhs_number:
        people = people.filter(nhs_number=normalise_nhs_number(criteria.nhs_number))
    if criteria.postcode:
        people = people.filter(addresses__postcode=normalise_postcode(criteria.postcode)).distinct()
    visible_memberships = FamilyMember.objects.filter(family__in=families_visible(request.user)).select_related(
        "family"
    )
    return (
        people.select_related(*PERSON_RELATED)
        .prefetch_related(
            Prefetch("memberships", queryset=visible_memberships),
            Prefetch("addresses", queryset=Address.objects.live().filter(moved_out__isnull=True)),
        )
        .order_by("legal_last_name", "legal_first_name", "pk")
    )


def access_person_search(*, request: HttpRequest, criteria: PersonSearchCriteria, page_number: int | str = 1) -> Page:
    """Search people the user may see; log the search with the terms and the people shown."""
    paginator = Paginator(_search_queryset(request=request, criteria=criteria), SEARCH_PAGE_SIZE)
    page = paginator.get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.SEARCH,
        record_ids=[p.pk for p in page.object_list],
        query=criteria.as_log(),
    )
    return page


def access_my_families(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """The families the user works with, with their children, for the user's own caseload list."""
    children = FamilyMember.objects.select_related("person").order_by("person__date_of_birth")
    families = (
        families_worked_with(request.user)
        .prefetch_related(Prefetch("memberships", queryset=children))
        .order_by("name", "pk")
    )
    page = Paginator(families, SEARCH_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[f.pk for f in page.object_list],
        query={"list": "Your families"},
    )
    return page
