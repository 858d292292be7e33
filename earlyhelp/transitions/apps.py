from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "earlyhelp.transitions"
    label = "transitions"
    verbose_name = "Step-up and step-down"
