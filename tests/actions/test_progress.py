"""Progress updates: the one change an adopted plan accepts. The action follows its latest update
by date; the evidence is checked and served to readers of the plan; the secretariat is told."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from palabre.actions.models import Action, ActionStatus, ProgressUpdate
from palabre.audit.models import AuditEvent
from palabre.notifications.models import Notification
from tests.directory.factories import OrganisationFactory
from tests.spaces.factories import SpaceFactory, member_user

from .factories import ActionFactory, ActionPlanFactory, adopt, days_ago, people_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def people(space):
    return people_of(space)


@pytest.fixture
def action(space, people):
    plan = ActionPlanFactory(space=space, title="Plan d'action annuel")
    action = ActionFactory(plan=plan, title="Ouvrir le guichet diaspora")
    adopt(plan, people)
    action.refresh_from_db()
    return action


def login(client, user):
    client.force_login(user)
    return client


def progress_url(action):
    return reverse("actions:progress_add", args=[action.plan.space.slug, action.plan_id, action.pk])


def update_form(**changes) -> dict:
    data = {
        "date": timezone.localdate().isoformat(),
        "status": ActionStatus.IN_PROGRESS,
        "progress": "40",
        "text": "Le local du guichet est aménagé ; deux agents sont recrutés.",
    }
    return {**data, **changes}


def test_a_progress_update_on_an_adopted_plan_moves_the_action(client, action, people):
    login(client, people["secretariat"])
    response = client.post(
        progress_url(action),
        {**update_form(), "evidence": SimpleUploadedFile("pv-reception.pdf", PDF)},
    )

    assert response["Location"] == action.get_absolute_url() + "#updates"
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.IN_PROGRESS, 40)
    update = ProgressUpdate.objects.get()
    assert update.author == people["secretariat"] and update.evidence.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="action.progress")
    assert event.changes == {"status": ["planned", "in_progress"], "progress": [0, 40]}
    page = client.get(action.get_absolute_url()).content.decode()
    assert "deux agents sont recrutés" in page and "pv-reception.pdf" in page
    # The plan stays adopted: its content did not change.
    action.plan.refresh_from_db()
    assert action.plan.is_adopted


def test_the_action_follows_its_latest_update_by_date(client, action, people):
    login(client, people["secretariat"])
    client.post(progress_url(action), update_form(progress="60", date=days_ago(2).isoformat()))
    # Entered afterwards, but about an earlier day: it does not overwrite the later one.
    client.post(
        progress_url(action),
        update_form(status=ActionStatus.DELAYED, progress="20", date=days_ago(10).isoformat()),
    )
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.IN_PROGRESS, 60)
    client.post(progress_url(action), update_form(status=ActionStatus.DONE, progress="80"))
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.DONE, 100)  # done means 100 %
    dates = [u.date for u in ProgressUpdate.objects.order_by("-date", "-pk")]
    page = client.get(action.get_absolute_url()).content.decode()
    assert page.index(dates[0].isoformat()) < page.index(dates[-1].isoformat())


def test_bad_updates_are_refused_with_a_message(client, action, people):
    login(client, people["secretariat"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    cases = [
        (update_form(date=tomorrow), "not a future date"),
        (update_form(progress="120"), "less than or equal to 100"),
        (update_form(text=""), "This field is required."),
        (
            {**update_form(), "evidence": SimpleUploadedFile("programme.exe", b"MZ\x90\x00")},
            "The evidence must be a PDF, an image",
        ),
        (
            {**update_form(), "evidence": SimpleUploadedFile("faux.pdf", b"MZ\x90\x00 not a pdf")},
            "This file is not the .pdf its name says.",
        ),
        (
            {**update_form(), "evidence": SimpleUploadedFile("photo.docx", PNG)},
            "This file is not the .docx its name says.",
        ),
    ]
    for data, message in cases:
        page = client.post(progress_url(action), data).content.decode()
        assert message in page, message
    assert not ProgressUpdate.objects.exists()
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.PLANNED, 0)


def test_evidence_over_10_mb_is_refused(client, action, people, settings):
    big = SimpleUploadedFile("rapport.pdf", PDF + b"0" * (10 * 1024 * 1024))
    page = login(client, people["secretariat"]).post(
        progress_url(action), {**update_form(), "evidence": big}
    )
    assert "The file is too large" in page.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_images_word_and_excel_files_are_accepted(client, action, people):
    login(client, people["secretariat"])
    for name, content in [("photo.png", PNG), ("rapport.docx", docx_bytes())]:
        response = client.post(
            progress_url(action),
            {**update_form(), "evidence": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 302, name
    assert ProgressUpdate.objects.count() == 2


def test_a_member_cannot_record_progress_unless_their_organisation_leads(client, action, people):
    login(client, people["member"])
    assert client.get(progress_url(action)).status_code == 403
    assert client.post(progress_url(action), update_form()).status_code == 403
    assert not ProgressUpdate.objects.exists()
    assert not AuditEvent.objects.filter(action="action.progress").exists()

    # Someone of the lead organisation, member of the space, reports what they did.
    lead = OrganisationFactory(name="Conseil régional de San-Pédro")
    Action.objects.filter(pk=action.pk).update(lead_organisation=lead)
    officer = member_user(action.plan.space, person__organisation=lead)
    response = login(client, officer).post(progress_url(action), update_form())
    assert response.status_code == 302
    # The secretariat hears of it.
    note = Notification.objects.get(recipient=people["secretariat"], kind="action.progress")
    assert "Ouvrir le guichet diaspora" in note.subject
    assert note.url == action.get_absolute_url()


def test_the_evidence_is_served_to_readers_of_the_plan_only(client, space, people):
    plan = ActionPlanFactory(space=space, visibility="members")
    action = ActionFactory(plan=plan)
    adopt(plan, people)
    login(client, people["secretariat"]).post(
        progress_url(action), {**update_form(), "evidence": SimpleUploadedFile("pv.pdf", PDF)}
    )
    update = ProgressUpdate.objects.get()
    url = reverse("actions:evidence", args=[space.slug, plan.pk, action.pk, update.pk])

    response = login(client, people["member"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert login(client, people["outsider"]).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
