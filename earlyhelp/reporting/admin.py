"""Administration of the population denominators the equity report uses: reference data, no personal data."""

from django.contrib import admin

from earlyhelp.reporting.models import PopulationEstimate


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(admin.ModelAdmin):
    list_display = ("characteristic", "value", "year", "population", "source")
    list_filter = ("characteristic", "year")
    search_fields = ("value", "source")
