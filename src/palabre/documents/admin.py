from django.contrib import admin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """The archive is evidence: readable here, never added, changed or deleted by hand."""

    list_display = ["title", "kind", "version", "format", "issued_at", "approved_by_name", "space"]
    list_filter = ["kind", "format"]
    search_fields = ["title", "sha256"]
    list_select_related = ["space"]
    date_hierarchy = "issued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
