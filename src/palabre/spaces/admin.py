from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from .models import College, Membership, Space
from .services import check_regions


class CollegeInline(admin.TabularInline):
    model = College
    extra = 0


class SpaceAdminForm(forms.ModelForm):
    def clean(self):
        # The admin saves without the services; the regions rule must hold here too.
        cleaned = super().clean()
        try:
            check_regions(cleaned.get("country"), cleaned.get("regions") or [])
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    form = SpaceAdminForm
    list_display = ["name", "kind", "country", "status", "visibility"]
    list_filter = ["kind", "status", "visibility", "country", "regions"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["regions"]
    list_select_related = ["country"]
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
