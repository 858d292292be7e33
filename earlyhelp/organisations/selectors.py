"""Reads about organisations and the people in them."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from earlyhelp.access import roles


def team_manager_emails(team_id: int | None) -> list[str]:
    """Where a team's managers are told about its work (reviews overdue, audit findings)."""
    if team_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True, groups__name=roles.TEAM_MANAGER, profile__team_id=team_id, profile__isnull=False
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
