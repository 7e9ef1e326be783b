import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Job, JobStatus


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JobStatus.choices)

    class Meta:
        model = Job
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(label__icontains=value) | Q(name__icontains=value))
