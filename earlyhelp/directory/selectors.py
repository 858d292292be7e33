"""Reads of the service directory (issue 3, item 11). Services are the partnership's published offer, not personal
data: every signed-in user may search them. Signpostings are personal data and get an access_* selector with the
first page that shows them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from earlyhelp.directory.models import AccessRoute, Area, Need, Service


def _with_details(services: QuerySet[Service]) -> QuerySet[Service]:
    # A fixed number of queries however many services: services with providers, then needs, areas, languages.
    return services.select_related("provider").prefetch_related("needs", "areas", "languages")


def services_search(
    *,
    need: Need | None,
    age: int | None,
    area: Area | None,
    text: str = "",
    access_route: str = "",
    pregnancy: bool = False,
) -> QuerySet[Service]:
    """Live services matching every criterion given, by name.

    An age matches a service whose range includes it; a blank end of the range is no limit. An area matches a
    service that names it or covers all areas. Each word of `text` must appear in the name, description or provider.
    `pregnancy` keeps the services for expectant parents.
    """
    services = Service.objects.live()
    if need is not None:
        services = services.filter(Exists(Service.needs.through.objects.filter(service=OuterRef("pk"), need=need)))
    if age is not None:
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=age)
        )
    if area is not None:
        services = services.filter(
            Q(covers_all_areas=True) | Exists(Service.areas.through.objects.filter(service=OuterRef("pk"), area=area))
        )
    for word in text.split():
        services = services.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(provider_name__icontains=word)
            | Q(provider__name__icontains=word)
        )
    if access_route:
        if access_route not in AccessRoute.values:
            raise ValueError(f"Unknown access route {access_route!r}")
        services = services.filter(**{access_route: True})
    if pregnancy:
        services = services.filter(for_pregnancy=True)
    return _with_details(services).order_by("name", "pk")


def service_detail(*, service_id: int) -> Service:
    """One service with its details, archived or not: a past signposting must still lead to where it sent the
    family. Raises Service.DoesNotExist."""
    return _with_details(Service.objects.all()).get(pk=service_id)


def needs_active() -> QuerySet[Need]:
    return Need.objects.filter(active=True)


def areas_active() -> QuerySet[Area]:
    return Area.objects.filter(active=True)
