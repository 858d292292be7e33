from django.urls import path

from earlyhelp.closures import views

app_name = "closures"

urlpatterns = [
    path("<int:episode_id>/closure/", views.closure, name="closure"),
    path("<int:episode_id>/closure/reason/", views.reason, name="reason"),
    path("<int:episode_id>/closure/outcomes/", views.outcomes, name="outcomes"),
    path("<int:episode_id>/closure/summary/", views.summary, name="summary"),
    path("<int:episode_id>/closure/check/", views.check, name="check"),
    path("<int:episode_id>/closure/decision/", views.decide, name="decide"),
    path("<int:episode_id>/closure/feedback/", views.feedback_link, name="feedback_link"),
    path("<int:episode_id>/closure/reopen/", views.reopen, name="reopen"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
]
