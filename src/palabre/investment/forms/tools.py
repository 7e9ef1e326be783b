"""Forms of the incentive tools: the tool (with its results when edited), a change of stage, an
activity, an amount mobilised, a lesson or recommendation; the filters of the tools' list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.core.forms import AmountInput
from palabre.directory.models import Organisation
from palabre.territories.models import Country, Region

from ..models import (
    IncentiveTool,
    MobilisedAmount,
    PilotActivity,
    PilotStage,
    ToolKind,
)
from ..services.stages import allowed_stages
from ..services.tools import RESULT_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region.name} ({region.country.name})"


class ToolForm(forms.ModelForm):
    """The tool as its officers describe it. Without an instance (a new tool) it asks for the
    space among those the user is an officer of, and leaves the results for later."""

    space = forms.ModelChoiceField(label=_("Space"), queryset=None, empty_label=None)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("The space's country"),
    )
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.select_related("country"),
        required=False,
        empty_label=_("The whole country"),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = IncentiveTool
        fields = [
            "title",
            "kind",
            "description",
            "country",
            "region",
            "partners",
            "budget",
            "currency",
            "period_start",
            "period_end",
            "visibility",
            *RESULT_FIELDS,
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "budget": AmountInput,
            "results": forms.Textarea(attrs={"rows": 4}),
            "analysis": forms.Textarea(attrs={"rows": 5}),
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
        }
        help_texts = {
            "visibility": _(
                "Public: anyone can read the tool if its space is public. Members only: the "
                "members of the space. Restricted: the secretariat and investment officers."
            ),
        }

    def __init__(self, *args, spaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if spaces is None:
            del self.fields["space"]
            self.fields["country"].required = True
            self.fields["country"].empty_label = None
        else:
            self.fields["space"].queryset = spaces
            for name in RESULT_FIELDS:
                del self.fields[name]

    @property
    def result_fields(self):
        return [self[name] for name in RESULT_FIELDS if name in self.fields]

    def clean(self):
        data = super().clean()
        # Before the model's checks, which then see the region against this country.
        if not data.get("country") and data.get("space"):
            data["country"] = data["space"].country
        return data

    def tool_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("space", None)
        return data


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the tool moves; required to go back to an earlier stage."),
    )

    def __init__(self, *args, tool, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PilotStage.choices)
        self.fields["stage"].choices = [(stage, labels[stage]) for stage in allowed_stages(tool)]


class RecordForm(forms.ModelForm):
    """The three forms share the tool's page: each names its fields' ids apart."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ActivityForm(RecordForm):
    id_prefix = "activity"

    class Meta:
        model = PilotActivity
        fields = ["date", "title", "description", "participants"]
        widgets = {"date": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 3})}


class AmountForm(RecordForm):
    id_prefix = "amount"

    class Meta:
        model = MobilisedAmount
        fields = ["date", "amount", "currency", "source"]
        widgets = {"date": DATE_INPUT, "amount": AmountInput}


class ToolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(incentive_tools__isnull=False).distinct(),
        empty_label=_("Any country"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(incentive_tools__isnull=False).distinct(),
        empty_label=_("Any region"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ToolKind.choices, empty_label=_("Any kind")
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=PilotStage.choices, empty_label=_("Any stage")
    )

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset
