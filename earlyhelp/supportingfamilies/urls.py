from django.urls import path

from earlyhelp.supportingfamilies import views

app_name = "supportingfamilies"

urlpatterns = [
    path("ready/", views.ready, name="ready"),
    path("episode/<int:episode_id>/", views.episode, name="episode"),
    path("episode/<int:episode_id>/claim/", views.claim, name="claim"),
]
