"""Expressing an interest, moving it through its statuses, and filtering those received."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import CURRENCY_CHOICES, DEFAULT_CURRENCY

from ..models import InterestStatus, SupportKind
from .investors import CheckboxGroups


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What interests you in the project, and what you would like to know."),
    )
    amount_considered = forms.DecimalField(
        label=_("Amount you consider (optional)"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCY_CHOICES, initial=DEFAULT_CURRENCY
    )
    support_offered = forms.ModelMultipleChoiceField(
        label=_("What you offer"),
        queryset=SupportKind.objects.all(),
        required=False,
        widget=CheckboxGroups,
    )
    share_contact = forms.BooleanField(
        label=_("Share my contact details with the promoter and the investment officers"),
        required=False,
        initial=True,
        help_text=_(
            "They can then write to you or call you about this project. Otherwise they see "
            "your message and profile, without your e-mail or phone."
        ),
    )


class InterestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=InterestStatus.choices)
    date = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the investor, who is told of the change."),
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the next steps are offered; any status stays valid for the field, so that a
        # refused one gets the service's explanation rather than "not one of the choices".
        labels = dict(InterestStatus.choices)
        self.fields["status"].widget.choices = [(status, labels[status]) for status in statuses]


class InterestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InterestStatus.choices, empty_label=_("Any status")
    )
