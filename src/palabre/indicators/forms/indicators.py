"""The forms of the indicators: filtering the dashboard, defining an indicator, entering a value."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.core.uploads import document_field
from palabre.territories.models import Country

from ..computations import DIMENSIONS, RULES
from ..computations.base import rule_choices
from ..models import Indicator, Level, Method

# Words of the indicators' addresses that a code would shadow (see urls/dashboard.py).
RESERVED_CODES = {"nouveau"}

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by code or title"), method="search")
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Level.choices, empty_label=_("Any level")
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"), choices=Method.choices, empty_label=_("Any method")
    )

    class Meta:
        model = Indicator
        fields = ["q", "level", "method"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(code__icontains=word) | Q(title__icontains=word))
        return queryset


def _dimensions_help() -> str:
    lines = [
        f"{rule.label}: {', '.join(str(DIMENSIONS[d]) for d in rule.dimensions)}"
        for rule in RULES.values()
    ]
    return str(_("Each rule offers its own breakdowns. ")) + " · ".join(lines)


class IndicatorForm(forms.ModelForm):
    """The model's own clean() checks the rule against the unit and the breakdowns."""

    rule = forms.ChoiceField(label=_("Computation rule"), required=False)
    dimensions = forms.MultipleChoiceField(
        label=_("Disaggregations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries measured"),
        required=False,
        queryset=Country.objects.all(),
        # Some 250 countries: a list box (Ctrl or Cmd to pick several) rather than a page of boxes.
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=Indicator._meta.get_field("countries").help_text,
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "description",
            "level",
            "method",
            "rule",
            "unit",
            "dimensions",
            "countries",
            "baseline",
            "baseline_date",
            "comparison",
            "target",
            "frequency",
            "start_date",
            "end_date",
            "cumulative",
            "means_of_verification",
            "order",
            "visibility",
        ]
        widgets = {
            "baseline_date": DATE_INPUT,
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "means_of_verification": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("None (entered by hand)")), *rule_choices()]
        self.fields["dimensions"].choices = [(key, label) for key, label in DIMENSIONS.items()]
        self.fields["dimensions"].help_text = _dimensions_help()
        self.fields["code"].help_text = _("As in the logframe, for instance R1.2; no slash.")
        if self.instance.pk:
            self.initial["countries"] = list(self.instance.countries.all())

    def clean_code(self):
        """The code is part of the indicator's address: no slash, and not a word the addresses
        use themselves."""
        code = self.cleaned_data["code"].strip()
        if any(sign in code for sign in "/?#%\\") or code.lower() in RESERVED_CODES:
            raise forms.ValidationError(_("Use letters, digits, dots and dashes in the code."))
        return code


class ValueForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=2)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the value comes from: a survey, a report, a register…"),
    )
    evidence = document_field(_("Evidence (optional)"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(period.code, period.label) for period in periods]
