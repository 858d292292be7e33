from django.urls import path

from earlyhelp.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("glossary/", views.glossary, name="glossary"),
    path("annex-a/list-2.xlsx", views.annex_a, name="annex_a"),
    path("data-pack.pdf", views.data_pack, name="data_pack"),
    path("<slug:slug>/", views.report, name="report"),
    path("<slug:slug>/download.<str:fmt>", views.download, name="download"),
    path("<slug:slug>/records/", views.records, name="records"),
]
