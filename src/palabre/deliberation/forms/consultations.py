"""Consultation forms: preparing one, statements, votes, moderation; the filters of the lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import fields_for_model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Visibility

from ..models import Consultation, ConsultationStatus, StatementStatus, VoteValue

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FIELDS = [
    "title",
    "question",
    "description",
    "theme",
    "visibility",
    "participants_may_submit",
    "statement_max_length",
    "closes_at",
]


class ThemeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class ConsultationForm(forms.Form):
    """Prepare or edit a consultation; the question is frozen once people have voted."""

    def __init__(self, *args, space, consultation: Consultation | None = None, **kwargs):
        if consultation is not None:
            kwargs["initial"] = {
                **{name: getattr(consultation, name) for name in FIELDS if name != "theme"},
                "theme": consultation.theme_id,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Consultation, fields=FIELDS))
        self.fields["question"].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["question"].help_text = _(
            "The open question participants answer with short statements, e.g. “What should the "
            "diaspora's investment in the region go to first?”"
        )
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 5})
        self.fields["description"].help_text = _("Context, who is consulted, what happens next.")
        self.fields["theme"] = ThemeChoice(
            label=_("Theme"),
            queryset=space.themes.order_by("title"),
            required=False,
            empty_label=_("— None"),
        )
        self.fields["visibility"] = forms.ChoiceField(
            label=_("Who takes part"),
            choices=[
                (Visibility.MEMBERS, _("Members of the space")),
                (Visibility.PUBLIC, _("Anyone with an account (the space must be public)")),
            ],
            initial=Visibility.MEMBERS,
            help_text=_(
                "Anonymous visitors of a public consultation read its question, and its results "
                "once it is closed."
            ),
        )
        self.fields["closes_at"].widget = DATETIME_INPUT
        self.fields["closes_at"].help_text = _(
            "Optional; in your time zone. Votes stop at that moment."
        )
        self.fields["statement_max_length"].widget.attrs.update(min=40, max=1000)

    def consultation_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ConsultationStatus.choices)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One idea, in a sentence others can agree or disagree with. It is shown to the "
            "participants once the moderators have read it."
        ),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        longest = consultation.statement_max_length
        # The service says what is wrong with a long text; the browser only helps to stop typing.
        self.fields["text"].widget.attrs["maxlength"] = longest
        self.fields["text"].help_text = _("%(help)s At most %(max)s characters.") % {
            "help": self.fields["text"].help_text,
            "max": longest,
        }


class SeedStatementForm(StatementForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Statement")
        self.fields["text"].help_text = _(
            "Accepted at once and shown to every participant. At most %(max)s characters."
        ) % {"max": self.fields["text"].widget.attrs["maxlength"]}


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("Required to reject, or to reverse a decision; the author reads it."),
    )


class VoteForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(coerce=int, choices=VoteValue.choices)


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ConsultationStatus.choices, empty_label=_("Any status")
    )

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(question__icontains=word))
        return queryset


class ModerationFilter(django_filters.FilterSet):
    """The moderation queue: the statements awaiting a decision unless another status is asked."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StatementStatus.choices, empty_label=_("Any status")
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")
    origin = django_filters.ChoiceFilter(
        label=_("Written by"),
        choices=[("participants", _("Participants")), ("seed", _("The organisers"))],
        empty_label=_("Anyone"),
        method="by_origin",
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is None or "status" not in data:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["status"] = StatementStatus.PENDING
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(text__icontains=word)
        return queryset

    def by_origin(self, queryset, name, value):
        return queryset.filter(is_seed=value == "seed")


RESULT_KINDS = [
    ("", _("Every statement")),
    ("consensus", _("Consensus")),
    ("divisive", _("Divisive")),
    ("seed", _("Written by the organisers")),
    ("submitted", _("Written by participants")),
]
RESULT_SORTS = [
    ("votes", _("Most votes")),
    ("agree", _("Most agreed")),
    ("disagree", _("Most disagreed")),
    ("divisive", _("Most divisive")),
    ("oldest", _("Oldest first")),
]


class ResultsFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Show"), choices=RESULT_KINDS, required=False)
    sort = forms.ChoiceField(label=_("Order"), choices=RESULT_SORTS, required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "q": self.cleaned_data["q"],
            "kind": self.cleaned_data["kind"],
            "sort": self.cleaned_data["sort"] or "votes",
        }
