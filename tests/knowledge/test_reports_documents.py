"""The capitalisation report as PDF and DOCX: a draft is watermarked and not kept; an approved
report is issued, archived, and says its figures and its lessons."""

import datetime

import pytest
from django.urls import reverse

from palabre.documents.models import IssuedDocument
from tests.directory.factories import PersonFactory
from tests.documents.utils import docx_text, pdf_text
from tests.indicators.fixtures import at
from tests.knowledge.test_reports import approved, lesson, make_report, world  # noqa: F401
from tests.meetings.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return " ".join(text.split())


def download(client, report, fmt) -> bytes:
    url = reverse("knowledge:report_document", args=[report.space.slug, report.pk, fmt])
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def approved_report(world):  # noqa: F811
    space, book, users = world
    report = make_report(space, users["secretariat"])
    report.lessons.add(
        lesson(
            space,
            "Inviter la diaspora en ligne",
            datetime.date(2026, 2, 1),
            users["secretariat"],
            statement="Les réunions hybrides ont doublé la présence des ressortissants.",
        )
    )
    return approved(report, users), users


@pytest.mark.parametrize("fmt, read", [("pdf", pdf_text), ("docx", docx_text)])
def test_the_approved_document_says_the_figures_and_the_lessons(client, approved_report, fmt, read):
    report, users = approved_report
    client.force_login(users["member"])
    text = flat(read(download(client, report, fmt)))
    assert "6 unique participants" in text
    assert "50 % of the participants whose gender is recorded" in text
    assert "Inviter la diaspora en ligne" in text
    assert "Les réunions hybrides ont doublé la présence des ressortissants." in text
    assert users["approver"].display_name in text
    assert "DRAFT" not in text
    assert IssuedDocument.objects.filter(kind="capitalisation_report", format=fmt).count() == 1


def test_a_draft_is_watermarked_and_not_archived(client, world):  # noqa: F811
    space, book, users = world
    report = make_report(space, users["secretariat"])
    client.force_login(users["member"])
    text = flat(pdf_text(download(client, report, "pdf")))
    assert "DRAFT – not approved" in text
    assert "6 unique participants" in text
    assert not IssuedDocument.objects.exists()


def test_the_document_of_an_approved_report_ignores_later_data(client, approved_report):
    report, users = approved_report
    meeting = MeetingFactory(space=report.space, starts_at=at("2026-06-02"))
    AttendanceFactory(meeting=meeting, person=PersonFactory(gender="F"))
    client.force_login(users["member"])
    text = flat(docx_text(download(client, report, "docx")))
    assert "6 unique participants" in text and "7 unique participants" not in text
