from django.urls import path

from earlyhelp.reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/overdue/", views.reviews_overdue, name="overdue"),
    path("<int:episode_id>/reviews/", views.review_list, name="list"),
    path("<int:episode_id>/reviews/<int:review_id>/", views.review_record, name="record"),
    path("<int:episode_id>/reviews/<int:review_id>/decision/", views.review_decide, name="decide"),
]
