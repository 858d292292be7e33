"""Public pages: a family asks for help without an account."""

from django.urls import path

from earlyhelp.frontdoor import views

app_name = "help"

urlpatterns = [
    path("", views.self_referral, name="self_referral"),
    path("sent/", views.self_referral_sent, name="self_referral_sent"),
]
