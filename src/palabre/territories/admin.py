from django.contrib import admin

from .models import Country, Language, Region, Sector


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso2", "iso3", "name_fr", "name_en"]
    search_fields = ["iso2", "iso3", "name_fr", "name_en"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "capital", "population"]
    list_filter = ["country"]
    search_fields = ["name", "capital"]
    filter_horizontal = ["main_sectors"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en"]
