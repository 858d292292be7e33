from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "earlyhelp.organisations"
    label = "organisations"
    verbose_name = "Organisations"
