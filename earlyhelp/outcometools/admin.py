"""Administration of the outcome tools: reference data only. Readings and scores are personal data and are never
registered here (earlyhelp/access/tests/test_url_matrix.py checks it)."""

from django.contrib import admin

from earlyhelp.outcometools.models import OutcomeTool, ToolArea


class ToolAreaInline(admin.TabularInline):
    model = ToolArea
    fields = ("code", "label", "order", "active")
    extra = 0

    def has_delete_permission(self, request, obj=None):
        # Readings keep their scores: an area no longer used is made inactive, never deleted.
        return False


@admin.register(OutcomeTool)
class OutcomeToolAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "scale_min", "scale_max", "higher_is_better", "active", "order")
    list_filter = ("active",)
    search_fields = ("name", "code")
    inlines = [ToolAreaInline]

    def has_delete_permission(self, request, obj=None):
        return False
