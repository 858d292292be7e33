from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "earlyhelp.plans"
    label = "plans"
    verbose_name = "Team Around the Family and plans"
