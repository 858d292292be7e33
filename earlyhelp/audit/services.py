from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from earlyhelp.audit.models import AccessAction, AccessEvent


def _client_ip(request: HttpRequest) -> str | None:
    # Behind the production proxy REMOTE_ADDR is the proxy; the proxy's X-Forwarded-For is trusted only there.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR", "")
    return ip or None


def access_event_record(
    *,
    request: HttpRequest,
    action: AccessAction,
    record: Any = None,
    family_id: int | None = None,
    person_id: int | None = None,
    record_ids: Iterable[int] = (),
    query: dict[str, Any] | None = None,
    reason: str = "",
) -> AccessEvent:
    """Write one access event for a read of personal data. Called by access_* selectors, never by views."""
    user = request.user
    return AccessEvent.objects.create(
        user=user if user.is_authenticated else None,
        user_email=getattr(user, "email", "") or "anonymous",
        action=action,
        record_type=record._meta.label_lower if record is not None else "",
        record_id=str(record.pk) if record is not None else "",
        family_id=family_id,
        person_id=person_id,
        record_ids=list(record_ids),
        query=query or {},
        path=request.get_full_path()[:500],
        ip_address=_client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        reason=reason,
    )
