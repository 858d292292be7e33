from django.urls import path

from earlyhelp.outcometools import views

app_name = "outcometools"

urlpatterns = [
    path("<int:episode_id>/tools/", views.readings, name="readings"),
]
