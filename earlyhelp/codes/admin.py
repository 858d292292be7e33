from django.contrib import admin

from earlyhelp.codes.models import Code


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ("list_name", "code", "label", "group", "active")
    list_filter = ("list_name", "active")
    search_fields = ("code", "label")
    readonly_fields = ("list_name", "code", "source")

    def has_add_permission(self, request):
        # Official codes come from the published lists by migration; administrators disable, never invent them.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
