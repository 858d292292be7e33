"""The daily sweep (ADR 0009): review reminders, overdue escalation confirmations and audit actions, the follow-up
checks after closure, and the evaluation of every current episode's practice standards that the practice standards
report reads. Run it once a day from cron or a systemd timer on one app server; every job is idempotent, so a missed
or repeated run does no harm."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from earlyhelp.closures.services import follow_ups_run
from earlyhelp.escalations.services import escalations_notify_overdue
from earlyhelp.quality.services import audit_actions_notify_overdue
from earlyhelp.reporting.services import standards_evaluate
from earlyhelp.reviews.services import reviews_send_reminders


class Command(BaseCommand):
    help = (
        "Send review reminders and overdue notices, chase unconfirmed escalation and audit actions, run follow-up "
        "checks, evaluate the practice standards of current episodes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        jobs = (
            ("review reminders and overdue notices", reviews_send_reminders),
            ("overdue escalation confirmations", escalations_notify_overdue),
            ("overdue audit actions", audit_actions_notify_overdue),
            ("follow-up checks after closure", follow_ups_run),
        )
        for label, job in jobs:
            done = job(today=today)
            self.stdout.write(f"{label}: {done}")
        # The stored evaluation is of the record as it stands now, whatever --today says.
        self.stdout.write(f"practice standards evaluated: {standards_evaluate()}")
