from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "earlyhelp.escalations"
    label = "escalations"
    verbose_name = "Escalation and professional disagreement"
