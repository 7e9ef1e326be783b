"""The investor's own profile form, and the filters of the officers' list of investors."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palabre.core.forms import AmountInput
from palabre.territories.models import Region, Sector

from ..models import InvestorKind, InvestorProfile, SupportKind
from ..selectors.investors import regions_by_country, residence_countries
from ..services.investors import PROFILE_FIELDS, RELATED_FIELDS


class CheckboxGroups(forms.CheckboxSelectMultiple):
    """Ticks in a fieldset per group (the regions of each country), each named by its legend."""

    template_name = "investment/investors/_choices.html"


class RadioChoices(forms.RadioSelect):
    template_name = "investment/investors/_choices.html"


class InvestorProfileForm(forms.ModelForm):
    """Short enough for a phone: boxes to tick rather than lists to scroll with Ctrl held."""

    class Meta:
        model = InvestorProfile
        fields = [*PROFILE_FIELDS, *RELATED_FIELDS]
        widgets = {
            "kind": RadioChoices,
            "sectors": CheckboxGroups,
            "regions": CheckboxGroups,
            "support_offered": CheckboxGroups,
            "skills": forms.Textarea(attrs={"rows": 3}),
            "ticket_min": AmountInput,
            "ticket_max": AmountInput,
            "contact_phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "placeholder": "+33612345678"}
            ),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "share_contact_with_officers": _(
                "The investment officers of the regions may then write to you or call you about "
                "projects that fit your profile. Without it, they see your profile but not how "
                "to reach you; a promoter sees your contact only with an expression of interest "
                "you send, if you agree then."
            ),
            "digest_opt_in": _(
                "An e-mail only when new opportunities match your sectors, regions and ticket. "
                "You can stop it here at any time."
            ),
            "contact_phone": _("In international format, for example +33612345678."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = InvestorKind.choices
        self.fields["regions"].choices = regions_by_country()
        self.fields["sectors"].queryset = Sector.objects.order_by("name_fr")
        self.fields["country_of_residence"].empty_label = "—"

    def profile_fields(self) -> dict:
        return dict(self.cleaned_data)


class InvestorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    country = django_filters.ModelChoiceFilter(
        label=_("Country of residence"),
        field_name="country_of_residence",
        queryset=residence_countries(),
        empty_label=_("Any country"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=Sector.objects.order_by("name_fr"),
        empty_label=_("Any sector"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region of interest"),
        field_name="regions",
        queryset=Region.objects.select_related("country"),
        empty_label=_("Any region"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=InvestorKind.choices, empty_label=_("Any kind")
    )
    support = django_filters.ModelChoiceFilter(
        label=_("Support offered"),
        field_name="support_offered",
        queryset=SupportKind.objects.all(),
        empty_label=_("Any support"),
    )

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(city__icontains=word))
        return queryset
