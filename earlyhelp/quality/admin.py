"""Audit templates are configurable data: the partnership's quality lead edits them here. No case content."""

from django.contrib import admin

from earlyhelp.quality.models import AuditQuestion, AuditSection, AuditTemplate


class AuditQuestionInline(admin.TabularInline):
    model = AuditQuestion
    extra = 0
    fields = ("order", "code", "text", "answer_kind", "theme")


@admin.register(AuditSection)
class AuditSectionAdmin(admin.ModelAdmin):
    list_display = ("title", "template", "order")
    list_filter = ("template",)
    inlines = [AuditQuestionInline]


@admin.register(AuditTemplate)
class AuditTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "purpose", "code", "archived_at")
    list_filter = ("purpose",)
    readonly_fields = ("code",)
