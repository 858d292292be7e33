from django.urls import path

from earlyhelp.people import views

app_name = "people"

urlpatterns = [
    path("people/search/", views.person_search, name="search"),
    path("families/", views.my_families, name="my_families"),
    path("families/<int:family_id>/", views.family_detail, name="family_detail"),
]
