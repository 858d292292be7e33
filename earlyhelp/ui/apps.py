from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "earlyhelp.ui"
    label = "ui"
    verbose_name = "Layout and forms"
