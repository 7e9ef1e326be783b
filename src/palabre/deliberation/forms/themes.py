"""Theme forms and the filters of the theme list."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from palabre.territories.models import Sector

from ..models import Theme, ThemeStatus, theme_statuses_after

AXES_LIST_ID = "theme-axes"


class SectorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ThemeForm(forms.Form):
    """Propose or edit a theme; the axis input suggests the axes already used in the space."""

    def __init__(self, *args, theme: Theme | None = None, **kwargs):
        if theme is not None:
            kwargs["initial"] = {
                "title": theme.title,
                "description": theme.description,
                "axis": theme.axis,
                "sectors": list(theme.sectors.all()),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Theme, fields=["title", "description", "axis"]))
        self.fields["description"].help_text = _(
            "What is at stake, for whom, and what the space could do about it."
        )
        self.fields["axis"].widget.attrs["list"] = AXES_LIST_ID
        self.fields["axis"].widget.attrs["autocomplete"] = "off"
        self.fields["sectors"] = SectorChoices(
            label=_("Sectors"),
            queryset=Sector.objects.order_by("name_fr"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def theme_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("title", "description", "axis", "sectors")
        }


class ThemeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Public reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the theme. Required to set it aside."),
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        # "In the action plan" follows from an action created from the theme, not from here.
        self.fields["status"].choices = [
            (status, ThemeStatus(status).label)
            for status in theme_statuses_after(theme.status)
            if status != ThemeStatus.IN_PLAN
        ]

    def clean(self):
        data = super().clean()
        if data.get("status") == ThemeStatus.SET_ASIDE and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the theme is set aside."))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CommentEditForm(forms.Form):
    text = CommentForm.base_fields["text"]


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown in place of the comment"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for hiding this comment.")},
    )


class Sort:
    NEWEST = "newest"
    SUPPORTED = "supported"
    DISCUSSED = "discussed"
    CHOICES = [
        (NEWEST, _("Newest first")),
        (SUPPORTED, _("Most supported")),
        (DISCUSSED, _("Most discussed")),
    ]
    ORDER = {
        NEWEST: ["-created_at", "-pk"],
        SUPPORTED: ["-support_count", "-created_at", "-pk"],
        DISCUSSED: ["-comment_count", "-created_at", "-pk"],
    }


class ThemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ThemeStatus.choices)
    axis = django_filters.ChoiceFilter(label=_("Axis"), method="in_axis")
    sector = django_filters.ChoiceFilter(label=_("Sector"), method="in_sector")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=Sort.CHOICES, method="sorted_by", empty_label=None
    )

    def __init__(self, data=None, *args, axes=(), **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("sort", Sort.NEWEST)
        super().__init__(data, *args, **kwargs)
        self.filters["axis"].extra["choices"] = [(axis, axis) for axis in axes]
        self.filters["sector"].extra["choices"] = [
            (sector.code, sector.name) for sector in Sector.objects.order_by("name_fr")
        ]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset

    def in_axis(self, queryset, name, value):
        return queryset.filter(axis=value)

    def in_sector(self, queryset, name, value):
        return queryset.filter(sectors__code=value)

    def sorted_by(self, queryset, name, value):
        return queryset.order_by(*Sort.ORDER.get(value, Sort.ORDER[Sort.NEWEST]))
