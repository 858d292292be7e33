from django.apps import AppConfig


class SupportingFamiliesConfig(AppConfig):
    name = "earlyhelp.supportingfamilies"
    label = "supportingfamilies"
    verbose_name = "Supporting Families"
