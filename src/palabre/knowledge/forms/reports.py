"""Forms of the capitalisation reports: a new report, its draft, and the filters of the list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Visibility
from palabre.workflow.models import State

from ..models import CapitalisationReport

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VISIBILITY_HELP = _(
    "Public: anyone can read the report once it is published. Members only: the members of the "
    "space. Restricted: the secretariat and the approvers."
)


def _text(label, rows: int = 6, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class ReportCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    stage = forms.CharField(
        label=_("Stage"),
        max_length=200,
        required=False,
        help_text=_("The stage of the process it capitalises, for instance “Constitution”."),
    )
    period_start = forms.DateField(label=_("Start of the period"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("End of the period"), widget=DATE_INPUT)
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        help_text=VISIBILITY_HELP,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


class EntryChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, entry):
        return entry.title


class ReportEditForm(ReportCreateForm):
    context = _text(_("Context"), help_text=_("The situation the stage started from."))
    process = _text(
        _("Process"), help_text=_("How it went: the meetings, who took part, the steps.")
    )
    results = _text(_("Results"), help_text=_("What it gave: decisions, actions, figures."))
    replication = _text(
        _("Conditions for replication"),
        help_text=_("What another territory would need to do the same."),
    )
    lessons = EntryChoices(label=_("Lessons learned"), queryset=None, required=False)
    recommendations = EntryChoices(label=_("Recommendations"), queryset=None, required=False)

    field_order = [
        "title",
        "stage",
        "period_start",
        "period_end",
        "context",
        "process",
        "results",
        "lessons",
        "recommendations",
        "replication",
        "visibility",
    ]

    def __init__(self, *args, lessons, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = lessons
        self.fields["recommendations"].queryset = recommendations

    @staticmethod
    def initial_of(report: CapitalisationReport) -> dict:
        return {
            "title": report.title,
            "stage": report.stage,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "context": report.context,
            "process": report.process,
            "results": report.results,
            "replication": report.replication,
            "visibility": report.visibility,
            "lessons": list(report.lessons.all()),
            "recommendations": list(report.recommendations.all()),
        }


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    state = django_filters.ChoiceFilter(
        label=_("Approval state"),
        field_name="workflow_state",
        choices=State.choices,
        empty_label=_("Any state"),
    )

    class Meta:
        model = CapitalisationReport
        fields = ["q", "state"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(stage__icontains=word) | Q(context__icontains=word)
            )
        return queryset
