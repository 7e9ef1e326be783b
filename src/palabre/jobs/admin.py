from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are written by the task layer only; the admin is a window on them."""

    list_display = ["created_at", "name", "label", "status", "created_by", "finished_at"]
    list_filter = ["status", "name"]
    search_fields = ["name", "label", "created_by__email"]
    list_select_related = ["created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
