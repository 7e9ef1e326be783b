"""Submitting to a call: the server's clock decides, every file is checked by its content, a
refused submission stores nothing, and only an applicant's latest submission counts."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from palabre.calls.models import Submission, SubmissionFile
from palabre.calls.services.submissions import submit
from palabre.notifications.models import Notification
from tests.accounts.factories import make_user

from .factories import PDF, CallFactory, with_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory(time_zone="Africa/Dakar")
    with_documents(call)
    return call


def files_for(call, **replace):
    documents = {d.label: d for d in call.required_documents.all()}
    uploads = {
        "CV de l'expert": SimpleUploadedFile("cv.pdf", PDF),
        "Note méthodologique": SimpleUploadedFile("note.pdf", PDF),
        "Offre financière": SimpleUploadedFile("offre.pdf", PDF),
    }
    uploads.update(replace)
    return {documents[label].pk: upload for label, upload in uploads.items()}


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_submission_in_time_is_stored_with_a_receipt(call, settings):
    applicant = make_user()
    submission = submit(
        call=call,
        applicant=applicant,
        applicant_name="Cabinet Akwaba Conseil",
        price=Decimal("40000000"),
        files=files_for(call),
    )
    assert submission.is_current and submission.is_eligible
    assert SubmissionFile.objects.filter(submission=submission).count() == 3
    assert len(submission.receipt_checksum) == 64
    receipt = Notification.objects.get(recipient=applicant, kind="calls.receipt")
    assert submission.receipt_checksum in str(receipt.body)


def test_one_second_late_is_refused_with_the_deadline_and_nothing_is_stored(call, settings):
    late = call.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        submit(
            call=call,
            applicant=make_user(),
            applicant_name="Bureau Sahel Études",
            price=Decimal("50000000"),
            files=files_for(call),
            at=late,
        )
    message = " ".join(error.value.messages)
    assert "closed" in message and "Africa/Dakar" in message
    assert not Submission.objects.exists()
    assert stored_files(settings) == []


def test_the_last_second_before_the_deadline_is_in_time(call):
    submit(
        call=call,
        applicant=make_user(),
        applicant_name="Bureau Sahel Études",
        price=Decimal("50000000"),
        files=files_for(call),
        at=call.closes_at - datetime.timedelta(seconds=1),
    )
    assert Submission.objects.count() == 1


def test_a_file_whose_content_is_not_its_extension_is_refused_and_nothing_stored(call, settings):
    disguised = SimpleUploadedFile("note.pdf", b"MZ\x90\x00 a Windows program")
    with pytest.raises(ValidationError) as error:
        submit(
            call=call,
            applicant=make_user(),
            applicant_name="Expertise Lagunes SARL",
            price=Decimal("30000000"),
            files=files_for(call, **{"Note méthodologique": disguised}),
        )
    assert any(key.startswith("document_") for key in error.value.message_dict)
    assert not Submission.objects.exists()
    assert stored_files(settings) == []


def test_a_missing_required_document_is_named(call):
    files = files_for(call)
    files.pop(next(iter(files)))
    with pytest.raises(ValidationError, match="CV de l'expert"):
        submit(
            call=call,
            applicant=make_user(),
            applicant_name="Expertise Lagunes SARL",
            price=Decimal("30000000"),
            files=files,
        )


def test_a_new_submission_replaces_the_previous_one(call):
    applicant = make_user()
    first = submit(
        call=call,
        applicant=applicant,
        applicant_name="Cabinet Akwaba Conseil",
        price=Decimal("45000000"),
        files=files_for(call),
    )
    second = submit(
        call=call,
        applicant=applicant,
        applicant_name="Cabinet Akwaba Conseil",
        price=Decimal("40000000"),
        files=files_for(call),
    )
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert list(call.submissions.filter(is_current=True)) == [second]


def test_an_offer_above_the_ceiling_is_flagged_ineligible_with_the_reason(call):
    submission = submit(
        call=call,
        applicant=make_user(),
        applicant_name="Groupement Atlantique",
        price=Decimal("75000000"),
        files=files_for(call),
    )
    assert not submission.is_eligible
    assert "above the ceiling" in submission.ineligibility_reason
    assert "60,000,000" in submission.ineligibility_reason  # grouped, in the language of the day
