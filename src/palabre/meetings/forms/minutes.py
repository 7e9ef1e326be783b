"""Forms of the minutes: the text, the outcomes, an action item's status; the follow-up filters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from palabre.directory.names import normalise_name
from palabre.spaces.models import Visibility

from ..models import ActionStatus, OutcomeKind
from ..selectors_minutes import owner_choices

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MinutesForm(forms.Form):
    """The summary, the audience and the notes of every agenda item, on one page."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the meeting was about and what came out of it, in a few paragraphs."),
    )
    # "Restricted" would read like "members" in the rules of the minutes: not offered.
    visibility = forms.ChoiceField(
        label=_("Published to"),
        choices=[(value, value.label) for value in (Visibility.MEMBERS, Visibility.PUBLIC)],
        help_text=_(
            "Public minutes can be read by anyone who can see the meeting, once published; "
            "the list of attendees stays for members only."
        ),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda_items = list(items)
        for item in self.agenda_items:
            self.fields[self.item_field(item)] = forms.CharField(
                label=str(item),
                required=False,
                initial=item.minutes_notes,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    @staticmethod
    def item_field(item) -> str:
        return f"item_{item.pk}"

    def item_fields(self):
        return [self[self.item_field(item)] for item in self.agenda_items]

    def item_notes(self) -> dict:
        return {item: self.cleaned_data[self.item_field(item)] for item in self.agenda_items}


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        if person.organisation_id:
            return f"{person.last_name} {person.first_name} — {person.organisation}"
        return f"{person.last_name} {person.first_name}"


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=None,
        required=False,
        empty_label=_("— None (an outcome of the whole meeting)"),
    )
    owner = OwnerChoiceField(
        label=_("Responsible"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("Among the attendees and the members of the space."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_INPUT)
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN, required=False
    )

    ACTION_ITEM_FIELDS = ("owner", "due_date", "status")

    def __init__(self, *args, meeting, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["owner"].queryset = owner_choices(meeting, keep=owner)

    def general_fields(self):
        return [field for field in self if field.name not in self.ACTION_ITEM_FIELDS]

    def action_item_fields(self):
        return [self[name] for name in self.ACTION_ITEM_FIELDS]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ActionItemFilter(django_filters.FilterSet):
    owner = django_filters.CharFilter(label=_("Responsible"), method="search_owner")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("Any status")
    )
    late = django_filters.BooleanFilter(
        label=_("Late only"), method="late_only", widget=forms.CheckboxInput
    )

    def search_owner(self, queryset, name, value):
        for word in normalise_name(value).split():
            queryset = queryset.filter(owner__normalised_name__contains=word)
        return queryset

    def late_only(self, queryset, name, value):
        return queryset.filter(is_late=True) if value else queryset
