"""The threshold document in the administration site, for administrators of reference data (rules.py).

A draft is edited here: its introduction, its levels (on the document's page) and each level's indicators (on the
level's page). A published or superseded version is shown read-only. To change the thresholds, select the
document in force and run "Create a new draft version from this document", edit the draft, then "Publish".
Nothing is deleted from a published document, and no document is ever deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm, Textarea
from django.http import HttpRequest

from earlyhelp.thresholds.models import Indicator, Level, ThresholdDocument
from earlyhelp.thresholds.services import (
    PUBLISH_PERMISSION,
    threshold_document_create,
    threshold_document_new_version,
    threshold_document_publish,
    threshold_document_update,
    threshold_indicator_remove,
    threshold_indicator_save,
    threshold_level_remove,
    threshold_level_save,
)


def _draft(obj: ThresholdDocument | Level | None) -> bool:
    """True when obj (a document, or a level whose document it is) may be changed; None is a new document."""
    if obj is None:
        return True
    document = obj.document if isinstance(obj, Level) else obj
    return document.is_draft


class LevelInline(admin.StackedInline):
    model = Level
    extra = 0
    fields = ("number", "name", "description", "expected_response", "indicators_note")
    readonly_fields = ("indicators_note",)
    show_change_link = True  # a level's indicators are edited on its own page
    ordering = ("number",)

    @admin.display(description="Indicators")
    def indicators_note(self, obj: Level) -> str:
        if obj.pk is None:
            return "Save the level first, then open it with Change to add its indicators."
        return f"{obj.indicators.count()}: open the level with Change to see or edit them."

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_delete_permission(request, obj)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 1
    fields = ("dimension", "text", "order")
    ordering = ("order", "pk")
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 70})}}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_delete_permission(request, obj)


@admin.register(ThresholdDocument)
class ThresholdDocumentAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "status", "published_at", "published_by", "superseded_at")
    list_display_links = ("version", "title")
    list_filter = ("status",)
    ordering = ("-version",)
    fields = (
        "title",
        "summary",
        "version",
        "status",
        "published_at",
        "published_by",
        "superseded_at",
        "created_from",
    )
    inlines = (LevelInline,)
    actions = ("new_version", "publish")

    readonly_fields = ("version", "status", "published_at", "published_by", "superseded_at", "created_from")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A published or superseded version opens read-only, inlines included.
        return _draft(obj) and super().has_change_permission(request, obj)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A new document gets its version number and status from the service.
        return ("title", "summary") if obj is None else self.fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ThresholdDocument, form: ModelForm, change: bool) -> None:
        user: Any = request.user
        if change:
            saved = threshold_document_update(user=user, document=obj, title=obj.title, summary=obj.summary)
        else:
            saved = threshold_document_create(user=user, title=obj.title, summary=obj.summary)
        # The admin goes on to save the inlines against obj and redirects to it: give it the saved row.
        obj.pk, obj.version, obj.status = saved.pk, saved.version, saved.status

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        # The levels go through the services too, so the admin can change nothing the services would refuse.
        user: Any = request.user
        for level in formset.save(commit=False):
            threshold_level_save(
                user=user,
                document=formset.instance,
                level=level,
                number=level.number,
                name=level.name,
                description=level.description,
                expected_response=level.expected_response,
            )
        for level in formset.deleted_objects:
            threshold_level_remove(user=user, level=level)

    @admin.action(description="Create a new draft version from this document", permissions=["change"])
    def new_version(self, request: HttpRequest, queryset: QuerySet[ThresholdDocument]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select one document to copy.", messages.ERROR)
            return
        user: Any = request.user
        draft = threshold_document_new_version(user=user, source=queryset.get())
        self.message_user(
            request, f"Version {draft.version} created as a draft. Edit it, then publish it.", messages.SUCCESS
        )

    @admin.action(description="Publish (replaces the document in force)", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[ThresholdDocument]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select one draft to publish.", messages.ERROR)
            return
        user: Any = request.user
        try:
            document = threshold_document_publish(user=user, document=queryset.get())
        except (ValidationError, PermissionDenied) as error:
            problems = error.messages if isinstance(error, ValidationError) else ["You cannot publish it."]
            self.message_user(request, "Not published: " + " ".join(problems), messages.ERROR)
            return
        self.message_user(
            request,
            f"Version {document.version} is published and is now the threshold document in force.",
            messages.SUCCESS,
        )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    """A level's page, reached from its document, where its indicators are edited. Not listed on its own."""

    fields = ("document", "number", "name", "description", "expected_response")
    inlines = (IndicatorInline,)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # levels are added on their document's page

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    readonly_fields = ("document",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Level, form: ModelForm, change: bool) -> None:
        user: Any = request.user
        threshold_level_save(
            user=user,
            document=obj.document,
            level=obj,
            number=obj.number,
            name=obj.name,
            description=obj.description,
            expected_response=obj.expected_response,
        )

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        user: Any = request.user
        for indicator in formset.save(commit=False):
            threshold_indicator_save(
                user=user,
                level=formset.instance,
                indicator=indicator,
                dimension=indicator.dimension,
                text=indicator.text,
                order=indicator.order,
            )
        for indicator in formset.deleted_objects:
            threshold_indicator_remove(user=user, indicator=indicator)
