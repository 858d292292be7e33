from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "earlyhelp.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
