from django.urls import path

from earlyhelp.plans import views

app_name = "plans"

urlpatterns = [
    path("<int:episode_id>/team/", views.taf, name="taf"),
    path("<int:episode_id>/plan/", views.plan, name="plan"),
]
