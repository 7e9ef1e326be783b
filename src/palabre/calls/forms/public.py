"""Forms of the public part: a call (its dates typed in its own time zone), a criterion, a
required document, a change of state, and the filters of the list of calls."""

import datetime
import zoneinfo

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.core.forms import AmountInput
from palabre.core.uploads import DOCUMENT_KINDS, check_upload
from palabre.meetings.forms.meetings import time_zone_choices

from ..models import Call, CallKind, CallStatus, Criterion, RequiredDocument

TERMS_KINDS = {ext: DOCUMENT_KINDS[ext] for ext in (".pdf", ".docx")}
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CallForm(forms.ModelForm):
    """`opens_at` and `closes_at` are read and shown in the call's time zone, not the server's
    nor the visitor's: the deadline is the one the call states."""

    space = forms.ModelChoiceField(label=_("Space"), queryset=None, empty_label=None)
    opens_at = forms.DateTimeField(label=_("Opens on"), widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(
        label=_("Deadline"),
        widget=DATETIME_INPUT,
        help_text=_("Both times are in the time zone of the deadline chosen above."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the deadline"),
        error_messages={"invalid_choice": _("Unknown time zone: %(value)s.")},
    )

    class Meta:
        model = Call
        fields = [
            "kind",
            "reference",
            "title",
            "time_zone",
            "opens_at",
            "closes_at",
            "terms_of_reference",
            "terms_file",
            "budget_ceiling",
            "currency",
            "price_formula",
            "results_on",
        ]
        widgets = {
            "terms_of_reference": forms.Textarea(attrs={"rows": 12}),
            "budget_ceiling": AmountInput,
            "results_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "terms_file": forms.ClearableFileInput(attrs={"accept": ",".join(TERMS_KINDS)}),
        }
        help_texts = {
            "terms_of_reference": _(
                "Paragraphs, headings, lists, tables and links are kept; anything else is removed."
            ),
            "budget_ceiling": _("An offer above it is received but not ranked."),
        }

    def __init__(self, *args, spaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].initial = Call._meta.get_field("time_zone").default
        if spaces is None:
            del self.fields["space"]
        else:
            self.fields["space"].queryset = spaces
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone)

    def _post_clean(self):
        """The service builds and saves the call, and checks the reference is unique inside its
        transaction; the model's checks would run here on a half-built instance."""

    def clean_terms_file(self):
        upload = self.cleaned_data.get("terms_file")
        if upload and hasattr(upload, "content_type"):
            check_upload(upload, kinds=TERMS_KINDS)
        return upload

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if not zone_name:
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in ("opens_at", "closes_at"):
            moment = data.get(name)
            if moment is not None:
                # The browser's datetime-local has no zone: it is the call's wall-clock time.
                data[name] = timezone.make_aware(moment.replace(tzinfo=None), zone).astimezone(
                    datetime.UTC
                )
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("A call must close after it opens."))
        return data

    def call_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        if data["terms_file"] is False:  # "clear" ticked: the file is removed
            data["terms_file"] = ""
        elif not data["terms_file"]:
            data["terms_file"] = None  # nothing sent: the service keeps what is attached
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "is_price", "order"]
        widgets = {"weight": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 100})}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["label", "part", "extensions", "max_megabytes", "is_required", "order"]

    def clean_extensions(self):
        extensions = [
            e.strip().lower() for e in self.cleaned_data["extensions"].split(",") if e.strip()
        ]
        unknown = [e for e in extensions if e not in DOCUMENT_KINDS]
        if not extensions or unknown:
            raise forms.ValidationError(
                _("Accepted file types: %(extensions)s.")
                % {"extensions": ", ".join(DOCUMENT_KINDS)}
            )
        return ", ".join(extensions)


NEXT_STATUSES = [
    (CallStatus.PUBLISHED, _("Publish the call")),
    (CallStatus.SCORING_CLOSED, _("Close the technical scoring")),
]


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("Step"), choices=NEXT_STATUSES, widget=forms.HiddenInput)


class CallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=CallKind.choices, empty_label=_("All kinds")
    )
    open = django_filters.ChoiceFilter(
        label=_("Open or closed"),
        choices=[("open", _("Open now")), ("upcoming", _("Not open yet")), ("closed", _("Closed"))],
        empty_label=pgettext_lazy("calls", "All"),
        method="by_window",
    )

    class Meta:
        model = Call
        fields = ["q", "kind", "open"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(reference__icontains=value))

    def by_window(self, queryset, name, value):
        now = timezone.now()
        if value == "open":
            return queryset.filter(
                status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now
            )
        if value == "upcoming":
            return queryset.filter(opens_at__gt=now)
        return queryset.filter(
            Q(closes_at__lte=now) | ~Q(status__in=[CallStatus.PUBLISHED, CallStatus.DRAFT])
        )
