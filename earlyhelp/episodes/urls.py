from django.urls import path

from earlyhelp.episodes import views

app_name = "episodes"

urlpatterns = [
    path("<int:episode_id>/", views.detail, name="detail"),
    path("<int:episode_id>/notes/", views.notes, name="notes"),
    path("<int:episode_id>/chronology/", views.chronology, name="chronology"),
]
