from django.contrib import admin

from earlyhelp.organisations.models import Agency, Skill, Team, TrainingRecord


class ArchiveNotDelete(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ("name", "email", "archived_at")
    can_delete = False


@admin.register(Agency)
class AgencyAdmin(ArchiveNotDelete):
    list_display = ("name", "type", "identifier", "archived_at")
    list_filter = ("type",)
    search_fields = ("name", "identifier")
    inlines = (TeamInline,)


@admin.register(Team)
class TeamAdmin(ArchiveNotDelete):
    list_display = ("name", "agency", "archived_at")
    list_filter = ("agency__type",)
    search_fields = ("name", "agency__name")


@admin.register(Skill)
class SkillAdmin(ArchiveNotDelete):
    list_display = ("name", "active")


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ArchiveNotDelete):
    list_display = ("__str__", "agency", "course", "completed_on", "archived_at")
    list_filter = ("course", "agency__type")
    search_fields = ("name", "user__full_name", "user__email", "agency__name")
    date_hierarchy = "completed_on"
    autocomplete_fields = ("user", "agency")
    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        if obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
