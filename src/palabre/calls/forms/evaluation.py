"""Forms of the committee's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EvaluatorAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the evaluator's account"),
        help_text=_("The evaluator must already have an account on the platform."),
    )


class DeclarationForm(forms.Form):
    NO_CONFLICT = "no_conflict"
    CONFLICT = "conflict"

    answer = forms.ChoiceField(
        label=_("My declaration"),
        widget=forms.RadioSelect,
        choices=[
            (NO_CONFLICT, _("I have no conflict of interest with this call.")),
            (CONFLICT, _("I have a conflict of interest: I withdraw from the committee.")),
        ],
    )


class ScoreSheetForm(forms.Form):
    """A score from 0 to 100 and a comment per technical criterion; a criterion left blank is
    kept for later (handing in the scores says what is still missing)."""

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = scores.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = forms.DecimalField(
                label=_("Score (0–100)"),
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=score.value if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.comment if score else "",
            )

    def rows(self):
        return [
            (criterion, self[f"value_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def entries(self):
        """(criterion, value, comment) for every criterion given a score."""
        return [
            (c, self.cleaned_data[f"value_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
            if self.cleaned_data[f"value_{c.pk}"] is not None
        ]
