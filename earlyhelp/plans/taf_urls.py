"""URLs of the Team Around the Family pages (joined into plans/urls.py)."""

from django.urls import path

from earlyhelp.plans import taf_views

taf_patterns = [
    path("<int:episode_id>/team/", taf_views.taf, name="taf"),
    path("<int:episode_id>/team/invite/", taf_views.taf_invite, name="taf_invite"),
    path("<int:episode_id>/team/add/", taf_views.taf_member_add, name="taf_member_add"),
    path("<int:episode_id>/team/members/<int:member_id>/end/", taf_views.taf_member_end, name="taf_member_end"),
    path("<int:episode_id>/team/meetings/new/", taf_views.taf_meeting_add, name="taf_meeting_add"),
    path("<int:episode_id>/team/meetings/<int:meeting_id>/", taf_views.taf_meeting, name="taf_meeting"),
]
