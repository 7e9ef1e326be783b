import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from .models import AuditEvent


def _actors(request):
    return get_user_model().objects.filter(
        pk__in=AuditEvent.objects.values("actor").filter(actor__isnull=False)
    )


def _record_types(request):
    return ContentType.objects.filter(
        pk__in=AuditEvent.objects.values("content_type").filter(content_type__isnull=False)
    ).order_by("app_label", "model")


def _actions():
    return [
        (action, action)
        for action in AuditEvent.objects.order_by("action")
        .values_list("action", flat=True)
        .distinct()
    ]


class RecordTypeField(ModelChoiceField):
    """Shows record types by their translated name ("person"), not their code."""

    def label_from_instance(self, content_type):
        model = content_type.model_class()
        return model._meta.verbose_name if model else content_type.model


class RecordTypeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = RecordTypeField


def _date_filter(label, lookup_expr):
    return django_filters.DateFilter(
        label=label,
        field_name="at",
        lookup_expr=lookup_expr,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AuditEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_actions)
    actor = django_filters.ModelChoiceFilter(label=_("Who"), queryset=_actors)
    content_type = RecordTypeChoiceFilter(label=_("Record type"), queryset=_record_types)
    since = _date_filter(_("From"), "date__gte")
    until = _date_filter(_("Until"), "date__lte")

    class Meta:
        model = AuditEvent
        fields = ["q", "action", "actor", "content_type"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(note__icontains=value)
            | Q(action__icontains=value)
            | Q(actor__email__icontains=value)
            | Q(actor__full_name__icontains=value)
        )
