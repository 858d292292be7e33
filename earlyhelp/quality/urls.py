from django.urls import path

from earlyhelp.quality import views, views_findings

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<int:programme_id>/", views.programme_detail, name="programme"),
    path("programmes/<int:programme_id>/sample/", views.programme_sample, name="programme_sample"),
    path("programmes/<int:programme_id>/add-case/", views.programme_case_add, name="programme_case_add"),
    path("programmes/<int:programme_id>/findings/", views_findings.findings, name="findings"),
    path(
        "programmes/<int:programme_id>/findings.<str:fmt>", views_findings.findings_download, name="findings_download"
    ),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:case_id>/moderate/", views.case_moderate, name="case_moderate"),
    path("cases/<int:case_id>/actions/add/", views.action_add, name="action_add"),
    path("cases/<int:case_id>/respond/", views.case_respond, name="case_respond"),
    path("cases/<int:case_id>/reaudit/", views.case_reaudit, name="case_reaudit"),
    path("actions/<int:action_id>/confirm/", views.action_confirm, name="action_confirm"),
    path("audits/<int:agency_audit_id>/", views.audit_tasks, name="audit"),
    path("audits/<int:agency_audit_id>/sections/<int:order>/", views.audit_section, name="audit_section"),
    path("audits/<int:agency_audit_id>/send/", views.audit_submit, name="audit_submit"),
    path("episodes/<int:episode_id>/", views.episode_audits, name="episode_audits"),
]
