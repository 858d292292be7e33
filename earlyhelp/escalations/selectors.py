from __future__ import annotations

from earlyhelp.escalations.models import Escalation


def open_escalations(*, subject: str, subject_reference: str) -> list[Escalation]:
    """Unresolved escalations about one record, oldest first. Callers have already checked access to it."""
    return list(
        Escalation.objects.filter(subject=subject, subject_reference=subject_reference, resolved_at__isnull=True)
        .select_related("raised_by")
        .order_by("created_at")
    )
