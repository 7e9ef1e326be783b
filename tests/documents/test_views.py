"""The public verification page, and the archive that administrators and secretariats consult."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.documents.models import DocumentFormat, IssuedDocument
from palabre.spaces.models import Role
from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import SpaceFactory, member_user

from .factories import issue_sample

pytestmark = pytest.mark.django_db

VERIFY = reverse("documents:verify")
ARCHIVE = reverse("documents:list")


@pytest.fixture
def approved(space):
    issuer = make_user(email="issuer.private@example.org")
    return issue_sample(
        space=space,
        title="Minutes of the 2nd meeting",
        kind="minutes",
        version=2,
        issued_by=issuer,
        approved_by=make_user(full_name="Aminata Testtraoré"),
        approved_at=timezone.now(),
    )


def assert_authentic(response, document) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert "Authentic" in page
    assert "Minutes of the 2nd meeting" in page
    assert "Minutes, version 2, issued on" in page
    assert "Approved by Aminata Testtraoré on" in page
    # Nothing personal beyond the approver's name.
    assert "issuer.private@example.org" not in page


def test_anyone_can_check_a_pasted_checksum(client, approved):
    response = client.post(VERIFY, {"sha256": f"  {approved.sha256.upper()} "})
    assert_authentic(response, approved)


def test_anyone_can_check_the_file_itself(client, approved):
    upload = SimpleUploadedFile("minutes.pdf", approved.file.read())
    assert_authentic(client.post(VERIFY, {"file": upload}), approved)


def test_the_link_printed_with_a_checksum_opens_the_result(client, approved):
    assert_authentic(client.get(VERIFY, {"sha256": approved.sha256}), approved)


def test_a_changed_file_is_unknown(client, approved):
    changed = approved.file.read() + b"\n"
    response = client.post(VERIFY, {"file": SimpleUploadedFile("minutes.pdf", changed)})
    page = response.content.decode()
    assert "Unknown" in page and "No document with this checksum was issued" in page
    assert "Minutes of the 2nd meeting" not in page


def test_a_malformed_checksum_is_explained(client):
    response = client.post(VERIFY, {"sha256": "not-a-checksum"})
    assert "A SHA-256 checksum is 64 characters" in response.content.decode()
    assert "Unknown" not in response.content.decode()


def test_an_empty_form_asks_for_a_checksum_or_a_file(client):
    response = client.post(VERIFY, {})
    assert "Paste a checksum or choose the document" in response.content.decode()


def test_a_document_issued_without_approval_says_so(client, space):
    document = issue_sample(space=space)
    page = client.get(VERIFY, {"sha256": document.sha256}).content.decode()
    assert "Authentic" in page
    assert "Not approved" in page


def test_the_secretariat_sees_its_spaces_documents_only(secretariat_client, approved):
    other = issue_sample(space=SpaceFactory(), title="Charter of another committee")
    page = secretariat_client.get(ARCHIVE).content.decode()
    assert "Minutes of the 2nd meeting" in page
    assert approved.sha256 in page  # in full, in the title attribute
    assert reverse("documents:download", args=[approved.pk]) in page
    assert "Charter of another committee" not in page
    download = secretariat_client.get(reverse("documents:download", args=[other.pk]))
    assert download.status_code == 403


def test_the_administrator_sees_every_document(client, approved):
    issue_sample(space=SpaceFactory(), title="Charter of another committee")
    issue_sample(title="Document of no space")
    client.force_login(make_admin())
    page = client.get(ARCHIVE).content.decode()
    assert "Minutes of the 2nd meeting" in page
    assert "Charter of another committee" in page
    assert "Document of no space" in page


def test_members_may_not_see_the_archive(client, space, approved):
    client.force_login(member_user(space, role=Role.MEMBER))
    assert client.get(ARCHIVE).status_code == 403
    download = client.get(reverse("documents:download", args=[approved.pk]))
    assert download.status_code == 403


def test_the_secretariat_downloads_the_archived_file(secretariat_client, approved):
    response = secretariat_client.get(reverse("documents:download", args=[approved.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == approved.file.read()
    assert response["Content-Disposition"] == (
        'attachment; filename="minutes-of-the-2nd-meeting-v2.pdf"'
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "minutes"}, ["Minutes of the 2nd meeting"]),
        ({"format": "docx"}, ["Charter in Word"]),
        ({"q": "charter"}, ["Charter in Word"]),
        ({"kind": "sample", "format": "pdf"}, ["Document of the Nawa", "Attendance sample"]),
    ],
)
def test_the_archive_filters(client, space, approved, query, expected):
    issue_sample(space=space, title="Charter in Word", kind="charter", fmt=DocumentFormat.DOCX)
    issue_sample(space=space, title="Attendance sample", key="other")
    other_space = SpaceFactory(name="Comité de suivi de la Nawa")
    issue_sample(space=other_space, title="Document of the Nawa")
    client.force_login(make_admin())
    titles = [document.title for document in client.get(ARCHIVE, query).context["documents"]]
    assert titles == expected
    by_space = client.get(ARCHIVE, {"space": other_space.pk}).context["documents"]
    assert [document.title for document in by_space] == ["Document of the Nawa"]


def test_the_archive_lists_the_newest_first_and_filters_with_htmx(secretariat_client, space):
    for n in range(3):
        issue_sample(space=space, title=f"Document {n}", key=str(n))
    response = secretariat_client.get(ARCHIVE)
    assert [d.title for d in response.context["documents"]] == [
        "Document 2",
        "Document 1",
        "Document 0",
    ]
    # Not "1" alone: the search also finds checksums starting with it, one in sixteen.
    fragment = secretariat_client.get(ARCHIVE, {"q": "Document 1"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "Document 1" in fragment.content.decode()
    assert "Document 2" not in fragment.content.decode()


def test_the_navigation_links_the_archive_for_those_who_may_see_it(client, space):
    client.force_login(member_user(space, role=Role.SECRETARIAT))
    assert f'href="{ARCHIVE}"' in client.get(reverse("core:home")).content.decode()
    client.force_login(member_user(space))
    assert f'href="{ARCHIVE}"' not in client.get(reverse("core:home")).content.decode()


def add_documents(space, count: int, start: int) -> None:
    """Varied documents: each with its own approver and space, as the page shows them."""
    for n in range(start, start + count):
        issue_sample(
            subject=SpaceFactory(),
            space=space,
            title=f"Document {n}",
            fmt=DocumentFormat.DOCX,
            approved_by=make_user(full_name=f"Approver {n}"),
            approved_at=timezone.now(),
        )


def queries_for(client, url: str) -> int:
    client.get(url)  # warms the caches a normal visit finds warm (identity, sessions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("query", ["", "?q=document&format=docx&kind=sample"])
def test_the_archive_costs_the_same_with_3_or_30_documents(secretariat_client, space, query):
    add_documents(space, 3, start=0)
    with_three = queries_for(secretariat_client, ARCHIVE + query)
    add_documents(space, 27, start=3)
    assert IssuedDocument.objects.count() == 30
    assert queries_for(secretariat_client, ARCHIVE + query) == with_three
