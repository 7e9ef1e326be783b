"""Forms of the check-in page and of the attendance list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from palabre.directory.forms import PhoneFieldMixin, phone_field
from palabre.directory.models import Gender, Person
from palabre.directory.names import normalise_name
from palabre.territories.models import Country

from ..models import Attendance, AttendanceSource, ParticipationMode


def default_mode(meeting) -> str:
    return ParticipationMode.IN_PERSON if meeting.offers_in_person else ParticipationMode.ONLINE


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "enterkeyhint": "search",
            }
        ),
        help_text=_("Two letters at least; accents and capitals do not matter."),
    )


class CheckInForm(forms.Form):
    """The one tap: the person comes from the address; the mode only for hybrid meetings."""

    mode = forms.ChoiceField(choices=ParticipationMode.choices, required=False)
    q = forms.CharField(required=False, max_length=100)  # the search to come back to


class WalkInForm(PhoneFieldMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Not given")), *Gender.choices], required=False
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )
    phone = phone_field()
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_("Found by its name or acronym, or added to the directory."),
    )
    country_of_residence = forms.ModelChoiceField(
        label=_("Country of residence"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Tells diaspora from residents in the attendance figures."),
    )
    mode = forms.ChoiceField(
        label=_("Taking part"), choices=ParticipationMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["country_of_residence"].initial = meeting.space.country_id
        self.fields["mode"].initial = default_mode(meeting)
        if not meeting.offers_online:
            self.fields["mode"].widget = forms.HiddenInput()
        self.fields["email"].widget.attrs["inputmode"] = "email"

    def phone_country(self):
        return self.cleaned_data.get("country_of_residence") or self.meeting.space.country

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AttendanceRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=Attendance._meta.get_field("removal_reason").max_length,
        help_text=_("Kept with the line, for the record."),
    )


class OnlineAttendanceForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People who took part online"),
        queryset=Person.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )


ORIGIN_CHOICES = [
    ("diaspora", _("Diaspora")),
    ("resident", _("Resident")),
    ("unknown", _("Not known")),
]


class AttendanceFilter(django_filters.FilterSet):
    """Filters of the attendance list; its queryset comes from `attendances_of` (annotated)."""

    q = django_filters.CharFilter(label=_("Name"), method="search")
    gender = django_filters.ChoiceFilter(
        label=_("Gender"),
        field_name="person__gender",
        choices=[*Gender.choices, ("unknown", _("Not known"))],
        method="filter_gender",
    )
    college = django_filters.ChoiceFilter(label=_("College"), method="filter_college")
    origin = django_filters.ChoiceFilter(
        label=_("Diaspora"), choices=ORIGIN_CHOICES, method="filter_origin"
    )
    mode = django_filters.ChoiceFilter(label=_("Taking part"), choices=ParticipationMode.choices)
    source = django_filters.ChoiceFilter(label=_("Recorded"), choices=AttendanceSource.choices)

    class Meta:
        model = Attendance
        fields: list[str] = []

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["college"].extra["choices"] = [
            *((str(pk), name) for pk, name in meeting.space.colleges.values_list("pk", "name")),
            ("none", _("No college")),
        ]

    def search(self, queryset, name, value):
        # The directory's key: accents, capitals and the order of names do not matter.
        for word in normalise_name(value).split():
            queryset = queryset.filter(person__normalised_name__contains=word)
        return queryset

    def filter_gender(self, queryset, name, value):
        return queryset.filter(person__gender="" if value == "unknown" else value)

    def filter_college(self, queryset, name, value):
        if value == "none":
            return queryset.filter(college_pk__isnull=True)
        return queryset.filter(college_pk=value)

    def filter_origin(self, queryset, name, value):
        if value == "unknown":
            return queryset.filter(diaspora__isnull=True)
        return queryset.filter(diaspora=value == "diaspora")
