from django.conf import settings
from django_filters.views import FilterView

from palabre.core.permissions import PermissionRequiredMixin

from .filters import AuditEventFilter
from .selectors import attach_record_urls, audit_events


class AuditEventListView(PermissionRequiredMixin, FilterView):
    permission_required = "audit.view_auditevent"
    filterset_class = AuditEventFilter
    template_name = "audit/auditevent_list.html"
    context_object_name = "events"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return audit_events()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = attach_record_urls(context["events"])
        return context
