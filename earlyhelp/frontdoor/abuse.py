"""Protection for the public self-referral form, which anyone can reach without an account."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

# Enough for a family who makes a mistake and tries again; far too few for a script.
SELF_REFERRALS_PER_HOUR = 5
WINDOW_SECONDS = 60 * 60


def client_ip(request: HttpRequest) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR", "")


def self_referral_allowed(request: HttpRequest) -> bool:
    """Count one attempt from this address; False once the hourly allowance is used up."""
    key = f"self-referral:{client_ip(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        attempts = 1
    return attempts <= SELF_REFERRALS_PER_HOUR
