"""Benchmark of the partnership report pages (issue 6): every report page answers within 2 seconds on a seeded
partnership of 10,000 families.

    DATABASE_URL=sqlite:////tmp/earlyhelp-bench.sqlite3 .venv/bin/python bench/reports.py

Run by `make bench` after it seeds the throwaway database. Each page is requested through Django's test client
as a service manager (the widest report scope), for the last complete quarter and for the last financial year,
three times each; the figure kept is the slowest of the three (a cold cache included), with the number of
database queries. The glossary, every CSV and XLSX download and the data pack PDF are timed too. Exits 1 when a
report page takes 2 seconds or more.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 2.0
RUNS = 3


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from earlyhelp.access import roles
    from earlyhelp.accounts.models import User
    from earlyhelp.episodes.models import Episode
    from earlyhelp.organisations.models import Agency, PractitionerProfile
    from earlyhelp.people.models import Family
    from earlyhelp.reporting.filters import ReportFilter, financial_year_of
    from earlyhelp.reporting.registry import sections

    settings.ALLOWED_HOSTS = ["*"]
    user, created = User.objects.get_or_create(email="bench.reports@example.org", defaults={"full_name": "Bench"})
    if created:
        user.groups.add(Group.objects.get(name=roles.SERVICE_MANAGER))
        PractitionerProfile.objects.create(user=user, agency=Agency.objects.first(), job_title="Service manager")
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    quarter = ReportFilter.default(today)
    start, end = financial_year_of(quarter.start)
    periods = {"last quarter": quarter, "financial year": ReportFilter(start=start, end=end)}
    print(f"bench: reports on {Family.objects.count():,} families, {Episode.objects.count():,} episodes")

    def timed(url: str) -> tuple[float, int, int]:
        slowest, queries, status = 0.0, 0, 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
                seconds = time.perf_counter() - began
            assert body is not None
            slowest, queries, status = max(slowest, seconds), len(captured), response.status_code
        return slowest, queries, status

    failures = []
    for label, f in periods.items():
        query = "&".join(f"{k}={v}" for k, v in f.as_query().items())
        for section in sections():
            for kind, url in (
                ("page", f"{reverse('reporting:report', args=[section.slug])}?{query}"),
                ("csv", f"{reverse('reporting:download', args=[section.slug, 'csv'])}?{query}"),
                ("xlsx", f"{reverse('reporting:download', args=[section.slug, 'xlsx'])}?{query}"),
            ):
                seconds, queries, status = timed(url)
                flag = (
                    ""
                    if seconds < LIMIT_SECONDS and status == 200
                    else "  <-- TOO SLOW"
                    if status == 200
                    else f"  <-- HTTP {status}"
                )
                print(f"bench: {label:>14} {section.title:<22} {kind:<4} {seconds:6.2f} s {queries:4d} queries{flag}")
                if kind == "page" and (seconds >= LIMIT_SECONDS or status != 200):
                    failures.append(f"{label} {section.title}")
        seconds, queries, status = timed(f"{reverse('reporting:data_pack')}?{query}")
        print(f"bench: {label:>14} {'Data pack (PDF)':<22} pdf  {seconds:6.2f} s {queries:4d} queries (HTTP {status})")
    seconds, queries, status = timed(reverse("reporting:glossary"))
    print(f"bench: {'':>14} {'Glossary':<22} page {seconds:6.2f} s {queries:4d} queries (HTTP {status})")
    seconds, queries, status = timed(reverse("reporting:annex_a"))
    print(f"bench: {'':>14} {'Annex A List 2':<22} xlsx {seconds:6.2f} s {queries:4d} queries (HTTP {status})")
    if failures:
        print(f"bench: report pages at or over {LIMIT_SECONDS} s: {', '.join(failures)}")
        return 1
    print(f"bench: every report page under {LIMIT_SECONDS} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
