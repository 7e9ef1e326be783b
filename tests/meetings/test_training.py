"""Trainings: scores before and after, the satisfaction survey, certificates of attendance."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.documents.models import IssuedDocument
from palabre.meetings.models import (
    AgendaItemKind,
    RegistrationStatus,
    SatisfactionResponse,
    TrainingAssessment,
)
from palabre.meetings.selectors_training import training_hours, training_results
from palabre.meetings.services.training import (
    assessment_set,
    assessments_bulk_set,
    satisfaction_submit,
)
from palabre.spaces.models import Role
from tests.directory.factories import PersonFactory
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import MembershipFactory, SpaceFactory, member_user

from .factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    RegistrationFactory,
    TrainingFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi de San-Pédro")


@pytest.fixture
def training(space):
    return TrainingFactory(space=space, title="Monter un projet agricole")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


def present(training, **person_fields):
    return AttendanceFactory(meeting=training, person=PersonFactory(**person_fields)).person


def participant_user(training):
    """A member of the training's space who was there."""
    user = member_user(training.space)
    AttendanceFactory(meeting=training, person=user.person)
    return user


def url(name, training, *args):
    return reverse(f"meetings:{name}", args=[training.space.slug, training.pk, *args])


def answer(**overrides):
    values = {
        "overall": 4,
        "content": 5,
        "facilitation": 4,
        "organisation": 3,
        "would_recommend": True,
        "comments": "",
    }
    return values | overrides


# Scores and results


def test_gains_per_person_and_averages_over_people_with_both_scores(training, secretariat):
    awa = present(training, first_name="Awa", last_name="Testbamba")
    koffi = present(training, first_name="Koffi", last_name="Testkouadio")
    mariam = present(training, first_name="Mariam", last_name="Testsylla")
    yao = present(training, first_name="Yao", last_name="Testyeo")
    for person, pre, post in [(awa, 40, 70), (koffi, 55, 60), (mariam, 61, 92), (yao, 50, None)]:
        assessment_set(
            meeting=training, person=person, actor=secretariat, pre_score=pre, post_score=post
        )

    results = training_results(training)

    gains = {row.person.last_name: row.gain for row in results.rows}
    assert gains == {
        "Testbamba": Decimal(30),
        "Testkouadio": Decimal(5),
        "Testsylla": Decimal(31),
        "Testyeo": None,
    }
    # Yao has no score after, so the averages are (40+55+61)/3, (70+60+92)/3 and (30+5+31)/3.
    assert results.complete == 3
    assert (results.pre_average, results.post_average, results.gain_average) == (52, 74, 22)


def test_training_page_shows_the_results_table_and_the_survey(client, training, secretariat):
    awa = present(training, first_name="Awa", last_name="Testbamba")
    yao = present(training, first_name="Yao", last_name="Testyeo")
    assessment_set(meeting=training, person=awa, actor=secretariat, pre_score=40, post_score=72.5)
    assessment_set(meeting=training, person=yao, actor=secretariat, pre_score=50)
    for overall, recommend, comment in [(5, True, "Très utile."), (4, True, ""), (4, False, "")]:
        satisfaction_submit(
            meeting=training,
            respondent=None,
            actor=secretariat,
            **answer(overall=overall, would_recommend=recommend, comments=comment),
        )
    client.force_login(member_user(training.space))

    page = client.get(url("training", training)).content.decode()

    assert "Structurer un plan d&#x27;affaires" in page  # a learning objective
    assert "Awa Testbamba" in page and "+32.5" in page
    assert "Average (1 person with both scores)" in page
    assert "4.3" in page  # overall: (5 + 4 + 4) / 3
    assert "67 % would recommend the training." in page
    assert "Très utile." in page
    # Only the secretariat sees the links to enter scores and issue certificates.
    assert url("training_scores", training) not in page


def test_a_score_over_100_is_refused_and_nothing_changes(training, secretariat):
    awa = present(training)
    assessment_set(meeting=training, person=awa, actor=secretariat, pre_score=40)

    with pytest.raises(ValidationError) as refusal:
        assessment_set(
            meeting=training, person=awa, actor=secretariat, pre_score=40, post_score=120
        )

    assert "A score is a number from 0 to 100, not 120." in refusal.value.messages
    assessment = TrainingAssessment.objects.get()
    assert (assessment.pre_score, assessment.post_score) == (40, None)


def test_the_score_sheet_is_saved_all_or_nothing(training, secretariat):
    awa, koffi = present(training), present(training)

    with pytest.raises(ValidationError) as refusal:
        assessments_bulk_set(
            meeting=training,
            actor=secretariat,
            rows=[
                {"person": awa, "pre_score": 40, "post_score": 70},
                {"person": koffi, "pre_score": 120, "post_score": 80},
            ],
        )

    assert list(refusal.value.message_dict) == [str(koffi.pk)]
    assert not TrainingAssessment.objects.exists()
    assert not AuditEvent.objects.filter(action="assessment.set").exists()


def test_scores_are_for_participants_only(training, secretariat):
    registered = RegistrationFactory(meeting=training).person
    cancelled = RegistrationFactory(meeting=training, status=RegistrationStatus.CANCELLED).person
    stranger = PersonFactory()

    assessment_set(meeting=training, person=registered, actor=secretariat, pre_score=35)
    for person in (cancelled, stranger):
        with pytest.raises(ValidationError, match="neither registered"):
            assessment_set(meeting=training, person=person, actor=secretariat, pre_score=35)

    assert list(TrainingAssessment.objects.values_list("person", flat=True)) == [registered.pk]


def test_scores_are_audited_and_unchanged_scores_are_not_logged_again(training, secretariat):
    awa = present(training)
    rows = [{"person": awa, "pre_score": "45", "post_score": ""}]

    assert assessments_bulk_set(meeting=training, actor=secretariat, rows=rows) == 1
    assert assessments_bulk_set(meeting=training, actor=secretariat, rows=rows) == 0

    event = AuditEvent.objects.get(action="assessment.set")
    assert event.actor == secretariat
    assert event.changes == {"pre_score": [None, "45.00"]}


def test_score_sheet_page_saves_every_line(client, training, secretariat):
    awa, koffi = present(training), RegistrationFactory(meeting=training).person
    client.force_login(secretariat)
    sheet = client.get(url("training_scores", training))
    assert awa.full_name in sheet.content.decode() and koffi.full_name in sheet.content.decode()

    response = client.post(
        url("training_scores", training),
        {
            "scores-TOTAL_FORMS": "2",
            "scores-INITIAL_FORMS": "2",
            "scores-0-person": awa.pk,
            "scores-0-pre_score": "40",
            "scores-0-post_score": "75",
            "scores-1-person": koffi.pk,
            "scores-1-pre_score": "52.5",
            "scores-1-post_score": "",
        },
    )

    assert response.status_code == 302
    scores = dict(TrainingAssessment.objects.values_list("person", "pre_score").order_by("person"))
    assert scores == {awa.pk: 40, koffi.pk: Decimal("52.5")}


def test_score_sheet_page_with_a_wrong_line_saves_nothing(client, training, secretariat):
    awa, koffi = present(training), present(training)
    client.force_login(secretariat)

    response = client.post(
        url("training_scores", training),
        {
            "scores-TOTAL_FORMS": "2",
            "scores-INITIAL_FORMS": "2",
            "scores-0-person": awa.pk,
            "scores-0-pre_score": "40",
            "scores-0-post_score": "75",
            "scores-1-person": koffi.pk,
            "scores-1-pre_score": "120",
            "scores-1-post_score": "",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved: correct the lines marked below." in page
    assert "Ensure this value is less than or equal to 100." in page
    assert not TrainingAssessment.objects.exists()


def test_score_sheet_shows_a_refusal_of_the_service_on_its_line(
    client, training, secretariat, monkeypatch
):
    awa = present(training)

    def refuse(**kwargs):
        raise ValidationError({str(awa.pk): ["Refused for this line."]})

    monkeypatch.setattr("palabre.meetings.views.training.assessments_bulk_set", refuse)
    client.force_login(secretariat)
    response = client.post(
        url("training_scores", training),
        {
            "scores-TOTAL_FORMS": "1",
            "scores-INITIAL_FORMS": "1",
            "scores-0-person": awa.pk,
            "scores-0-pre_score": "40",
        },
    )

    page = response.content.decode()
    row = page[page.index(awa.full_name) :]
    assert "Refused for this line." in row[: row.index("</tr>")]


# Satisfaction survey


def test_a_participant_answers_the_survey_once(client, training):
    user = participant_user(training)
    client.force_login(user)
    form = {k: ("yes" if v is True else v) for k, v in answer(comments="Bien.").items()}

    first = client.post(url("training_survey", training), form)
    second = client.post(url("training_survey", training), form)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "You have already answered this survey." in second.content.decode()
    response = SatisfactionResponse.objects.get()
    assert (response.respondent, response.overall, response.comments) == (user.person, 4, "Bien.")
    with pytest.raises(ValidationError, match="already answered this survey: one answer per"):
        satisfaction_submit(meeting=training, respondent=user.person, actor=user, **answer())
    assert SatisfactionResponse.objects.count() == 1


def test_someone_who_did_not_attend_cannot_answer(client, training):
    member = member_user(training.space)
    RegistrationFactory(meeting=training, person=member.person)  # registered, never came
    client.force_login(member)

    assert client.get(url("training_survey", training)).status_code == 403
    assert client.post(url("training_survey", training), answer()).status_code == 403
    assert not SatisfactionResponse.objects.exists()
    with pytest.raises(ValidationError, match="Only people present"):
        satisfaction_submit(meeting=training, respondent=member.person, actor=member, **answer())


def test_the_survey_opens_when_the_training_starts(space, secretariat):
    ahead = TrainingFactory(space=space, starts_at=in_days(3))

    with pytest.raises(ValidationError, match="opens when the training starts"):
        satisfaction_submit(meeting=ahead, respondent=None, actor=secretariat, **answer())

    assert not SatisfactionResponse.objects.exists()


def test_ratings_are_from_1_to_5(training, secretariat):
    with pytest.raises(ValidationError) as refusal:
        satisfaction_submit(
            meeting=training, respondent=None, actor=secretariat, **answer(content=6)
        )

    assert refusal.value.message_dict == {"content": ["Choose a rating from 1 to 5."]}
    assert not SatisfactionResponse.objects.exists()


def test_the_secretariat_types_paper_answers_without_a_name(client, training, secretariat):
    client.force_login(secretariat)
    form = {k: ("yes" if v is True else v) for k, v in answer().items()}

    for _ in range(2):
        response = client.post(url("training_survey", training), form)
        assert response.status_code == 302 and response["Location"] == url(
            "training_survey", training
        )

    assert list(SatisfactionResponse.objects.values_list("respondent", flat=True)) == [None, None]


def test_a_secretariat_member_who_attended_chooses_own_answer_or_paper_form(
    client, training, secretariat
):
    AttendanceFactory(meeting=training, person=secretariat.person)
    client.force_login(secretariat)
    form = {k: ("yes" if v is True else v) for k, v in answer().items()}

    assert "on_paper" in client.get(url("training_survey", training)).context["form"].fields
    client.post(url("training_survey", training), form)
    client.post(url("training_survey", training), form | {"on_paper": "on"})

    respondents = SatisfactionResponse.objects.order_by("pk").values_list("respondent", flat=True)
    assert list(respondents) == [secretariat.person.pk, None]


# Certificates


def test_a_participant_downloads_their_certificate_in_pdf_and_docx(client, training):
    user = participant_user(training)
    user.person.first_name, user.person.last_name = "Aïcha", "Testouattara"
    user.person.save()
    MembershipFactory(
        space=training.space,
        role=Role.CHAIR,
        person__first_name="Bakary",
        person__last_name="Testcoulibaly",
    )
    client.force_login(user)

    pdf = client.get(url("training_certificate", training, user.person.pk, "pdf"))
    docx = client.get(url("training_certificate", training, user.person.pk, "docx"))

    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for expected in ["Aïcha Testouattara", "Monter un projet agricole", "Bakary Testcoulibaly"]:
        assert expected in text
    assert "Certificate of attendance" in text and "Duration: 7 h" in text
    assert "(SHA-256)" in text
    word = docx_text(docx.content)
    assert "Aïcha Testouattara" in word and "Monter un projet agricole" in word


def test_a_certificate_is_archived_once(client, training):
    user = participant_user(training)
    client.force_login(user)
    address = url("training_certificate", training, user.person.pk, "pdf")

    first, second = client.get(address), client.get(address)

    document = IssuedDocument.objects.get()
    assert (document.kind, document.key) == ("certificate", f"person-{user.person.pk}")
    assert first.content == second.content
    with document.file.open("rb") as archived:
        assert archived.read() == first.content


def test_no_certificate_for_someone_not_present(client, training, secretariat):
    member = member_user(training.space)
    RegistrationFactory(meeting=training, person=member.person)
    removed = AttendanceFactory(meeting=training, removed_at=in_days(-6)).person

    client.force_login(member)
    assert (
        client.get(url("training_certificate", training, member.person.pk, "pdf")).status_code
        == 404
    )
    client.force_login(secretariat)
    assert client.get(url("training_certificate", training, removed.pk, "pdf")).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_a_participant_cannot_get_another_participants_certificate(client, training):
    other = present(training)
    client.force_login(participant_user(training))

    response = client.get(url("training_certificate", training, other.pk, "pdf"))

    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


def test_certificate_in_an_unknown_format_is_not_found(client, training, secretariat):
    person = present(training)
    client.force_login(secretariat)

    assert client.get(url("training_certificate", training, person.pk, "txt")).status_code == 404


def test_the_secretariat_downloads_every_certificate_in_one_zip(client, training, secretariat):
    people = [present(training) for _ in range(2)]
    RegistrationFactory(meeting=training)  # registered but absent: no certificate
    client.force_login(secretariat)

    response = client.get(url("training_certificates", training))
    client.get(url("training_certificates", training))

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(archive.namelist()) == 2
    for person in people:
        (name,) = [name for name in archive.namelist() if name.endswith(f"-{person.pk}.pdf")]
        assert person.full_name in pdf_text(archive.read(name))
    assert IssuedDocument.objects.filter(kind="certificate").count() == 2


def test_certificates_zip_without_attendees_says_so(client, training, secretariat):
    client.force_login(secretariat)

    response = client.get(url("training_certificates", training), follow=True)

    assert response.redirect_chain[-1][0] == url("training", training)
    assert "Nobody is on the attendance list yet" in response.content.decode()


def test_training_hours_leave_out_breaks_and_nights(space):
    with_agenda = TrainingFactory(space=space)
    AgendaItemFactory(meeting=with_agenda, order=1, duration_minutes=150)
    AgendaItemFactory(meeting=with_agenda, order=2, duration_minutes=30, kind=AgendaItemKind.BREAK)
    AgendaItemFactory(meeting=with_agenda, order=3, duration_minutes=180)
    start = in_days(-10, hour=9)
    three_days = TrainingFactory(
        space=space, starts_at=start, ends_at=start + datetime.timedelta(days=2, hours=8)
    )

    assert training_hours(with_agenda) == Decimal("5.5")
    assert training_hours(three_days) == 24
    assert training_hours(TrainingFactory(space=space)) == 7


# Pages of a meeting that is not a training; the meeting page; query counts


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("training", []),
        ("training_scores", []),
        ("training_survey", []),
        ("training_certificate", ["pdf"]),
        ("training_certificates", []),
    ],
)
def test_training_pages_do_not_exist_for_other_meetings(client, space, secretariat, name, extra):
    meeting = MeetingFactory(space=space, starts_at=in_days(-7))
    attendee = AttendanceFactory(meeting=meeting).person
    args = [attendee.pk, *extra] if name == "training_certificate" else []
    client.force_login(secretariat)

    assert client.get(url(name, meeting, *args)).status_code == 404


def test_meeting_page_offers_a_participant_their_certificate_and_the_survey(client, training):
    client.force_login(participant_user(training))

    page = client.get(training.get_absolute_url()).content.decode()

    assert "Download my certificate (PDF)" in page
    assert url("training_survey", training) in page


def test_meeting_page_offers_no_certificate_to_someone_absent(client, training):
    client.force_login(member_user(training.space))

    page = client.get(training.get_absolute_url()).content.decode()

    assert "Download my certificate" not in page
    assert url("training", training) in page  # members see the results


def queries_for(client, address: str) -> int:
    client.get(address)  # warms what a normal visit finds warm (identity, session)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_participants(training, count: int, actor) -> None:
    for index in range(count):
        person = present(training) if index % 3 else RegistrationFactory(meeting=training).person
        assessment_set(
            meeting=training, person=person, actor=actor, pre_score=30 + index, post_score=60
        )
        if index % 3:
            satisfaction_submit(
                meeting=training, respondent=person, actor=actor, **answer(comments=f"Avis {index}")
            )


def test_training_page_queries_do_not_grow_with_participants(client, space, secretariat):
    small, large = TrainingFactory(space=space), TrainingFactory(space=space)
    add_participants(small, 3, secretariat)
    add_participants(large, 30, secretariat)
    client.force_login(secretariat)

    assert queries_for(client, url("training", small)) == queries_for(
        client, url("training", large)
    )


def test_score_sheet_queries_do_not_grow_with_participants(client, space, secretariat):
    small, large = TrainingFactory(space=space), TrainingFactory(space=space)
    add_participants(small, 3, secretariat)
    add_participants(large, 30, secretariat)
    client.force_login(secretariat)

    assert queries_for(client, url("training_scores", small)) == queries_for(
        client, url("training_scores", large)
    )
