from django.urls import path

from earlyhelp.needs import views

app_name = "needs"

urlpatterns = [
    path("<int:episode_id>/needs/", views.needs_list, name="list"),
    path("<int:episode_id>/needs/add/", views.need_add, name="add"),
    path("<int:episode_id>/needs/<int:need_id>/archive/", views.need_archive, name="archive"),
]
