from django.urls import path

from earlyhelp.assessments import views

app_name = "assessments"

urlpatterns = [
    path("<int:episode_id>/assessment/", views.overview, name="overview"),
]
