from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "earlyhelp.codes"
    label = "codes"
    verbose_name = "Official code lists"
