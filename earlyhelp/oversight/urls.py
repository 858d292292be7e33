from django.urls import path

from earlyhelp.oversight import views

app_name = "oversight"

urlpatterns = [
    path("episode/<int:episode_id>/", views.episode, name="episode"),
    path("episode/<int:episode_id>/add/", views.entry_add, name="entry_add"),
    path("supervision/", views.supervisions, name="supervisions"),
    path("supervision/<int:user_id>/add/", views.supervision_add, name="supervision_add"),
    path("supervision/record/<int:supervision_id>/", views.supervision_detail, name="supervision_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
