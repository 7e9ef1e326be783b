from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin

from . import services
from .filters import NotificationFilter
from .forms import PreferenceForm
from .selectors import frequency_of, notifications_of


class NotificationListView(PermissionRequiredMixin, HtmxPartialMixin, FilterView):
    permission_required = "notifications.view_own"
    filterset_class = NotificationFilter
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return notifications_of(self.request.user)


class NotificationOpenView(PermissionRequiredMixin, View):
    """The link of a notification: marks it read, then goes where it points."""

    permission_required = "notifications.view_own"

    def get(self, request, pk):
        notification = get_object_or_404(notifications_of(request.user), pk=pk)
        services.mark_read(user=request.user, notification=notification)
        if url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notification.url)
        return redirect("notifications:list")


class MarkAllReadView(PermissionRequiredMixin, View):
    permission_required = "notifications.view_own"

    def post(self, request):
        count = services.mark_all_read(user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
        return redirect("notifications:list")


class PreferenceView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "notifications.change_own_preferences"
    form_class = PreferenceForm
    template_name = "notifications/preferences.html"
    success_message = _("Your e-mail preference has been saved.")

    def get_initial(self):
        return {"frequency": frequency_of(self.request.user)}

    def save(self, form):
        return services.preference_set(user=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("notifications:preferences")
