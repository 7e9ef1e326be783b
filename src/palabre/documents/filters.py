import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Space

from .models import DocumentFormat, IssuedDocument, kind_label
from .selectors import documents_visible_to


def _kinds():
    kinds = IssuedDocument.objects.order_by("kind").values_list("kind", flat=True).distinct()
    return [(kind, kind_label(kind)) for kind in kinds]


def _spaces(request):
    """Only the spaces whose documents the user may see."""
    if request is None:
        return Space.objects.none()
    visible = documents_visible_to(request.user).filter(space__isnull=False)
    return Space.objects.filter(pk__in=visible.values("space")).order_by("name")


class IssuedDocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search in titles"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=_kinds)
    format = django_filters.ChoiceFilter(label=_("Format"), choices=DocumentFormat.choices)
    space = django_filters.ModelChoiceFilter(label=_("Space"), queryset=_spaces)

    class Meta:
        model = IssuedDocument
        fields = ["q", "kind", "format", "space"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(sha256__startswith=value.lower()))
