from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Early help administration"
admin.site.site_title = "Early help administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("earlyhelp.people.urls")),
    path("audit/", include("earlyhelp.audit.urls")),
    path("requests/", include("earlyhelp.frontdoor.urls")),
    path("help/", include("earlyhelp.frontdoor.public_urls")),
    path("feedback/", include("earlyhelp.closures.public_urls")),
    path("thresholds/", include("earlyhelp.thresholds.urls")),
    path("services/", include("earlyhelp.directory.urls")),
    path("episodes/", include("earlyhelp.episodes.urls")),
    path("episodes/", include("earlyhelp.assessments.urls")),
    path("episodes/", include("earlyhelp.plans.urls")),
    path("episodes/", include("earlyhelp.outcometools.urls")),
    path("episodes/", include("earlyhelp.needs.urls")),
    path("episodes/", include("earlyhelp.reviews.urls")),
    path("episodes/", include("earlyhelp.closures.urls")),
    path("oversight/", include("earlyhelp.oversight.urls")),
    path("transitions/", include("earlyhelp.transitions.urls")),
    path("escalations/", include("earlyhelp.escalations.urls")),
    path("supporting-families/", include("earlyhelp.supportingfamilies.urls")),
    path("reports/", include("earlyhelp.reporting.urls")),
    path("quality/", include("earlyhelp.quality.urls")),
    path("", include("earlyhelp.ui.urls")),
]
