"""The service directory in the administration site, for administrators of reference data (rules.py).

Needs and areas are disabled (untick "active"), services archived (the "Archive" action), never deleted: a
signposting recorded against a child must always lead to the service it named.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from earlyhelp.directory.models import Area, Need, Service
from earlyhelp.directory.services import service_archive, service_restore


class NoDelete(admin.ModelAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(Need)
class NeedAdmin(NoDelete):
    list_display = ("name", "active")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(Area)
class AreaAdmin(NoDelete):
    list_display = ("name", "active")
    list_filter = ("active",)
    search_fields = ("name",)


class ArchivedFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("live", "In the directory"), ("archived", "Archived")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> QuerySet[Service]:
        if self.value() == "live":
            return queryset.filter(archived_at__isnull=True)
        if self.value() == "archived":
            return queryset.filter(archived_at__isnull=False)
        return queryset


@admin.register(Service)
class ServiceAdmin(NoDelete):
    list_display = ("name", "provider_display", "ages_display", "covers_all_areas", "archived_at")
    list_filter = (ArchivedFilter, "needs", "areas", "covers_all_areas", "walk_in", "self_referral")
    search_fields = ("name", "description", "provider_name", "provider__name")
    list_select_related = ("provider",)
    filter_horizontal = ("needs", "areas", "languages")
    readonly_fields = ("archived_at",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ("archive", "restore")
    fieldsets = (
        (None, {"fields": ("name", "provider", "provider_name", "description")}),
        ("Who it is for", {"fields": ("for_pregnancy", "min_age", "max_age", "needs", "covers_all_areas", "areas")}),
        ("How to get in", {"fields": ("walk_in", "self_referral", "professional_referral", "languages", "cost")}),
        ("Contact", {"fields": ("phone", "email", "website", "address", "opening_times")}),
        ("Status", {"fields": ("archived_at",)}),
    )

    @admin.display(description="provider")
    def provider_display(self, obj: Service) -> str:
        return obj.provider_display

    @admin.display(description="who it is for")
    def ages_display(self, obj: Service) -> str:
        return obj.ages_display

    @admin.action(description="Archive (take out of the directory)", permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        user: Any = request.user
        for service in queryset:
            service_archive(user=user, service=service)
        self.message_user(request, f"{queryset.count()} service(s) archived.", messages.SUCCESS)

    @admin.action(description="Restore to the directory", permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        user: Any = request.user
        for service in queryset:
            service_restore(user=user, service=service)
        self.message_user(request, f"{queryset.count()} service(s) restored.", messages.SUCCESS)
