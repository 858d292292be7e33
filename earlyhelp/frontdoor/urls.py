from django.urls import path

from earlyhelp.frontdoor import views

app_name = "frontdoor"

urlpatterns = [
    path("mine/", views.my_requests, name="my_requests"),
    path("queue/", views.triage_queue, name="queue"),
    path("unmet-need/", views.unmet_need, name="unmet_need"),
    path("feedback-to-send/", views.feedback_to_send, name="feedback_to_send"),
    path("nfa-reviews/", views.nfa_reviews, name="nfa_reviews"),
    path("nfa-reviews/<int:review_id>/", views.nfa_review, name="nfa_review"),
    path("<int:request_id>/triage/", views.triage_request, name="triage_request"),
    path("<int:request_id>/decide/", views.decide, name="decide"),
    path("<int:request_id>/authorise/", views.authorise, name="authorise"),
    path("<int:request_id>/ask/", views.ask_for_information, name="ask_for_information"),
    path("<int:request_id>/named/<int:person_id>/match/", views.match_confirm, name="match_confirm"),
    path("<int:request_id>/named/<int:person_id>/register/", views.register_person, name="register_person"),
    path("<int:request_id>/feedback/", views.feedback, name="feedback"),
    path("new/", views.request_start, name="request_start"),
    path("<int:request_id>/harm/now/", views.request_harm_now, name="request_harm_now"),
    path("<int:request_id>/children/", views.request_people, {"kind": "child"}, name="request_children"),
    path("<int:request_id>/household/", views.request_people, {"kind": "adult"}, name="request_household"),
    path("<int:request_id>/children/add/", views.request_person, {"kind": "child"}, name="request_child_add"),
    path("<int:request_id>/household/add/", views.request_person, {"kind": "adult"}, name="request_adult_add"),
    path("<int:request_id>/people/<int:person_id>/", views.request_person, {"kind": ""}, name="request_person"),
    path("<int:request_id>/people/<int:person_id>/remove/", views.request_person_remove, name="request_person_remove"),
    path("<int:request_id>/check/", views.request_check, name="request_check"),
    path("<int:request_id>/sent/", views.request_sent, name="request_sent"),
    path("<int:request_id>/reconsider/", views.reconsider, name="reconsider"),
    path("<int:request_id>/<slug:slug>/", views.request_step, name="request_step"),
]
