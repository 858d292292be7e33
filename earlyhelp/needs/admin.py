"""Administration of the areas of need: reference data only. An episode's needs are personal data and are never
registered here."""

from django.contrib import admin

from earlyhelp.needs.models import NeedArea


@admin.register(NeedArea)
class NeedAreaAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "sf_headline", "parental_risk", "active", "order")
    list_filter = ("active", "parental_risk")
    search_fields = ("label", "code")

    def has_delete_permission(self, request, obj=None):
        # Closed episodes keep their ratings: an area no longer used is made inactive, never deleted.
        return False
