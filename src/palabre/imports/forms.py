from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .readers import EXTENSIONS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportFileForm(forms.Form):
    """A spreadsheet to import; its content is checked row by row by the import itself."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A .csv or .xlsx file of at most 5 MB, with the column names on its first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, store nothing"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” is neither a .csv nor a .xlsx file. In your spreadsheet, use "
                  "“Save as” and choose one of these formats."),
                params={"name": upload.name},
            )  # fmt: skip
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "This file weighs %(size)s; the limit is %(limit)s. "
                    "Split it into several files."
                ),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        return upload
