from django.urls import path

from earlyhelp.escalations import views

app_name = "escalations"

urlpatterns = [
    path("", views.escalation_list, name="list"),
    path("new/", views.escalation_raise, name="raise"),
    path("<int:escalation_id>/", views.escalation_detail, name="detail"),
    path("<int:escalation_id>/take/", views.escalation_take, name="take"),
    path("<int:escalation_id>/stage/", views.escalation_move, name="move"),
    path("<int:escalation_id>/actions/add/", views.action_add, name="action_add"),
    path(
        "<int:escalation_id>/actions/<int:action_id>/confirm/",
        views.action_confirm,
        name="action_confirm",
    ),
    path("<int:escalation_id>/resolve/", views.escalation_resolve, name="resolve"),
]
