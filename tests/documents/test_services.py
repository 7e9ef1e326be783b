"""Issuing archives each document once, with the checksum that later proves it."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.documents.models import DocumentFormat, IssuedDocument
from palabre.documents.services import document_response, issue_document
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory

from .factories import SAMPLE_ROWS, issue_sample
from .utils import docx_text, pdf_text

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_issuing_twice_returns_the_archived_file_with_the_same_checksum(space):
    issuer = make_user()
    first = issue_sample(space=space, issued_by=issuer)
    second = issue_sample(space=space, issued_by=issuer, title="Renamed meanwhile")
    assert second.pk == first.pk
    assert IssuedDocument.objects.count() == 1
    data = first.file.read()
    assert hashlib.sha256(data).hexdigest() == first.sha256 == second.sha256
    assert first.size == len(data)
    event = AuditEvent.objects.get(action="documents.issue")
    assert event.actor == issuer
    assert event.object_id == str(first.pk)


def test_each_version_format_and_key_is_a_document_of_its_own(space):
    documents = [
        issue_sample(space=space),
        issue_sample(space=space, fmt=DocumentFormat.DOCX),
        issue_sample(space=space, version=2),
        issue_sample(space=space, key="person-1"),
    ]
    assert len({document.pk for document in documents}) == 4
    assert len({document.sha256 for document in documents}) == 4
    assert documents[1].file.name.endswith(".docx")


def test_two_subjects_with_the_same_text_get_different_checksums():
    """Otherwise the checksum could not tell which document it proves."""
    first = issue_sample(subject=SpaceFactory(), fmt=DocumentFormat.DOCX)
    second = issue_sample(subject=SpaceFactory(), fmt=DocumentFormat.DOCX)
    assert docx_text(first.file.read()) == docx_text(second.file.read())
    assert first.sha256 != second.sha256


def test_the_approval_is_printed_and_its_name_survives_the_account(space):
    approver = make_user(full_name="Aminata Testtraoré")
    approved_at = timezone.make_aware(datetime.datetime(2026, 3, 14, 10, 0))
    document = issue_sample(space=space, version=3, approved_by=approver, approved_at=approved_at)
    text = pdf_text(document.file.read())
    assert "Version 3 — approved on March 14, 2026 by Aminata Testtraoré" in text
    approver.delete()
    document.refresh_from_db()
    assert document.approved_by is None
    assert document.approved_by_name == "Aminata Testtraoré"


@pytest.mark.parametrize(
    ("fmt", "content_type", "filename"),
    [
        (DocumentFormat.PDF, "application/pdf", "framing-note-3rd-meeting-v2.pdf"),
        (DocumentFormat.DOCX, DOCX_TYPE, "framing-note-3rd-meeting-v2.docx"),
    ],
)
def test_the_download_is_the_archived_file_with_a_clean_name(space, fmt, content_type, filename):
    response = document_response(
        subject=space,
        kind="framing_note",
        title="Framing note: 3rd meeting!",
        template_name="documents/sample.html",
        context={"rows": SAMPLE_ROWS},
        fmt=fmt,
        version=2,
        space=space,
    )
    document = IssuedDocument.objects.get()
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content == document.file.read()


@pytest.mark.parametrize(
    ("fmt", "read"), [(DocumentFormat.PDF, pdf_text), (DocumentFormat.DOCX, docx_text)]
)
def test_a_draft_is_watermarked_and_not_archived(space, fmt, read):
    response = document_response(
        subject=space,
        kind="minutes",
        title="Minutes",
        template_name="documents/sample.html",
        context={"rows": SAMPLE_ROWS},
        fmt=fmt,
        draft=True,
    )
    assert "DRAFT – not approved" in read(response.content)
    assert "Version 1 — draft, not approved" in read(response.content)
    # Not archived, so the verification page could not confirm it: it does not send readers there.
    assert "Check that this document is authentic" not in read(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="minutes-v1-draft.{fmt}"'
    assert not IssuedDocument.objects.exists()
    assert not AuditEvent.objects.filter(action="documents.issue").exists()


def test_an_issued_document_has_no_draft_watermark_and_says_where_to_check_it(space):
    document = issue_sample(space=space)
    text = pdf_text(document.file.read())
    assert "DRAFT" not in text
    assert "Check that this document is authentic" in text


def test_a_caller_may_name_the_file(space):
    response = document_response(
        subject=space,
        kind="certificate",
        title="Certificate",
        template_name="documents/sample.html",
        context={},
        fmt=DocumentFormat.PDF,
        key="person-7",
        filename="certificate-awa-testkone",
    )
    assert response["Content-Disposition"] == 'attachment; filename="certificate-awa-testkone.pdf"'
    assert IssuedDocument.objects.get().key == "person-7"


def test_an_unknown_format_is_refused_and_nothing_is_archived(space):
    with pytest.raises(ValueError, match="odt"):
        issue_document(
            subject=space,
            kind="sample",
            title="Sample",
            template_name="documents/sample.html",
            context={},
            fmt="odt",
        )
    assert not IssuedDocument.objects.exists()
