"""Writes to the service directory (issue 3, item 11). Each service owns its transaction; django-simple-history
records every change with the user who made it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.accounts.models import User
from earlyhelp.directory.models import Service, Signposting
from earlyhelp.people.models import Person


@transaction.atomic
def signposting_record(*, user: User, service: Service, person: Person, source: str, note: str = "") -> Signposting:
    """Record that `person` (a child) was signposted to `service`, by `user`, in `source` (for example "front door
    decision R26-000123"). Called by the pages that signpost: decisions and feedback."""
    if service.is_archived:
        raise ValidationError(f"{service.name} is no longer running, so no one can be signposted to it.")
    if not source.strip():
        raise ValidationError("Say where the signposting was given, for example the decision's reference.")
    signposting = Signposting(
        service=service, person=person, made_by=user, made_at=timezone.now(), source=source.strip(), note=note
    )
    signposting._history_user = user  # type: ignore[attr-defined]
    signposting.save()
    return signposting


@transaction.atomic
def service_archive(*, user: User, service: Service) -> Service:
    """Take a service out of the directory. It is kept, with its signpostings: it is never deleted."""
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if locked.archived_at is None:
        locked.archived_at = timezone.now()
        locked.version += 1
        locked._history_user = user
        locked.save()
    return locked


@transaction.atomic
def service_restore(*, user: User, service: Service) -> Service:
    """Put an archived service back in the directory."""
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if locked.archived_at is not None:
        locked.archived_at = None
        locked.version += 1
        locked._history_user = user
        locked.save()
    return locked
