from django.contrib import admin

from .models import ConsentRecord, Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "city"]
    autocomplete_fields = ["country", "region"]
    filter_horizontal = ["sectors"]


class ConsentRecordInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    fields = ["purpose", "given_at", "withdrawn_at", "source", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "organisation", "country_of_residence"]
    list_filter = ["gender", "organisation__kind", "country_of_residence"]
    list_select_related = ["organisation", "country_of_residence"]
    search_fields = ["last_name", "first_name", "normalised_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "country_of_residence", "region_of_attachment"]
    raw_id_fields = ["user"]
    filter_horizontal = ["sectors", "languages"]
    readonly_fields = ["normalised_name", "merged_into", "created_at", "updated_at"]
    inlines = [ConsentRecordInline]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "purpose", "given_at", "withdrawn_at"]
    list_select_related = ["person"]
    search_fields = ["person__last_name", "person__first_name", "purpose"]
    autocomplete_fields = ["person"]
    readonly_fields = ["recorded_by"]
