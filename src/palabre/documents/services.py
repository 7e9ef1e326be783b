"""Issuing documents: render once, archive the bytes with their checksum, serve them.

The other apps call `document_response` from their download views (or `issue_document` when they
only need the archived file), with a template that extends documents/base_document.html."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from palabre.audit.services import audit_record

from .models import CONTENT_TYPES, DocumentFormat, IssuedDocument
from .rendering import html_to_pdf, render_html
from .word import html_to_docx

__all__ = [
    "DocumentFormat",
    "document_response",
    "html_to_docx",
    "html_to_pdf",
    "issue_document",
    "render_document",
    "render_html",
    "sha256_of",
]

WRITERS = {DocumentFormat.PDF: html_to_pdf, DocumentFormat.DOCX: html_to_docx}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _person_name(user) -> str:
    return user.display_name if user is not None else ""


def render_document(
    *,
    template_name: str,
    context: dict,
    fmt: str,
    title: str,
    version: int = 1,
    approved_by=None,
    approved_at=None,
    issued_at=None,
    draft: bool = False,
    reference: str = "",
) -> bytes:
    """The file's bytes, with what every document shows about itself in its context."""
    if fmt not in WRITERS:
        raise ValueError(f"Unknown document format {fmt!r}")
    html = render_html(
        template_name,
        {
            **context,
            "document_title": title,
            "version": version,
            "approved_by": approved_by,
            "approved_by_name": _person_name(approved_by),
            "approved_at": approved_at,
            "issued_at": issued_at or timezone.now(),
            "draft": draft,
            "document_reference": reference,
        },
    )
    return WRITERS[fmt](html)


def _archived(content_type, object_id, kind, key, version, fmt) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(
        content_type=content_type,
        object_id=object_id,
        kind=kind,
        key=key,
        version=version,
        format=fmt,
    ).first()


def issue_document(
    *,
    subject,
    kind: str,
    title: str,
    template_name: str,
    context: dict,
    fmt: str,
    version: int = 1,
    key: str = "",
    space=None,
    issued_by=None,
    approved_by=None,
    approved_at=None,
) -> IssuedDocument:
    """The archived document for this subject, kind, key, version and format, issued on the
    first call; later calls return the same file, so its checksum stays the proof."""
    content_type = ContentType.objects.get_for_model(subject)
    object_id = str(subject.pk)
    existing = _archived(content_type, object_id, kind, key, version, fmt)
    if existing is not None:
        return existing

    issued_at = timezone.now()
    # Printed in the file's properties: two documents never have the same bytes, even when their
    # text is the same (e.g. two empty sign-in sheets), so a checksum names one document.
    reference = f"{content_type.app_label}.{content_type.model}:{object_id}:{kind}:{key}:v{version}"
    data = render_document(
        template_name=template_name,
        context=context,
        fmt=fmt,
        title=title,
        version=version,
        approved_by=approved_by,
        approved_at=approved_at,
        issued_at=issued_at,
        reference=reference,
    )
    document = IssuedDocument(
        kind=kind,
        title=title[:255],
        content_type=content_type,
        object_id=object_id,
        key=key,
        version=version,
        format=fmt,
        sha256=sha256_of(data),
        size=len(data),
        space=space,
        issued_at=issued_at,
        issued_by=issued_by,
        approved_by=approved_by,
        approved_by_name=_person_name(approved_by),
        approved_at=approved_at,
    )
    document.file.save(f"{_file_stem(title, version)}.{fmt}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
            audit_record(
                actor=issued_by,
                action="documents.issue",
                target=document,
                changes={"sha256": [None, document.sha256]},
                note=f"{kind} v{version} {fmt}",
            )
    except IntegrityError:
        # Issued meanwhile by another request: that one is the document.
        document.file.delete(save=False)
        existing = _archived(content_type, object_id, kind, key, version, fmt)
        if existing is None:
            raise
        return existing
    return document


def _file_stem(title: str, version: int) -> str:
    return f"{slugify(title)[:80] or 'document'}-v{version}"


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    return response


def _filename(filename: str, title: str, version: int, fmt: str, draft: bool = False) -> str:
    stem = filename.removesuffix(f".{fmt}") if filename else _file_stem(title, version)
    return f"{stem}{'-draft' if draft else ''}.{fmt}"


def archived_file_response(document: IssuedDocument, filename: str = "") -> HttpResponse:
    with document.file.open("rb") as handle:
        data = handle.read()
    name = _filename(filename, document.title, document.version, document.format)
    return _download(data, document.format, name)


def document_response(
    *,
    subject,
    kind: str,
    title: str,
    template_name: str,
    context: dict,
    fmt: str,
    version: int = 1,
    key: str = "",
    space=None,
    issued_by=None,
    approved_by=None,
    approved_at=None,
    draft: bool = False,
    filename: str = "",
) -> HttpResponse:
    """A download of the document: issued and archived, or a draft (watermarked, not kept)."""
    if draft:
        data = render_document(
            template_name=template_name,
            context=context,
            fmt=fmt,
            title=title,
            version=version,
            approved_by=approved_by,
            approved_at=approved_at,
            draft=True,
        )
        return _download(data, fmt, _filename(filename, title, version, fmt, draft=True))
    document = issue_document(
        subject=subject,
        kind=kind,
        title=title,
        template_name=template_name,
        context=context,
        fmt=fmt,
        version=version,
        key=key,
        space=space,
        issued_by=issued_by,
        approved_by=approved_by,
        approved_at=approved_at,
    )
    return archived_file_response(document, filename)
