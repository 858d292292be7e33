from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "earlyhelp.needs"
    label = "needs"
    verbose_name = "Identified needs"
