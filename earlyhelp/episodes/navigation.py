"""The sections of an episode, shown as sub-navigation on every page inside it. A Team Around the Family member
who has nothing more sees only the sections open to partners (access-rules.md); the pages check again."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from earlyhelp.episodes.selectors import EpisodeAccess

# key, label, URL name, open to a partner-only Team Around the Family member
SECTIONS = (
    ("overview", "Overview", "episodes:detail", True),
    ("notes", "Contacts and notes", "episodes:notes", True),
    ("chronology", "Chronology", "episodes:chronology", False),
    ("assessment", "Assessment", "assessments:overview", True),
    ("needs", "Needs", "needs:list", False),
    ("taf", "Team Around the Family", "plans:taf", True),
    ("plan", "Plan", "plans:plan", True),
    ("reviews", "Reviews", "reviews:list", True),
    ("tools", "Outcome tools", "outcometools:readings", False),
    ("oversight", "Oversight", "oversight:episode", False),
    ("transitions", "Step-up and step-down", "transitions:episode", False),
    ("closure", "Closure", "closures:closure", False),
    ("audits", "Case audits", "quality:episode_audits", False),
)


def episode_context(access: EpisodeAccess, section: str, **extra: Any) -> dict[str, Any]:
    """The context every page inside an episode renders episode_base.html with."""
    sections = [
        (key, label, reverse(url_name, args=[access.episode.pk]))
        for key, label, url_name, partners in SECTIONS
        if partners or not access.partner_only
    ]
    return {"access": access, "episode": access.episode, "section": section, "episode_sections": sections, **extra}
