"""Forms of the action plans: the plan, an action, a progress update, a promotion from the
minutes or a theme; the filters of a plan's actions and of a space's plans."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import CURRENCY_CHOICES, DEFAULT_CURRENCY
from palabre.core.forms import AmountInput
from palabre.core.uploads import document_field
from palabre.directory.models import Organisation
from palabre.spaces.models import Visibility
from palabre.territories.models import Country
from palabre.workflow.models import State

from .models import Action, ActionPlan, ActionStatus, PlanKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    country_a = forms.ModelChoiceField(
        label=_("First country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label="—",
        help_text=_("A bilateral plan only."),
    )
    country_b = forms.ModelChoiceField(
        label=_("Second country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label="—",
        help_text=_("A bilateral plan only."),
    )
    period_start = forms.DateField(label=_("Start of the period"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("End of the period"), widget=DATE_INPUT)
    context = forms.CharField(
        label=_("Context"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        help_text=_(
            "Public: anyone can read the plan once it is published. Members only: the members "
            "of the space. Restricted: the secretariat and the approvers."
        ),
    )

    @classmethod
    def initial_of(cls, plan: ActionPlan) -> dict:
        countries = list(plan.countries.all())
        return {
            "title": plan.title,
            "kind": plan.kind,
            "country_a": countries[0].pk if countries else None,
            "country_b": countries[1].pk if len(countries) > 1 else None,
            "period_start": plan.period_start,
            "period_end": plan.period_end,
            "context": plan.context,
            "objectives": plan.objectives,
            "visibility": plan.visibility,
        }

    def plan_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["countries"] = [data.pop("country_a"), data.pop("country_b")]
        return data


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return str(organisation)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    objective = forms.CharField(
        label=_("Objective"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the action should achieve, and how success will be seen."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=None,
        required=False,
        empty_label=_("— None"),
        help_text=_("A theme the space has retained; it is then marked “in the action plan”."),
    )
    lead_organisation = OrganisationChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE_INPUT)
    budget = forms.DecimalField(
        label=_("Budget"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        widget=AmountInput,
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCY_CHOICES, initial=DEFAULT_CURRENCY
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        return data

    @classmethod
    def initial_of(cls, action: Action) -> dict:
        return {
            "title": action.title,
            "objective": action.objective,
            "theme": action.source_theme_id,
            "lead_organisation": action.lead_organisation_id,
            "partners": [partner.pk for partner in action.partners.all()],
            "start_date": action.start_date,
            "end_date": action.end_date,
            "budget": action.budget,
            "currency": action.currency,
        }

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "plan"}


class PromoteForm(ActionForm):
    """An action from a decision or a theme: into which draft plan of the space, and as what."""

    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=None, empty_label=None)
    field_order = ["plan"]

    def __init__(self, *args, plans, with_theme=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        if not with_theme:
            del self.fields["theme"]


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=timezone.localdate)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("An action that is done counts as 100 %."),
    )
    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = document_field(_("Evidence (optional)"), required=False)


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("Any status")
    )
    lead = django_filters.ModelChoiceFilter(
        label=_("Lead organisation"),
        field_name="lead_organisation",
        queryset=Organisation.objects.none(),
        empty_label=_("Any organisation"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="source_theme",
        queryset=None,
        empty_label=_("Any theme"),
    )
    late = django_filters.BooleanFilter(
        label=_("Late only"), method="late_only", widget=forms.CheckboxInput
    )

    def __init__(self, *args, leads, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["lead"].queryset = leads
        self.filters["theme"].queryset = themes

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(objective__icontains=word))
        return queryset

    def late_only(self, queryset, name, value):
        return queryset.filter(late=True) if value else queryset


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PlanKind.choices, empty_label=_("Any kind")
    )
    adopted = django_filters.ChoiceFilter(
        label=_("Approval"),
        choices=[("yes", _("Adopted")), ("no", _("Not adopted yet"))],
        empty_label=_("Any"),
        method="by_adoption",
    )
    year = django_filters.NumberFilter(label=_("Year"), method="in_year")

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(objectives__icontains=word))
        return queryset

    def by_adoption(self, queryset, name, value):
        adopted = Q(workflow_state__in=[State.APPROVED, State.PUBLISHED])
        return queryset.filter(adopted if value == "yes" else ~adopted)

    def in_year(self, queryset, name, value):
        return queryset.filter(period_start__year__lte=value, period_end__year__gte=value)
