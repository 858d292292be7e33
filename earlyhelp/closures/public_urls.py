"""Public pages: the family answers the feedback questionnaire by link, without an account."""

from django.urls import path

from earlyhelp.closures import views

app_name = "feedback"

urlpatterns = [
    path("thank-you/", views.thanks, name="thanks"),
    path("<str:token>/", views.questionnaire, name="questionnaire"),
]
