from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail me my notifications"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Either way, every notification is also listed in the app."),
    )
