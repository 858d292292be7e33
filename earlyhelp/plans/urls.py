from django.urls import path

from earlyhelp.plans import views
from earlyhelp.plans.taf_urls import taf_patterns

app_name = "plans"

urlpatterns = [
    path("<int:episode_id>/plan/", views.plan, name="plan"),
    *taf_patterns,
]
