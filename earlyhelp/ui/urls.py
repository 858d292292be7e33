from django.urls import path

from earlyhelp.ui import views

app_name = "ui"

urlpatterns = [
    path("", views.home, name="home"),
    path("session/keepalive/", views.session_keepalive, name="session_keepalive"),
]
