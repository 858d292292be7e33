from django.apps import AppConfig


class ClosuresConfig(AppConfig):
    name = "earlyhelp.closures"
    label = "closures"
    verbose_name = "Closure, family feedback and follow-up"
