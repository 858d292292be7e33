from django.apps import AppConfig


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "earlyhelp.quality"
    verbose_name = "Quality assurance"
