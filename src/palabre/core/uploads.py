"""The one check of uploaded files: a kind we accept, of a bounded size, whose content is what
its name says (a renamed program is refused). Evidence of progress, documents of an
opportunity, submissions to a call all go through it."""

import io
import os
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Extension → how the file's first bytes must look (office files are zip archives that hold
# their own folder).
DOCUMENT_KINDS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".webp": "webp",
    ".docx": "word/",
    ".xlsx": "xl/",
}


def accept_attribute(kinds: dict[str, str] = DOCUMENT_KINDS) -> str:
    """For the file input's `accept`, so that the browser offers the right files first."""
    return ",".join(kinds)


def _looks_like(head: bytes, kind: str, upload) -> bool:
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if not head.startswith(b"PK\x03\x04"):
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            return any(name.startswith(kind) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def check_upload(
    upload,
    *,
    kinds: dict[str, str] = DOCUMENT_KINDS,
    max_bytes: int = MAX_UPLOAD_BYTES,
    field: str | None = None,
    refused: str = "",
) -> None:
    """Raise a ValidationError (on `field` when given) unless the upload is of an accepted kind,
    at most `max_bytes` long, and its content matches its extension. `refused` is the message
    for a kind that is not accepted, in the caller's words (what the file is for); by default
    the accepted extensions are listed. The upload is left rewound."""

    def refuse(message: str):
        return ValidationError({field: message} if field else message)

    if upload.size > max_bytes:
        raise refuse(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    kind = kinds.get(extension)
    if kind is None:
        raise refuse(
            refused
            or _("This kind of file is not accepted; accepted: %(extensions)s.")
            % {"extensions": ", ".join(kinds)}
        )
    upload.seek(0)
    head = upload.read(16)
    looks_right = _looks_like(head, kind, upload)
    upload.seek(0)
    if not looks_right:
        raise refuse(_("This file is not the %(kind)s its name says.") % {"kind": extension})


def _document_help() -> str:
    return _("PDF, image (JPEG, PNG, WebP), DOCX or XLSX; %(size)s MB at most.") % {
        "size": MAX_UPLOAD_BYTES // (1024 * 1024)
    }


def document_field(label, *, required: bool = True):
    """A file field for the documents `check_upload` accepts, saying which in the reader's
    language (formatting a lazy text when the form class is defined would freeze it in the
    language of the process's first import)."""
    from django import forms

    return forms.FileField(
        label=label,
        required=required,
        help_text=lazy(_document_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
    )
