"""The applicant's offer: who submits, the price, one file per required document; and the
filters of one's own submissions."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.core.forms import AmountInput

from ..models import Call, Part, RequiredDocument


def document_field_name(requirement: RequiredDocument) -> str:
    """The name the submission service uses for a document's errors, so that they land on it."""
    return f"document_{requirement.pk}"


class SubmissionForm(forms.Form):
    applicant_name = forms.CharField(
        label=_("Applicant (person, firm or association)"),
        max_length=200,
        help_text=_("The name the offer is made in, as it will appear in the evaluation report."),
    )
    price = forms.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, widget=AmountInput(attrs={"step": "any"})
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        if call.criteria.filter(is_price=True).exists():
            label = _("Price of the financial offer (%(currency)s)")
        else:  # a call for projects scored without price: the amount the project asks for
            label = _("Amount requested (%(currency)s)")
            self.fields["price"].required = False
        self.fields["price"].label = label % {"currency": call.currency}
        self.requirements = list(call.required_documents.all())
        for requirement in self.requirements:
            # Whether a file is missing, of the wrong kind or too large is the service's to say.
            self.fields[document_field_name(requirement)] = forms.FileField(
                label=requirement.label,
                required=False,
                help_text=self._help(requirement),
                widget=forms.FileInput(attrs={"accept": ",".join(requirement.extension_list)}),
            )

    @staticmethod
    def _help(requirement: RequiredDocument) -> str:
        facts = _("%(part)s · %(types)s · %(size)s MB at most") % {
            "part": requirement.get_part_display(),
            "types": ", ".join(requirement.extension_list),
            "size": requirement.max_megabytes,
        }
        return f"{facts} · {_('required') if requirement.is_required else _('optional')}"

    def parts(self) -> list[tuple[str, list]]:
        """The file fields grouped by part of the offer, technical first."""
        return [
            (label, [self[document_field_name(r)] for r in self.requirements if r.part == value])
            for value, label in Part.choices
            if any(r.part == value for r in self.requirements)
        ]

    def uploads(self) -> dict:
        """The files sent, keyed by the required document they answer."""
        return {
            r.pk: upload
            for r in self.requirements
            if (upload := self.cleaned_data.get(document_field_name(r)))
        }


class MySubmissionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    counts = django_filters.ChoiceFilter(
        label=_("Counts"),
        choices=[("yes", _("Counts")), ("no", _("Replaced"))],
        empty_label=_("Any"),
        method="by_counting",
    )

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(call__reference__icontains=word)
                | Q(call__title__icontains=word)
                | Q(applicant_name__icontains=word)
            )
        return queryset

    def by_counting(self, queryset, name, value):
        return queryset.filter(is_current=value == "yes")
