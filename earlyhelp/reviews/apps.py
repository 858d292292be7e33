from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "earlyhelp.reviews"
    label = "reviews"
    verbose_name = "Reviews"
