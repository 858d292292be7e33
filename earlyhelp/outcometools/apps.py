from django.apps import AppConfig


class OutcomeToolsConfig(AppConfig):
    name = "earlyhelp.outcometools"
    label = "outcometools"
    verbose_name = "Outcome tools"
