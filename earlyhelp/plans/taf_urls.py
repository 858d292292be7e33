"""URLs of the Team Around the Family pages (joined into plans/urls.py)."""

from django.urls import path

from earlyhelp.plans import views

taf_patterns = [
    path("<int:episode_id>/team/", views.taf, name="taf"),
]
