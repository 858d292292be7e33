from django.apps import AppConfig


class EpisodesConfig(AppConfig):
    name = "earlyhelp.episodes"
    label = "episodes"
    verbose_name = "Early help episodes"
