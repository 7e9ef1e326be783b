import django_filters
from django.utils.translation import gettext_lazy as _

from palabre.territories.models import Country, Language, Region, Sector

from .models import Gender, Organisation, OrganisationKind, Person
from .selectors import organisations_search, people_diaspora, people_search


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name, e-mail or organisation."),
    )
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("Country of residence"),
        field_name="country_of_residence",
        queryset=Country.objects.all(),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region of attachment"),
        field_name="region_of_attachment",
        queryset=Region.objects.all(),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=Sector.objects.all()
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
    )
    diaspora = django_filters.ChoiceFilter(
        label=_("Diaspora"),
        method="filter_diaspora",
        choices=[("yes", _("Diaspora")), ("no", _("Living in the country"))],
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), field_name="languages", queryset=Language.objects.all()
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def search(self, queryset, name, value):
        return people_search(query=value, queryset=queryset)

    def filter_diaspora(self, queryset, name, value):
        return people_diaspora(queryset, diaspora=value == "yes")


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Name, acronym or city.")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset, name, value):
        return organisations_search(query=value, queryset=queryset)
