"""Submitting through the pages: the form, the refusals that store nothing, the receipt, the
files, one's own submissions, and what the call's page offers an applicant."""

import datetime
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.calls.models import CallStatus, Submission, SubmissionFile
from palabre.calls.services.submissions import submit
from palabre.spaces.models import Role
from tests.accounts.factories import make_user
from tests.spaces.factories import member_user

from .factories import PDF, CallFactory, with_documents, with_grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory(time_zone="Africa/Dakar")
    with_grid(call)
    with_documents(call)
    return call


def documents(call) -> dict:
    return {d.label: d for d in call.required_documents.all()}


def form_data(call, **replace) -> dict:
    uploads = {
        "CV de l'expert": SimpleUploadedFile("cv.pdf", PDF),
        "Note méthodologique": SimpleUploadedFile("note.pdf", PDF),
        "Offre financière": SimpleUploadedFile("offre.pdf", PDF),
    }
    uploads.update(replace)
    by_label = documents(call)
    return {
        "applicant_name": "Cabinet Akwaba Conseil",
        "price": "40000000",
        **{f"document_{by_label[label].pk}": upload for label, upload in uploads.items()},
    }


def submit_url(call) -> str:
    return reverse("calls:submit", args=[call.pk])


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submitted(call, applicant, name="Bureau Sahel Études", at=None) -> Submission:
    return submit(
        call=call,
        applicant=applicant,
        applicant_name=name,
        price=Decimal("45000000"),
        files={d.pk: SimpleUploadedFile(f"{d.pk}.pdf", PDF) for d in call.required_documents.all()},
        at=at,
    )


def test_the_form_groups_the_documents_with_their_types_and_size(client, call):
    client.force_login(make_user())
    page = client.get(submit_url(call)).content.decode()
    assert page.index("Technical offer") < page.index("Note méthodologique")
    assert page.index("Financial offer") < page.index("Offre financière")
    assert 'accept=".pdf,.docx"' in page and 'enctype="multipart/form-data"' in page
    assert "10 MB at most" in page and "XOF" in page
    assert "Africa/Dakar" in page


def test_submitting_through_the_page_stores_three_files_and_shows_the_receipt(
    client, call, settings
):
    applicant = make_user()
    client.force_login(applicant)
    response = client.post(submit_url(call), form_data(call), follow=True)
    submission = Submission.objects.get(applicant=applicant)
    assert response.redirect_chain[-1][0] == reverse("calls:submission", args=[submission.pk])
    assert SubmissionFile.objects.filter(submission=submission).count() == 3
    assert len(stored_files(settings)) == 3
    page = response.content.decode()
    assert submission.receipt_checksum in page
    assert hashlib.sha256(PDF).hexdigest() in page
    assert "This submission counts." in page and "Cabinet Akwaba Conseil" in page
    assert "(Africa/Dakar)" in page


def test_one_second_late_is_refused_with_the_deadline_and_nothing_is_stored(client, call, settings):
    client.force_login(make_user())
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = client.post(submit_url(call), form_data(call))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The call closed on" in page and "Africa/Dakar" in page
    assert not Submission.objects.exists()
    assert stored_files(settings) == []


def test_a_pdf_that_is_a_zip_is_refused_on_its_field_and_nothing_is_stored(client, call, settings):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("word/document.xml", "<w:document/>")
    disguised = SimpleUploadedFile("note.pdf", archive.getvalue())
    client.force_login(make_user())
    response = client.post(submit_url(call), form_data(call, **{"Note méthodologique": disguised}))
    assert response.status_code == 200
    field = f"document_{documents(call)['Note méthodologique'].pk}"
    assert "This file is not the .pdf its name says." in response.context["form"].errors[field]
    assert not Submission.objects.exists()
    assert stored_files(settings) == []


def test_a_missing_document_is_named_on_its_field(client, call):
    client.force_login(make_user())
    data = form_data(call)
    cv = documents(call)["CV de l'expert"]
    del data[f"document_{cv.pk}"]
    response = client.post(submit_url(call), data)
    assert response.context["form"].errors[f"document_{cv.pk}"] == ["“CV de l'expert” is required."]
    assert not Submission.objects.exists()


def test_a_closed_call_shows_no_form(client, call):
    client.force_login(make_user())
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    page = client.get(submit_url(call)).content.decode()
    assert "This call is not accepting submissions." in page
    assert 'type="file"' not in page


def test_sending_again_says_it_replaces_and_the_old_receipt_says_by_what(client, call):
    applicant = make_user()
    first = submitted(call, applicant, at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(applicant)
    page = client.get(submit_url(call)).content.decode()
    assert "counts; sending again replaces it." in page
    assert 'value="Bureau Sahel Études"' in page
    client.post(submit_url(call), form_data(call))
    second = Submission.objects.get(applicant=applicant, is_current=True)
    receipt = client.get(reverse("calls:submission", args=[first.pk])).content.decode()
    assert "Replaced by your submission of" in receipt
    assert second.pk != first.pk
    assert "This submission counts." not in receipt


def test_the_deadline_is_also_shown_in_the_applicants_own_time_zone(client, call):
    call.closes_at = datetime.datetime(2030, 3, 2, 17, 0, tzinfo=datetime.UTC)
    call.save()
    client.force_login(make_user(time_zone="America/Toronto"))
    page = client.get(submit_url(call)).content.decode()
    assert "(Africa/Dakar)" in page and "(America/Toronto)" in page
    client.force_login(make_user(time_zone="Africa/Dakar"))
    assert "America/Toronto" not in client.get(submit_url(call)).content.decode()


def test_the_ineligibility_and_its_reason_are_shown_to_the_applicant(client, call):
    applicant = make_user()
    client.force_login(applicant)
    client.post(submit_url(call), {**form_data(call), "price": "75000000"})
    submission = Submission.objects.get(applicant=applicant)
    page = client.get(reverse("calls:submission", args=[submission.pk])).content.decode()
    assert "Not eligible" in page and "above the ceiling" in page


def test_another_applicants_receipt_and_files_are_refused(client, call):
    theirs = submitted(call, make_user())
    client.force_login(make_user())
    assert client.get(reverse("calls:submission", args=[theirs.pk])).status_code == 403
    item = theirs.files.first()
    url = reverse("calls:submission_file", args=[theirs.pk, item.pk])
    assert client.get(url).status_code == 403


def test_the_applicant_downloads_their_own_file(client, call):
    applicant = make_user()
    mine = submitted(call, applicant)
    client.force_login(applicant)
    item = mine.files.first()
    response = client.get(reverse("calls:submission_file", args=[mine.pk, item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_secretariat_opens_financial_files_only_once_technical_scoring_is_closed(client, call):
    theirs = submitted(call, make_user())
    client.force_login(member_user(call.space, role=Role.SECRETARIAT))
    offer = theirs.files.get(requirement__label="Offre financière")
    cv = theirs.files.get(requirement__label="CV de l'expert")
    offer_url = reverse("calls:submission_file", args=[theirs.pk, offer.pk])
    assert client.get(reverse("calls:submission_file", args=[theirs.pk, cv.pk])).status_code == 200
    assert client.get(offer_url).status_code == 403
    receipt = client.get(reverse("calls:submission", args=[theirs.pk])).content.decode()
    assert "Price of the financial offer" not in receipt
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    assert client.get(offer_url).status_code == 200


def my_submissions_queries(client) -> int:
    url = reverse("calls:my_submissions")
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_my_submissions_cost_the_same_with_few_or_many_and_current_ones_come_first(client):
    applicant = make_user()
    client.force_login(applicant)

    def one_call(title):
        call = CallFactory(title=title)
        with_documents(call)
        return call

    old = one_call("Appel ancien")
    submitted(old, applicant, at=timezone.now() - datetime.timedelta(days=2))
    submitted(old, applicant, at=timezone.now() - datetime.timedelta(days=1))
    few = my_submissions_queries(client)
    for number in range(6):
        later = one_call(f"Appel {number}")
        submitted(later, applicant, at=timezone.now() - datetime.timedelta(days=3, hours=number))
        submitted(later, applicant, at=timezone.now() - datetime.timedelta(hours=number))
    assert my_submissions_queries(client) == few
    submissions = list(client.get(reverse("calls:my_submissions")).context["submissions"])
    assert [s.is_current for s in submissions] == [True] * 7 + [False] * 7
    replaced = client.get(reverse("calls:my_submissions") + "?counts=no").content.decode()
    assert "Replaced by your submission of" in replaced


def test_my_submissions_show_only_mine(client, call):
    submitted(call, make_user(), name="Expertise Lagunes SARL")
    applicant = make_user()
    submitted(call, applicant)
    client.force_login(applicant)
    page = client.get(reverse("calls:my_submissions")).content.decode()
    assert "Bureau Sahel Études" in page and "Expertise Lagunes SARL" not in page


def on_call(call, user) -> str:
    request = RequestFactory().get(call.get_absolute_url())
    request.user = user
    return render_to_string("calls/applicants/_on_call.html", {"call": call}, request=request)


def test_the_call_page_invites_to_sign_in_to_submit_or_shows_ones_submission(call):
    assert "Sign in to submit an offer" in on_call(call, AnonymousUser())
    applicant = make_user()
    assert submit_url(call) in on_call(call, applicant)
    submission = submitted(call, applicant)
    panel = on_call(call, applicant)
    assert reverse("calls:submission", args=[submission.pk]) in panel
    assert "Replace my submission" in panel
    call.status = CallStatus.DRAFT
    call.save()
    assert on_call(call, applicant).strip() == ""


def test_filtering_my_submissions_with_htmx_swaps_only_the_results(client, call):
    applicant = make_user()
    submitted(call, applicant)
    client.force_login(applicant)
    response = client.get(
        reverse("calls:my_submissions") + "?q=AMI&counts=yes", headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert 'id="submission-results"' in page and "Bureau Sahel Études" in page
    assert "<html" not in page
    assert (
        "Bureau" not in client.get(reverse("calls:my_submissions") + "?counts=no").content.decode()
    )


def test_a_call_for_projects_without_price_asks_for_the_amount_requested_optionally(client, call):
    call.criteria.filter(is_price=True).delete()
    client.force_login(make_user())
    page = client.get(submit_url(call)).content.decode()
    assert "Amount requested (XOF)" in page and "Price of the financial offer" not in page
    response = client.post(submit_url(call), {**form_data(call), "price": ""})
    assert response.status_code == 302
    assert Submission.objects.get(call=call).price is None
