"""Forms of the charter: they validate what the secretariat typed; the services change things."""

from django import forms
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Vote

from ..models import Charter, CharterArticle, CharterSection
from ..selectors.charter import citable_lessons, citable_recommendations
from ..services.charter import RULE_FIELDS


class CharterStartForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Start from"),
        choices=[("model", _("the model charter")), ("empty", _("an empty charter"))],
        initial="model",
        widget=forms.RadioSelect,
    )


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = RULE_FIELDS
        widgets = {"preamble": forms.Textarea(attrs={"rows": 5})}


class CollegeForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("College"), max_length=120)
    description = forms.CharField(label=_("Who sits in it"), max_length=300, required=False)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=999)
    vote = forms.ChoiceField(label=_("Vote"), choices=Vote.choices)


CollegeFormSet = forms.formset_factory(CollegeForm, extra=1, can_delete=True)


def college_rows(formset) -> list[dict]:
    """What the service needs from a valid formset; blank extra rows are left out."""
    return [
        {**form.cleaned_data, "delete": form.cleaned_data.get("DELETE", False)}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data
    ]


class SectionForm(forms.ModelForm):
    class Meta:
        model = CharterSection
        fields = ["title", "kind"]


class ArticleForm(forms.ModelForm):
    """Citations are limited to the lessons and recommendations of the charter's space."""

    class Meta:
        model = CharterArticle
        fields = ["title", "text", "lessons", "recommendations"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "lessons": forms.CheckboxSelectMultiple,
            "recommendations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = citable_lessons(space)
        self.fields["recommendations"].queryset = citable_recommendations(space)
