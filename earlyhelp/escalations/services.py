from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from earlyhelp.accounts.models import User
from earlyhelp.escalations.models import Escalation


@transaction.atomic
def escalation_raise(*, user: User, subject: str, subject_reference: str, reason: str) -> Escalation:
    """Record a disagreement. Asking twice about the same record, while the first is open, adds to nothing new."""
    if not reason.strip():
        raise ValidationError("Say why the decision should be looked at again")
    existing = Escalation.objects.filter(
        raised_by=user, subject=subject, subject_reference=subject_reference, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    return Escalation.objects.create(
        raised_by=user, subject=subject, subject_reference=subject_reference, reason=reason.strip()
    )
