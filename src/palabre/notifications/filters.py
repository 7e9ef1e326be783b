import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Notification


class NotificationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("unread", _("Unread only"))],
        empty_label=_("All notifications"),
        method="filter_state",
    )

    class Meta:
        model = Notification
        fields = ["state"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(read_at__isnull=True) if value == "unread" else queryset
