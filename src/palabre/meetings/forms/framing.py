"""Forms of the framing note: its written sections and one agenda item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgendaItem, FramingNote


class FramingNoteForm(forms.ModelForm):
    class Meta:
        model = FramingNote
        fields = FramingNote.TEXT_SECTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in FramingNote.TEXT_SECTIONS}
        help_texts = {
            "context": _("Why the meeting is held now: the situation and what led to it."),
            "objectives": _("What the meeting should achieve, one objective per line."),
            "reflection_axes": _("The questions the participants will work on."),
            "expected_results": _("What should exist once the meeting is over."),
            "target_participants": _("Who should take part, and why."),
        }


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "duration_minutes", "speaker"]
        widgets = {"duration_minutes": forms.NumberInput(attrs={"min": 1, "max": 24 * 60})}
        help_texts = {
            "duration_minutes": _("Gives the start time of the items that follow."),
            "speaker": _("Who presents or leads this item."),
        }
