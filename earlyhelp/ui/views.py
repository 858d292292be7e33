from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from earlyhelp.access.decorators import no_personal_data
from earlyhelp.ui.navigation import role_panels


@no_personal_data
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/home.html", {"panels": role_panels(request)})


@require_POST
@login_required
@no_personal_data
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """Called by the timeout warning's "Stay signed in": any request extends the session; this one says so."""
    request.session.modified = True
    return HttpResponse(status=204)
