from django.contrib import admin

from .models import College, Membership, Space


class CollegeInline(admin.TabularInline):
    model = College
    extra = 0


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "region", "status", "visibility"]
    list_filter = ["kind", "status", "visibility", "country"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["country", "region"]
    inlines = [CollegeInline]


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    list_display = ["name", "space", "seats", "order"]
    list_filter = ["space"]
    search_fields = ["name", "space__name"]
    list_select_related = ["space"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Kept for inspection and repairs; the management page records changes in the audit log."""

    list_display = ["person", "space", "college", "role", "vote", "start_date", "end_date"]
    list_filter = ["role", "vote", "space"]
    search_fields = ["person__first_name", "person__last_name", "space__name"]
    raw_id_fields = ["person", "organisation"]
    autocomplete_fields = ["college"]
    list_select_related = ["person", "space", "college"]
    date_hierarchy = "start_date"
