import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.directory.names import normalise_name
from palabre.territories.models import Country, Region

from .models import College, Role, SpaceKind, SpaceStatus


class SpaceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SpaceKind.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.filter(spaces__isnull=False).distinct()
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="regions",
        distinct=True,
        queryset=Region.objects.filter(spaces__isnull=False).distinct().select_related("country"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SpaceStatus.choices)

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(summary__icontains=word) | Q(slug__icontains=word)
            )
        return queryset


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    college = django_filters.ModelChoiceFilter(label=_("College"), queryset=College.objects.none())
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["college"].queryset = space.colleges.all()

    def search(self, queryset, name, value):
        # The same accent- and order-insensitive key the directory uses to spot duplicates.
        for word in normalise_name(value).split():
            queryset = queryset.filter(person__normalised_name__contains=word)
        return queryset
