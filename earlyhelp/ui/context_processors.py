from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from earlyhelp.ui.navigation import navigation_items


def layout(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {
        "service_name": settings.SERVICE_NAME,
        "phase": settings.PHASE,
        "demo_mode": settings.DEMO_MODE,
        # Lazy: HTMX partials rendered with this context never show the navigation, so never pay for it.
        "navigation": SimpleLazyObject(lambda: navigation_items(request)),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["session_timeout_seconds"] = settings.SESSION_COOKIE_AGE
        context["session_warning_seconds"] = settings.SESSION_WARNING_SECONDS
    return context
