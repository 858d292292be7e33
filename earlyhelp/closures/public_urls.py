"""Public pages: the family answers the feedback questionnaire by link, without an account."""

from django.urls import path  # noqa: F401

app_name = "feedback"

urlpatterns: list = []
