from django.urls import path

from earlyhelp.episodes import views_notes, views_overview

app_name = "episodes"

urlpatterns = [
    # The overview and allocation (views_overview).
    path("<int:episode_id>/", views_overview.detail, name="detail"),
    path("<int:episode_id>/allocate/team/", views_overview.allocate_team, name="allocate_team"),
    path("<int:episode_id>/allocate/lead/", views_overview.allocate_lead, name="allocate_lead"),
    path("awaiting-allocation/", views_overview.awaiting_allocation, name="awaiting_allocation"),
    # Contacts and case notes, attachments, the chronology, non-engagement (views_notes).
    path("<int:episode_id>/notes/", views_notes.notes, name="notes"),
    path("<int:episode_id>/notes/add/", views_notes.note_add, name="note_add"),
    path("<int:episode_id>/notes/<int:contact_id>/", views_notes.note_detail, name="note_detail"),
    path("<int:episode_id>/notes/<int:contact_id>/attach/", views_notes.attachment_add, name="attachment_add"),
    path(
        "<int:episode_id>/attachments/<int:attachment_id>/",
        views_notes.attachment_download,
        name="attachment_download",
    ),
    path("<int:episode_id>/chronology/", views_notes.chronology, name="chronology"),
    path("<int:episode_id>/re-evaluation/", views_notes.reevaluation_request, name="reevaluation_request"),
    path("reevaluations/", views_notes.reevaluations, name="reevaluations"),
    path(
        "<int:episode_id>/re-evaluations/<int:reevaluation_id>/",
        views_notes.reevaluation_decide,
        name="reevaluation_decide",
    ),
]
