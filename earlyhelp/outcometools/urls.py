from django.urls import path

from earlyhelp.outcometools import views

app_name = "outcometools"

urlpatterns = [
    path("<int:episode_id>/tools/", views.readings, name="readings"),
    path("<int:episode_id>/tools/readings/new/", views.reading_add, name="reading_add"),
    path("<int:episode_id>/tools/<int:tool_id>/readings/new/", views.reading_scores, name="reading_scores"),
]
