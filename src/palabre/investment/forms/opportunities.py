"""Forms of the opportunities: writing one, its status, a document, the catalogue's filters."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import CURRENCY_CHOICES, DEFAULT_CURRENCY
from palabre.core.forms import AmountInput
from palabre.core.uploads import document_field
from palabre.directory.models import Organisation
from palabre.spaces.models import Visibility
from palabre.territories.models import Sector

from ..models import Opportunity, OpportunityStatus, SupportKind
from ..selectors.opportunities import CATALOGUE_STATUSES, fitting_budget
from ..services.opportunities import allowed_statuses

AMOUNT = {"min_value": 0, "max_digits": 16, "decimal_places": 2, "widget": AmountInput}


class OpportunityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in the catalogue."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The project, its market, what is already in place, what the money is for."),
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all())
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)
    location = forms.CharField(
        label=_("Location"), max_length=200, required=False, help_text=_("Town, village or zone.")
    )
    amount_min = forms.DecimalField(label=_("Investment from"), **AMOUNT)
    amount_max = forms.DecimalField(label=_("Investment up to"), **AMOUNT)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCY_CHOICES, initial=DEFAULT_CURRENCY
    )
    jobs_expected = forms.IntegerField(label=_("Jobs expected"), min_value=0, initial=0)
    support_sought = forms.ModelMultipleChoiceField(
        label=_("Support sought besides money"),
        queryset=SupportKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    promoter_organisation = forms.ModelChoiceField(
        label=_("Promoter"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
        help_text=_("The organisation carrying the project; its name is public."),
    )
    promoter_email = forms.EmailField(
        label=_("E-mail of the promoter's account (optional)"),
        required=False,
        help_text=_(
            "The promoter's account then follows the expressions of interest. This address is "
            "never shown on the opportunity."
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        help_text=_(
            "Public: anyone can find it in the catalogue. Members only: the members of the "
            "space. Restricted: the investment officers and the promoter."
        ),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def clean_promoter_email(self):
        email = self.cleaned_data["promoter_email"]
        if not email:
            return None
        promoter = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if promoter is None:
            raise forms.ValidationError(
                _("No account has this address; the promoter must create one first.")
            )
        return promoter

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "amount_max", _("The upper end of the range cannot be below its lower end.")
            )
        return data

    @classmethod
    def initial_of(cls, opportunity: Opportunity) -> dict:
        return {
            **{name: getattr(opportunity, name) for name in cls.plain_fields()},
            "sector": opportunity.sector_id,
            "region": opportunity.region_id,
            "promoter_organisation": opportunity.promoter_organisation_id,
            "promoter_email": opportunity.promoter.email if opportunity.promoter else "",
            "support_sought": [kind.pk for kind in opportunity.support_sought.all()],
        }

    @classmethod
    def plain_fields(cls) -> list[str]:
        return [
            "title",
            "summary",
            "description",
            "location",
            "amount_min",
            "amount_max",
            "currency",
            "jobs_expected",
            "visibility",
        ]

    def opportunity_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("space", None)
        data["promoter"] = data.pop("promoter_email")
        return data


class OpportunityCreateForm(OpportunityForm):
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=None,
        empty_label=None,
        help_text=_("The space whose investment officers publish and follow the opportunity."),
    )
    field_order = ["space"]

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reopen a funded or closed opportunity."),
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(OpportunityStatus.choices)
        self.fields["status"].choices = [
            (status, labels[status]) for status in allowed_statuses(current)
        ]


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: business plan, feasibility study, photos of the site."),
    )
    file = document_field(_("File"))


# --- the catalogue's filters ---------------------------------------------------------------------

CURRENT = "current"
ANY = "any"


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=None, empty_label=_("Any region")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=None, empty_label=_("Any sector")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (CURRENT, _("Open or in discussion")),
            *OpportunityStatus.choices,
            (ANY, _("Any status")),
        ],
        empty_label=None,
        method="by_status",
    )
    up_to = django_filters.NumberFilter(
        label=_("I can invest up to"),
        method="by_budget",
        min_value=0,
        help_text=_("Amounts in other currencies are compared at today's exchange rates."),
    )
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=CURRENCY_CHOICES, empty_label=None, method="with_budget"
    )

    def __init__(self, data=None, *args, regions, sectors, **kwargs):
        # A first visit shows what an investor can still act on, in the default currency.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", CURRENT)
        data.setdefault("currency", DEFAULT_CURRENCY)
        super().__init__(data, *args, **kwargs)
        self.filters["region"].queryset = regions
        self.filters["sector"].queryset = sectors

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(location__icontains=word)
                | Q(promoter_organisation__name__icontains=word)
                | Q(promoter_organisation__acronym__icontains=word)
            )
        return queryset

    def by_status(self, queryset, name, value):
        if value == ANY:
            return queryset
        if value == CURRENT:
            return queryset.filter(status__in=CATALOGUE_STATUSES)
        return queryset.filter(status=value)

    def by_budget(self, queryset, name, value):
        currency = self.form.cleaned_data.get("currency") or DEFAULT_CURRENCY
        return fitting_budget(queryset, value, currency)

    def with_budget(self, queryset, name, value):
        # The currency only qualifies the amount: `by_budget` reads it.
        return queryset
