"""Round forms: preparing a round, the ballot, and the filters of the list of rounds."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import College

from ..models import PrioritisationRound, RoundMethod, RoundStatus, Theme
from ..selectors_rounds import themes_for_a_round


class ThemeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.get_status_display().lower()})"


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the results will be used for, shown to the voters."),
    )
    method = forms.ChoiceField(
        label=_("Method"), choices=RoundMethod.choices, widget=forms.RadioSelect
    )
    points = forms.IntegerField(
        label=_("Points per voter"),
        min_value=1,
        max_value=1000,
        initial=10,
        required=False,
        help_text=_("Dot voting only: each voter spreads at most this many points."),
    )
    college = forms.ModelChoiceField(
        label=_("Voters"),
        queryset=College.objects.none(),
        required=False,
        empty_label=_("Every member of the space"),
        help_text=_("Observers do not vote."),
    )
    themes = ThemeChoices(
        label=_("Themes to prioritise"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the themes to prioritise.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closes on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, space, round: PrioritisationRound | None = None, **kwargs):
        if round is not None:
            kwargs["initial"] = {
                "title": round.title,
                "description": round.description,
                "method": round.method,
                "points": round.points,
                "college": round.college,
                "themes": list(round.themes.all()),
                "closes_at": timezone.localtime(round.closes_at),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        if round is None:
            # Two weeks to vote, until the end of a working day, is the usual rhythm.
            two_weeks = timezone.localtime() + datetime.timedelta(days=14)
            self.fields["closes_at"].initial = two_weeks.replace(
                hour=18, minute=0, second=0, microsecond=0
            )
            self.fields["method"].initial = RoundMethod.DOT_VOTING
        self.fields["college"].queryset = space.colleges.order_by("order", "name")
        self.fields["themes"].queryset = themes_for_a_round(space)
        self.fields["closes_at"].help_text = _(
            "In your time zone (%(zone)s). Ballots can be changed until then."
        ) % {"zone": timezone.get_current_timezone_name()}

    def clean(self):
        data = super().clean()
        if data.get("method") == RoundMethod.DOT_VOTING and not data.get("points"):
            self.add_error("points", _("Say how many points each voter spreads."))
        return data

    def round_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "method": data["method"],
            "points": data["points"] or 10,
            "college": data["college"],
            "closes_at": data["closes_at"],
            "themes": data["themes"],
        }


class BallotEntryForm(forms.Form):
    """One theme of the ballot: its points (dot voting) or its rank (ranking). The theme travels
    as its id, so that a title changed meanwhile cannot move points to another theme."""

    theme = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)

    def __init__(self, *args, round: PrioritisationRound, themes: dict[int, Theme], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(pk, pk) for pk in themes]
        self.fields["theme"].error_messages["invalid_choice"] = _(
            "The ballot names a theme that is not in this round."
        )
        try:
            self.theme = themes.get(int(self["theme"].value()))
        except (TypeError, ValueError):
            self.theme = None
        label = self.theme.title if self.theme else ""
        if round.method == RoundMethod.DOT_VOTING:
            self.fields["value"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=round.points,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        else:
            self.fields["value"] = forms.TypedChoiceField(
                label=label,
                choices=[("", _("Not ranked"))]
                + [(rank, str(rank)) for rank in range(1, len(themes) + 1)],
                coerce=int,
                empty_value=None,
                required=False,
            )


class BaseBallotFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            theme = form.cleaned_data.get("theme") if hasattr(form, "cleaned_data") else None
            if theme in seen:
                raise forms.ValidationError(_("A theme appears twice in the ballot."))
            seen.add(theme)


BallotFormSet = forms.formset_factory(BallotEntryForm, formset=BaseBallotFormSet, extra=0)


def ballot_formset(round: PrioritisationRound, themes: list[Theme], values: dict, data=None):
    """The ballot as one row per theme of the round, filled with the voter's current ballot."""
    by_pk = {theme.pk: theme for theme in themes}
    initial = [{"theme": theme.pk, "value": values.get(theme.pk)} for theme in themes]
    if round.method == RoundMethod.DOT_VOTING:
        initial = [{**row, "value": row["value"] or 0} for row in initial]
    return BallotFormSet(
        data,
        initial=initial,
        prefix="ballot",
        form_kwargs={"round": round, "themes": by_pk},
    )


def ballot_of(formset, method: str) -> dict:
    """What the service takes, from a valid formset: {"points": {…}} or {"ranks": {…}}."""
    values = {
        form.cleaned_data["theme"]: form.cleaned_data.get("value")
        for form in formset.forms
        if form.cleaned_data.get("theme") is not None
    }
    if method == RoundMethod.DOT_VOTING:
        return {"points": {pk: value or 0 for pk, value in values.items()}}
    return {"ranks": values}


class RoundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search in titles"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RoundStatus.choices)
    method = django_filters.ChoiceFilter(label=_("Method"), choices=RoundMethod.choices)

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(title__icontains=word)
        return queryset
