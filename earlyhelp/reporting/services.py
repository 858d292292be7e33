"""Jobs that prepare data for the partnership reports."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.episodes.standards import evaluate, standards_records
from earlyhelp.reporting.models import StandardsEvaluation

# Episodes closed within this many days are still evaluated, so the quarters of the last year stay right.
CLOSED_WITHIN_DAYS = 400


def standards_evaluate(*, now: datetime | None = None, batch: int = 500) -> int:
    """Evaluate the practice standards (PS1 to PS12) of every live episode that is open, waiting for allocation or
    closed within the last `CLOSED_WITHIN_DAYS` days, and store the results (one `StandardsEvaluation` an episode,
    replaced on each run) for the practice standards report. Each batch of `batch` episodes is read with
    `standards_records` and written in its own transaction. Returns how many episodes were evaluated."""
    now = now or timezone.now()
    ids = list(
        Episode.objects.live()
        .filter(
            Q(status__in=[EpisodeStatus.OPEN, EpisodeStatus.AWAITING_ALLOCATION])
            | Q(closed_at__gte=now - timedelta(days=CLOSED_WITHIN_DAYS))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            episodes = list(Episode.objects.filter(pk__in=chunk).select_related("lead_practitioner").order_by("pk"))
            rows = [
                StandardsEvaluation(
                    episode_id=record.episode.pk,
                    evaluated_at=now,
                    results={result.id: str(result.status) for result in evaluate(record)},
                )
                for record in standards_records(episodes)
            ]
            StandardsEvaluation.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["episode"],
                update_fields=["evaluated_at", "results"],
            )
    return len(ids)
