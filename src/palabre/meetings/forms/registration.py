"""Forms of invitations and registrations, and the filters of the registrations list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from palabre.directory.forms import PhoneFieldMixin, phone_field
from palabre.directory.models import Gender, Person
from palabre.directory.names import normalise_name
from palabre.directory.selectors import people_list, people_search
from palabre.spaces.models import College
from palabre.territories.models import Country

from ..models import Meeting, ParticipationMode, Registration, RegistrationStatus

# People a search offers at once: enough to find someone, few enough for a phone screen.
SUGGESTIONS = 20


def mode_field(meeting: Meeting) -> forms.ChoiceField:
    """A choice only for a hybrid meeting; otherwise the one mode travels hidden."""
    choices = [
        (value, label)
        for value, label in ParticipationMode.choices
        if (
            meeting.offers_in_person
            if value == ParticipationMode.IN_PERSON
            else meeting.offers_online
        )
    ]
    if len(choices) == 1:
        return forms.ChoiceField(choices=choices, initial=choices[0][0], widget=forms.HiddenInput)
    return forms.ChoiceField(
        label=_("I will take part"),
        choices=choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Places in the room are limited; beyond them, you go to the waiting list. Online "
            "participation has no limit."
        )
        if meeting.capacity
        else "",
    )


def chosen_ids(data) -> list[str]:
    return [value for value in data.getlist("people") if str(value).isdigit()]


def people_picker(data, query_name: str = "q") -> dict:
    """The people already chosen (kept checked from one search to the next) and the directory
    entries matching the search, for the invitation and registration forms."""
    ids = chosen_ids(data)
    query = (data.get(query_name) or "").strip()[:100]
    chosen = list(people_list().filter(pk__in=ids)) if ids else []
    found = []
    if query:
        found = list(people_search(query=query).exclude(pk__in=ids)[: SUGGESTIONS + 1])
    return {
        "chosen": chosen,
        "found": found[:SUGGESTIONS],
        "more_found": len(found) > SUGGESTIONS,
        "query": query,
    }


class PeopleField(forms.ModelMultipleChoiceField):
    """Any active person of the directory; the template shows only the picker's few."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Person.objects.active(),
            required=False,
            widget=forms.MultipleHiddenInput,
            **kwargs,
        )


class InviteForm(forms.Form):
    members = forms.BooleanField(required=False)
    colleges = forms.ModelMultipleChoiceField(
        label=_("Colleges"),
        queryset=College.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their current members."),
    )
    people = PeopleField(label=_("Chosen people"))
    q = forms.CharField(label=_("Find people in the directory"), required=False, max_length=100)

    def __init__(self, *args, member_count: int, colleges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].label = ngettext_lazy(
            "All current members of the space (%(count)d person)",
            "All current members of the space (%(count)d people)",
            "count",
        ) % {"count": member_count}
        self.fields["colleges"].queryset = colleges
        self.fields["colleges"].label_from_instance = lambda college: (
            ngettext_lazy("%(name)s (%(count)d member)", "%(name)s (%(count)d members)", "count")
            % {"name": college.name, "count": college.member_count}
        )


class RegistrationForm(forms.Form):
    """A signed-in user registers; their name is asked only if the directory does not know
    them yet."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)

    def __init__(self, *args, meeting: Meeting, ask_name: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"] = mode_field(meeting)
        if not ask_name:
            del self.fields["first_name"], self.fields["last_name"]


class PublicRegistrationForm(PhoneFieldMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The confirmation and the reminder are sent there.")
    )
    phone = phone_field()
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    country_of_residence = forms.ModelChoiceField(
        label=_("Country of residence"), queryset=Country.objects.all()
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that my data is used to organise this meeting (registration, reminders, "
            "attendance list) and kept in the directory of the concertation space."
        ),
    )
    # Hidden from people (and from screen readers); robots filling every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        mode = mode_field(meeting)
        fields = list(self.fields.items())
        # The mode reads best just before the consent.
        self.fields = dict(fields[:-2]) | {"mode": mode} | dict(fields[-2:])

    def phone_country(self):
        return self.cleaned_data.get("country_of_residence")

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def service_fields(self) -> dict:
        fields = dict(self.cleaned_data)
        del fields["consent"], fields["website"]
        return fields


class RegistrationAddForm(forms.Form):
    """The secretariat registers someone of the directory, found with the search."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.active(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Search the directory, then choose the person.")},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"] = mode_field(meeting)


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Name or e-mail.")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)
    mode = django_filters.ChoiceFilter(label=_("Taking part"), choices=ParticipationMode.choices)

    class Meta:
        model = Registration
        fields: list[str] = []

    def search(self, queryset, name, value):
        by_name = Q()
        for word in normalise_name(value).split():
            by_name &= Q(person__normalised_name__contains=word)
        return queryset.filter(by_name | Q(person__email__icontains=value.strip()))
