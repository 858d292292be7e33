from django.apps import AppConfig


class ThresholdsConfig(AppConfig):
    name = "earlyhelp.thresholds"
    label = "thresholds"
    verbose_name = "Threshold document"
