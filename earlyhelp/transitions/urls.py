from django.urls import path

from earlyhelp.transitions import views

app_name = "transitions"

urlpatterns = [
    path("episode/<int:episode_id>/", views.episode, name="episode"),
    path("episode/<int:episode_id>/step-up/", views.step_up_new, name="step_up_new"),
    path("episode/<int:episode_id>/step-up/check/", views.step_up_check, name="step_up_check"),
    path("step-ups/", views.step_ups, name="step_ups"),
    path("step-ups/<int:step_up_id>/", views.step_up_detail, name="step_up_detail"),
    path("step-ups/<int:step_up_id>/received/", views.step_up_receive, name="step_up_receive"),
    path("step-ups/<int:step_up_id>/decision/", views.step_up_decide, name="step_up_decide"),
    path("step-ups/<int:step_up_id>/withdraw/", views.step_up_withdraw, name="step_up_withdraw"),
    path("families/<int:family_id>/step-down/", views.step_down_new, name="step_down_new"),
    path("families/<int:family_id>/step-down/check/", views.step_down_check, name="step_down_check"),
    path("step-downs/<int:step_down_id>/", views.step_down_detail, name="step_down_detail"),
]
