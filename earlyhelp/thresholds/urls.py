from django.urls import path

from earlyhelp.thresholds import views

app_name = "thresholds"

urlpatterns = [
    path("", views.current, name="current"),
    path("<int:version>/", views.version, name="version"),
]
