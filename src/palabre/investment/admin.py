from django.contrib import admin

from .models import ExchangeRate, SupportKind


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "valid_from", "rate", "source"]
    list_filter = ["currency"]
    date_hierarchy = "valid_from"


@admin.register(SupportKind)
class SupportKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "order"]
