import hashlib
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def clean_checksum(value: str) -> str:
    value = "".join(value.split()).lower()
    if not SHA256.match(value):
        raise ValidationError(
            _("A SHA-256 checksum is 64 characters, digits and letters a to f."), code="invalid"
        )
    return value


class VerifyForm(forms.Form):
    """Either the checksum, pasted, or the file itself, whose checksum is computed here."""

    sha256 = forms.CharField(
        label=_("SHA-256 checksum"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("64 characters, as shown in the archive or computed by your computer."),
    )
    file = forms.FileField(
        label=_("Or the document itself"),
        required=False,
        help_text=_("The file is only read to compute its checksum; it is not kept."),
    )

    def clean_sha256(self) -> str:
        value = self.cleaned_data["sha256"]
        return clean_checksum(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            cleaned["sha256"] = digest.hexdigest()
        elif not cleaned.get("sha256") and not self.errors:
            raise ValidationError(_("Paste a checksum or choose the document's file."))
        return cleaned
