"""Append-only access events: who read which personal data, how, when and from where (access-rules.md rule 6)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    LIST = "list", "Listed"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    PRINT = "print", "Printed"
    DOWNLOAD = "download", "Downloaded"
    BREAK_GLASS = "break_glass", "Emergency access"


class AppendOnlyError(Exception):
    pass


class AccessEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # A copy of the email: the log must still say who it was if the account is later renamed.
    user_email = models.CharField(max_length=254)
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    record_type = models.CharField(max_length=60, help_text="app_label.model of the record read")
    record_id = models.CharField(max_length=40, blank=True)
    family_id = models.BigIntegerField(null=True, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)
    record_ids = models.JSONField(default=list, blank=True, help_text="Records shown by a list or search")
    query = models.JSONField(default=dict, blank=True, help_text="The search terms, for searches")
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["family_id", "at"]),
            models.Index(fields=["person_id", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_email} {self.action} {self.record_type}:{self.record_id} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Access events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Access events cannot be deleted")
