from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.directory.models import Organisation, Person
from palabre.directory.names import normalise_name

from .models import College, Role, Space, Vote

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# A select with thousands of people is unusable on a phone: show the best matches only.
PERSON_CHOICES_LIMIT = 50


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            "name",
            "slug",
            "kind",
            "country",
            "regions",
            "parent",
            "status",
            "visibility",
            "summary",
            "description",
            "founded_on",
        ]
        widgets = {"founded_on": DATE_INPUT, "regions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every region stays valid here, so that one of another country gets the service's
        # clear message; the boxes are grouped by country so that the list stays readable.
        regions = self.fields["regions"].queryset.select_related("country")
        by_country: dict[str, list] = {}
        for region in regions:
            by_country.setdefault(region.country.name, []).append((region.pk, region.name))
        self.fields["regions"].queryset = regions
        self.fields["regions"].widget.choices = list(by_country.items())
        if self.instance.pk:
            self.fields["parent"].queryset = Space.objects.exclude(pk=self.instance.pk)


class CollegeForm(forms.ModelForm):
    class Meta:
        model = College
        fields = ["name", "description", "seats", "order"]

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        # Lets ModelForm validation see the space, so a duplicate name gets a clear message.
        self.instance.space = space


def people_matching(search: str):
    people = Person.objects.active().select_related("organisation")
    for word in normalise_name(search).split():
        people = people.filter(normalised_name__contains=word)
    return people


class MembershipAddForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.active(),
        help_text=_("Search the directory above to narrow this list."),
    )
    college = forms.ModelChoiceField(
        label=_("College"), queryset=College.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    vote = forms.ChoiceField(label=_("Vote"), choices=Vote.choices, initial=Vote.DELIBERATIVE)
    organisation = forms.ModelChoiceField(
        label=_("Organisation represented"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Leave empty to use the person's organisation."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)

    def __init__(self, *args, space, search: str = "", **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = space.colleges.all()
        # Validation accepts any active person; only the list shown is narrowed by the search.
        shown = list(people_matching(search)[:PERSON_CHOICES_LIMIT])
        self.people_truncated = len(shown) >= PERSON_CHOICES_LIMIT
        chosen = self.data.get(self.add_prefix("person")) if self.is_bound else None
        if chosen and str(chosen).isdigit() and all(str(p.pk) != chosen for p in shown):
            shown += list(people_matching("").filter(pk=chosen))
        self.fields["person"].widget.choices = [("", "---------")] + [
            (p.pk, person_label(p)) for p in shown
        ]


def person_label(person: Person) -> str:
    if person.organisation_id:
        return f"{person.full_name} — {person.organisation}"
    return person.full_name


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=Role.choices)


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("end_date", timezone.localdate())
        super().__init__(*args, **kwargs)


class MembershipSearchForm(forms.Form):
    """The person search on the management page (GET), which narrows the person list."""

    q = forms.CharField(label=_("Search the directory"), required=False)
