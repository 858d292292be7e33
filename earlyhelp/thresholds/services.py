"""Writes to the threshold document (R1.4). Only administrators of reference data change it, and only as a draft:
a published version is fixed, because decisions record the version they applied.

Each service owns its transaction; django-simple-history records every change with the user who made it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from earlyhelp.accounts.models import User
from earlyhelp.thresholds.models import DocumentStatus, Indicator, Level, ThresholdDocument

CHANGE_PERMISSION = "thresholds.change_thresholddocument"
PUBLISH_PERMISSION = "thresholds.publish_thresholddocument"


def _require(user: User, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def _editable(*, document: ThresholdDocument) -> ThresholdDocument:
    """The document, locked and read again from the database, if it is still a draft."""
    locked = ThresholdDocument.objects.select_for_update().get(pk=document.pk)
    locked.check_editable()
    return locked


def _next_version() -> int:
    return (ThresholdDocument.objects.aggregate(latest=Max("version"))["latest"] or 0) + 1


@transaction.atomic
def threshold_document_create(*, user: User, title: str, summary: str = "") -> ThresholdDocument:
    """A new, empty draft with the next version number."""
    _require(user, CHANGE_PERMISSION)
    document = ThresholdDocument(title=title, summary=summary, version=_next_version())
    document._history_user = user  # type: ignore[attr-defined]
    document.save()
    return document


@transaction.atomic
def threshold_document_update(
    *, user: User, document: ThresholdDocument, title: str, summary: str
) -> ThresholdDocument:
    _require(user, CHANGE_PERMISSION)
    locked = _editable(document=document)
    locked.title, locked.summary = title, summary
    locked._history_user = user  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def threshold_document_new_version(*, user: User, source: ThresholdDocument) -> ThresholdDocument:
    """A new draft copied from `source` (usually the published document): every level and indicator, in order.

    The copy has new rows, so decisions that point at the source's levels and indicators keep pointing at what
    they applied.
    """
    _require(user, CHANGE_PERMISSION)
    draft = ThresholdDocument(title=source.title, summary=source.summary, version=_next_version(), created_from=source)
    draft._history_user = user  # type: ignore[attr-defined]
    draft.save()
    for level in Level.objects.filter(document=source).prefetch_related("indicators").order_by("number"):
        copy = Level(
            document=draft,
            number=level.number,
            name=level.name,
            description=level.description,
            expected_response=level.expected_response,
        )
        copy._history_user = user  # type: ignore[attr-defined]
        copy.save()
        for indicator in level.indicators.all():
            copied = Indicator(level=copy, dimension=indicator.dimension, text=indicator.text, order=indicator.order)
            copied._history_user = user  # type: ignore[attr-defined]
            copied.save()
    return draft


def check_publishable(*, document: ThresholdDocument) -> list[str]:
    """What stops a draft being published, in words an administrator can act on; empty when it can be."""
    problems = []
    numbers = sorted(document.levels.values_list("number", flat=True))
    if not numbers:
        problems.append("Add at least one level of need")
    elif numbers != list(range(1, len(numbers) + 1)):
        problems.append("Number the levels 1, 2, 3 and so on, with no gaps")
    return problems


@transaction.atomic
def threshold_document_publish(*, user: User, document: ThresholdDocument) -> ThresholdDocument:
    """Put a draft in force. The document in force until now is superseded in the same transaction, so there is
    never a moment with two published documents (the database refuses that too) or none."""
    _require(user, PUBLISH_PERMISSION)
    locked = ThresholdDocument.objects.select_for_update().get(pk=document.pk)
    if locked.status != DocumentStatus.DRAFT:
        raise ValidationError(f"Version {locked.version} is not a draft, so it cannot be published.")
    problems = check_publishable(document=locked)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    for previous in ThresholdDocument.objects.select_for_update().filter(status=DocumentStatus.PUBLISHED):
        previous.status = DocumentStatus.SUPERSEDED
        previous.superseded_at = now
        previous._history_user = user  # type: ignore[attr-defined]
        previous.save()
    locked.status = DocumentStatus.PUBLISHED
    locked.published_at = now
    locked.published_by = user
    locked._history_user = user  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def threshold_level_save(
    *,
    user: User,
    document: ThresholdDocument,
    level: Level | None,
    number: int,
    name: str,
    description: str,
    expected_response: str,
) -> Level:
    """Add a level to a draft (`level` None or not yet saved) or change one of its levels."""
    _require(user, CHANGE_PERMISSION)
    locked = _editable(document=document)
    if level is None:
        level = Level(document=locked)
    elif level.document_id != locked.pk:
        raise PermissionDenied
    level.document = locked
    level.number, level.name, level.description, level.expected_response = (
        number,
        name,
        description,
        expected_response,
    )
    level.full_clean()
    level._history_user = user  # type: ignore[attr-defined]
    level.save()
    return level


@transaction.atomic
def threshold_indicator_save(
    *, user: User, level: Level, indicator: Indicator | None, dimension: str, text: str, order: int = 0
) -> Indicator:
    """Add an indicator to a level of a draft (`indicator` None or not yet saved) or change one."""
    _require(user, CHANGE_PERMISSION)
    locked = _editable(document=level.document)
    level.document = locked
    if indicator is None:
        indicator = Indicator(level=level)
    elif indicator.level_id != level.pk:
        raise PermissionDenied
    indicator.level = level
    indicator.dimension, indicator.text, indicator.order = dimension, text, order
    indicator.full_clean()
    indicator._history_user = user  # type: ignore[attr-defined]
    indicator.save()
    return indicator


@transaction.atomic
def threshold_level_remove(*, user: User, level: Level) -> None:
    """Take a level out of a draft, once its indicators have gone (they are protected, so none is lost by
    accident). Like an indicator, only a draft's level can go."""
    _require(user, CHANGE_PERMISSION)
    locked = _editable(document=level.document)
    level.document = locked
    level._history_user = user  # type: ignore[attr-defined]
    level.delete()


@transaction.atomic
def threshold_indicator_remove(*, user: User, indicator: Indicator) -> None:
    """Take an indicator out of a draft. Only a draft's rows can go: no decision can have used them, because
    decisions apply the published document. A published indicator is never removed."""
    _require(user, CHANGE_PERMISSION)
    locked = _editable(document=indicator.level.document)
    indicator.level.document = locked
    indicator._history_user = user  # type: ignore[attr-defined]
    indicator.delete()
