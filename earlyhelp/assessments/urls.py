from django.urls import path

from earlyhelp.assessments import views

app_name = "assessments"

urlpatterns = [
    path("<int:episode_id>/assessment/", views.overview, name="overview"),
    path("<int:episode_id>/assessment/start/", views.start, name="start"),
    path("<int:episode_id>/assessment/versions/<int:number>/", views.version, name="version"),
    path("<int:episode_id>/assessment/family-history/", views.history, name="history"),
    path("<int:episode_id>/assessment/children/<int:person_id>/", views.child, name="child"),
    path("<int:episode_id>/assessment/parents-and-carers/<int:person_id>/", views.carer, name="carer"),
    path("<int:episode_id>/assessment/family-and-environment/", views.family, name="family"),
    path("<int:episode_id>/assessment/strengths-needs-risks/", views.strengths, name="strengths"),
    path("<int:episode_id>/assessment/analysis/", views.analysis, name="analysis"),
    path("<int:episode_id>/assessment/factors/", views.factors, name="factors"),
    path("<int:episode_id>/assessment/contribute/", views.contribute, name="contribute"),
    path("<int:episode_id>/assessment/submit/", views.submit, name="submit"),
    path("<int:episode_id>/assessment/sign-off/", views.sign_off, name="sign_off"),
    path("<int:episode_id>/assessment/reassess/", views.reassess, name="reassess"),
]
