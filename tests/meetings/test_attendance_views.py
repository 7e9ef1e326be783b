"""The attendance pages as the secretariat, members and the public use them."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from palabre.audit.models import AuditEvent
from palabre.directory.models import Person
from palabre.documents.models import IssuedDocument
from palabre.jobs.models import Job, JobStatus
from palabre.meetings.models import (
    Attendance,
    AttendanceSource,
    Invitation,
    InvitationChannel,
    MeetingMode,
    ParticipationMode,
    RegistrationStatus,
)
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.directory.factories import PersonFactory
from tests.documents.utils import docx_text, pdf_text
from tests.imports.factories import csv_bytes, upload
from tests.meetings.factories import (
    AttendanceFactory,
    MeetingFactory,
    RegistrationFactory,
    in_days,
)
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jobs_in_process(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def meeting(space):
    """Public, under way this morning."""
    return MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )


@pytest.fixture
def secretary(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def member(space):
    return member_user(space)


def url(name, meeting, *args):
    return reverse(f"meetings:{name}", args=[meeting.space.slug, meeting.pk, *args])


def test_the_check_in_page_lists_expected_people_not_yet_present_first(client, meeting, secretary):
    aya = RegistrationFactory(meeting=meeting, person__last_name="Zadi").person
    yao = PersonFactory(last_name="Brou")
    Invitation.objects.create(meeting=meeting, person=yao, channel=InvitationChannel.PERSON)
    done = AttendanceFactory(meeting=meeting, person__last_name="Aka").person
    PersonFactory(last_name="Inconnu")  # in the directory, not expected: not listed
    client.force_login(secretary)

    page = client.get(url("check_in", meeting)).content.decode()

    assert page.index("BROU") < page.index("ZADI") < page.index("AKA")
    assert "INCONNU" not in page
    assert url("check_in_person", meeting, aya.pk) in page
    assert url("check_in_person", meeting, done.pk) not in page
    assert 'id="check-in-counter"' in page


def test_the_secretariat_checks_someone_in_without_javascript(client, meeting, secretary):
    person = RegistrationFactory(meeting=meeting, person__first_name="Aya").person
    client.force_login(secretary)

    response = client.post(url("check_in_person", meeting, person.pk), {"q": "aya"}, follow=True)

    attendance = Attendance.objects.get(meeting=meeting, person=person)
    assert (attendance.source, attendance.mode) == (AttendanceSource.CHECK_IN, "in_person")
    assert response.redirect_chain[-1][0] == url("check_in", meeting) + "?q=aya"
    assert f"{person.full_name} is present (" in response.content.decode()


def test_with_htmx_the_row_comes_back_present_with_the_counter(client, meeting, secretary):
    person = RegistrationFactory(meeting=meeting).person
    client.force_login(secretary)

    response = client.post(url("check_in_person", meeting, person.pk), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    attendance = Attendance.objects.get(person=person)
    time = timezone.localtime(attendance.checked_in_at).strftime("%H:%M")
    assert page.lstrip().startswith(f'<li id="check-in-{person.pk}"')
    assert f"present at {time}" in page
    assert 'hx-swap-oob="true"' in page and "1 present" in page
    assert "<html" not in page


def test_checking_in_twice_says_so_and_keeps_one_line(client, meeting, secretary):
    person = RegistrationFactory(meeting=meeting, person__first_name="Aya").person
    client.force_login(secretary)
    client.post(url("check_in_person", meeting, person.pk))

    response = client.post(url("check_in_person", meeting, person.pk), follow=True)

    assert "is already on the attendance list" in response.content.decode()
    assert Attendance.objects.filter(meeting=meeting, person=person).count() == 1


def test_a_member_may_not_check_anyone_in(client, meeting, member):
    person = RegistrationFactory(meeting=meeting).person
    client.force_login(member)

    assert client.get(url("check_in", meeting)).status_code == 403
    response = client.post(url("check_in_person", meeting, person.pk))

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_search_ignores_accents_case_and_order_and_puts_the_expected_first(
    client, meeting, secretary
):
    expected = RegistrationFactory(
        meeting=meeting, person__first_name="Affoué", person__last_name="N'Guessan"
    ).person
    other = PersonFactory(first_name="Koffi", last_name="Nguessan")
    PersonFactory(first_name="Aya", last_name="Konan")
    client.force_login(secretary)

    response = client.get(
        url("check_in", meeting), {"q": "NGUESSAN affoue"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="check-in-results">')
    assert "1 person found" in page and expected.first_name in page

    page = client.get(url("check_in", meeting), {"q": "nguessan"}).content.decode()
    assert "2 people found" in page
    assert page.index("Affoué") < page.index(other.first_name)
    assert "Konan" not in page


def test_a_walk_in_is_added_and_checked_in(client, meeting, secretary):
    client.force_login(secretary)

    response = client.post(
        url("walk_in", meeting),
        {
            "first_name": "Mariam",
            "last_name": "Traoré",
            "gender": "F",
            "phone": "07 07 01 02 03",
            "organisation": "Association des femmes de Méagui",
            "country_of_residence": meeting.space.country_id,
            "mode": "in_person",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(last_name="Traoré")
    assert person.phone == "+2250707010203"  # read in the plan of the country of residence
    attendance = Attendance.objects.get(person=person)
    assert attendance.source == AttendanceSource.WALK_IN


def test_an_incomplete_walk_in_is_shown_again_and_stores_nothing(client, meeting, secretary):
    client.force_login(secretary)
    before = Person.objects.count()

    response = client.post(url("walk_in", meeting), {"first_name": "Mariam", "mode": "in_person"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert '<details class="card check-in-walk-in" id="walk-in" open>' in page
    assert Person.objects.count() == before
    assert not Attendance.objects.exists()


def test_online_participants_are_ticked_in_one_go(client, space, secretary):
    meeting = MeetingFactory(
        space=space,
        mode=MeetingMode.HYBRID,
        online_url="https://visio.example.org/comite",
        starts_at=in_days(-1),
    )
    online = RegistrationFactory(meeting=meeting, mode=ParticipationMode.ONLINE).person
    RegistrationFactory(meeting=meeting, person__last_name="Salle")  # in person: not in the box
    client.force_login(secretary)

    page = client.get(url("check_in", meeting)).content.decode()
    assert f'name="people" value="{online.pk}" checked' in page
    assert page.count('name="people"') == 1

    response = client.post(url("attendance_online", meeting), {"people": [online.pk]}, follow=True)

    assert "1 person marked present online." in response.content.decode()
    assert Attendance.objects.get().mode == ParticipationMode.ONLINE


def test_members_see_the_list_and_figures_the_public_does_not(client, meeting, member):
    AttendanceFactory(meeting=meeting, person__last_name="Konan", person__gender="F")
    AttendanceFactory(meeting=meeting, person__last_name="Brou", person__gender="M")

    response = client.get(url("attendance", meeting))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user())
    assert client.get(url("attendance", meeting)).status_code == 403

    client.force_login(member)
    page = client.get(url("attendance", meeting)).content.decode()
    assert "KONAN" in page and "BROU" in page
    assert "2 people present" in page and "50.0 % women" in page
    assert url("attendance_export", meeting, "csv") not in page  # export: the secretariat's
    assert url("attendance_remove", meeting, Attendance.objects.first().pk) not in page


def test_the_list_filters_and_swaps_its_results_with_htmx(client, meeting, secretary):
    AttendanceFactory(meeting=meeting, person__last_name="Konan", mode="online")
    AttendanceFactory(meeting=meeting, person__last_name="Brou")
    client.force_login(secretary)

    response = client.get(url("attendance", meeting), {"mode": "online"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="attendance-results">')
    assert "KONAN" in page and "BROU" not in page


def test_the_secretariat_exports_the_filtered_list_and_it_is_recorded(client, meeting, secretary):
    AttendanceFactory(meeting=meeting, person__last_name="Konan", person__email="aya@example.org")
    AttendanceFactory(meeting=meeting, person__last_name="Brou", person__gender="M")
    client.force_login(secretary)

    response = client.get(url("attendance_export", meeting, "csv"), {"gender": "F"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("No.;Last name;First name;Gender;E-mail")
    assert "Konan" in text and "aya@example.org" in text and "Brou" not in text
    assert AuditEvent.objects.get(action="attendance.export").changes["rows"] == [None, 1]

    response = client.get(url("attendance_export", meeting, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


def test_members_may_not_export(client, meeting, member):
    client.force_login(member)

    assert client.get(url("attendance_export", meeting, "csv")).status_code == 403
    assert not AuditEvent.objects.exists()


def test_the_secretariat_removes_a_line_with_a_reason(client, meeting, secretary):
    attendance = AttendanceFactory(meeting=meeting)
    client.force_login(secretary)

    response = client.post(url("attendance_remove", meeting, attendance.pk), {"reason": ""})
    attendance.refresh_from_db()
    assert response.status_code == 302 and attendance.removed_at is None

    response = client.post(
        url("attendance_remove", meeting, attendance.pk),
        {"reason": "Erreur de saisie"},
        follow=True,
    )

    attendance.refresh_from_db()
    assert attendance.removed_at is not None
    page = response.content.decode()
    assert "was removed from the attendance list" in page
    assert "1 line removed" in page and "Erreur de saisie" in page
    assert "0 people present" in page


def test_a_member_may_not_remove_a_line(client, meeting, member):
    attendance = AttendanceFactory(meeting=meeting)
    client.force_login(member)

    response = client.post(url("attendance_remove", meeting, attendance.pk), {"reason": "x"})

    assert response.status_code == 403
    attendance.refresh_from_db()
    assert attendance.removed_at is None


def test_the_sign_in_sheet_lists_the_registered_people_and_is_archived(client, meeting, secretary):
    RegistrationFactory(meeting=meeting, person__first_name="Aya", person__last_name="Konan")
    RegistrationFactory(meeting=meeting, person__first_name="Yao", person__last_name="Brou")
    RegistrationFactory(
        meeting=meeting, person__last_name="Attente", status=RegistrationStatus.WAITLISTED
    )
    client.force_login(secretary)

    response = client.get(url("sign_in_sheet", meeting, "pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())  # headers wrap in their columns
    for title in ("No.", "Name", "Organisation / institution", "Gender (F/M)", "Phone"):
        assert title in text
    for title in ("E-mail", "Diaspora (Y/N)", "Signature", meeting.title, meeting.venue):
        assert title in text
    assert text.index("BROU Yao") < text.index("KONAN Aya")
    assert "ATTENTE" not in text
    document = IssuedDocument.objects.get()
    assert (document.kind, document.format) == ("sign_in_sheet", "pdf")
    # Printed again unchanged, it is the same archived document.
    client.get(url("sign_in_sheet", meeting, "pdf"))
    assert IssuedDocument.objects.count() == 1


def test_the_sign_in_sheet_in_word_is_a_table(client, meeting, secretary):
    RegistrationFactory(meeting=meeting, person__first_name="Aya", person__last_name="Konan")
    client.force_login(secretary)

    response = client.get(url("sign_in_sheet", meeting, "docx"))

    document = docx.Document(io.BytesIO(response.content))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells][:3] == [
        "No.",
        "Name",
        "Organisation / institution",
    ]
    assert len(table.rows) == 1 + 1 + 15  # the header, Aya, and fifteen blank lines
    assert "KONAN Aya" in docx_text(response.content)


def test_a_member_may_not_print_the_sign_in_sheet(client, meeting, member):
    client.force_login(member)

    assert client.get(url("sign_in_sheet", meeting, "pdf")).status_code == 403
    assert not IssuedDocument.objects.exists()


def test_the_import_runs_as_a_job_and_reports_its_counts(client, meeting, secretary):
    client.force_login(secretary)
    content = csv_bytes([["Prénom", "Nom", "Sexe"], ["Aya", "Konan", "F"]])

    response = client.post(url("attendance_import", meeting), {"file": upload("f.csv", content)})

    job = Job.objects.get()
    assert (job.name, job.status) == ("meetings.import_attendance", JobStatus.SUCCEEDED)
    assert response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 added to the attendance list" in page
    assert url("attendance", meeting) in page
    assert Attendance.objects.get().person.last_name == "Konan"


def test_a_bad_sheet_sent_on_the_web_lists_its_lines_and_stores_nothing(client, meeting, secretary):
    client.force_login(secretary)
    content = csv_bytes(
        [
            ["Prénom", "Nom", "Sexe", "E-mail"],
            ["Aya", "", "F", ""],
            ["Yao", "Brou", "Peut-être", "y@"],
        ]
    )

    response = client.post(
        url("attendance_import", meeting), {"file": upload("f.csv", content)}, follow=True
    )

    page = response.content.decode()
    assert "Nothing was imported: 3 problems" in page
    for line in (2, 3):
        assert f'data-label="Line">{line}</td>' in page
    assert not Attendance.objects.exists()


def test_the_import_template_has_the_columns_and_the_mode(client, meeting, secretary):
    client.force_login(secretary)

    response = client.get(url("attendance_import_template", meeting))

    headers = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[1]]
    assert headers[:3] == ["Prénom", "Nom", "E-mail"]
    assert "Mode" in headers and "Secteurs" not in headers


def test_the_meeting_page_shows_the_counts_to_members_and_links_to_the_secretariat(
    client, meeting, member, secretary
):
    AttendanceFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, mode="online")

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'id="attendance-title"' not in page  # the public sees nothing of it

    client.force_login(member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "2 people present" in page and "1 in person, 1 online" in page
    assert url("attendance", meeting) in page and url("check_in", meeting) not in page

    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert url("check_in", meeting) in page and url("sign_in_sheet", meeting, "pdf") in page
