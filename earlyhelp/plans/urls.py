from django.urls import path

from earlyhelp.plans import views
from earlyhelp.plans.taf_urls import taf_patterns

app_name = "plans"

urlpatterns = [
    path("<int:episode_id>/plan/", views.plan, name="plan"),
    path("<int:episode_id>/plan/start/", views.plan_start, name="plan_start"),
    path("<int:episode_id>/plan/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("<int:episode_id>/plan/outcomes/<int:outcome_id>/", views.outcome_edit, name="outcome_edit"),
    path("<int:episode_id>/plan/outcomes/<int:outcome_id>/archive/", views.outcome_archive, name="outcome_archive"),
    path("<int:episode_id>/plan/actions/new/", views.action_add, name="action_add"),
    path("<int:episode_id>/plan/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path("<int:episode_id>/plan/actions/<int:action_id>/archive/", views.action_archive, name="action_archive"),
    path("<int:episode_id>/plan/actions/<int:action_id>/progress/", views.action_update, name="action_update"),
    path("<int:episode_id>/plan/views/", views.views_edit, name="views_edit"),
    path("<int:episode_id>/plan/submit/", views.plan_submit, name="plan_submit"),
    path("<int:episode_id>/plan/approval/", views.plan_approve, name="plan_approve"),
    path("<int:episode_id>/plan/family-copy/", views.family_copy, name="family_copy"),
    path("<int:episode_id>/plan/family-copy.pdf", views.family_copy_pdf, name="family_copy_pdf"),
    *taf_patterns,
]
