"""The training's score sheet and satisfaction survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

SCORE_BOUNDS = {"min_value": 0, "max_value": 100, "max_digits": 5, "decimal_places": 2}


class ScoreRowForm(forms.Form):
    """One participant's line of the score sheet; `people` maps the ids the sheet may name."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    pre_score = forms.DecimalField(label=_("Score before"), required=False, **SCORE_BOUNDS)
    post_score = forms.DecimalField(label=_("Score after"), required=False, **SCORE_BOUNDS)

    def __init__(self, *args, people: dict, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    @property
    def participant(self):
        try:
            return self.people.get(int(self["person"].value()))
        except (TypeError, ValueError):
            return None

    def clean_person(self):
        person = self.people.get(self.cleaned_data["person"])
        if person is None:
            raise forms.ValidationError(
                _("This person no longer takes part in the training; reload the page.")
            )
        return person


ScoreSheetFormSet = forms.formset_factory(ScoreRowForm, extra=0)

RATING_CHOICES = [
    (1, _("1 – poor")),
    (2, _("2 – fair")),
    (3, _("3 – good")),
    (4, _("4 – very good")),
    (5, _("5 – excellent")),
]


def rating_field(label):
    return forms.TypedChoiceField(
        label=label, choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )


class SurveyForm(forms.Form):
    overall = rating_field(_("Overall, how do you rate this training?"))
    content = rating_field(_("How relevant was the content to your work?"))
    facilitation = rating_field(_("How good was the facilitation?"))
    organisation = rating_field(_("How were the organisation and logistics?"))
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend this training to a colleague?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was most useful? What should be improved?"),
    )
    on_paper = forms.BooleanField(
        label=_("I am typing a paper form filled in by another participant"),
        required=False,
        help_text=_("Leave unticked to give your own answer."),
    )

    def __init__(self, *args, offer_paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only someone who could both answer for themself and type paper forms has to choose.
        if not offer_paper:
            del self.fields["on_paper"]
