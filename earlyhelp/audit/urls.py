from django.urls import path

from earlyhelp.audit import views

app_name = "audit"

urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("families/<int:family_id>/viewers/", views.family_viewers, name="family_viewers"),
]
