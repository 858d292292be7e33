from django.contrib import admin

from earlyhelp.organisations.models import Agency, Skill, Team


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
