"""Consultation services: preparing, opening and closing; statements, moderation and votes; the
analysis as a background job, on votes read from the database (SQLite and PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from sklearn.metrics import adjusted_rand_score

from palabre.audit.models import AuditEvent
from palabre.deliberation.models import (
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)
from palabre.deliberation.selectors_consultations import (
    ANALYSIS_JOB,
    analysis_results,
    next_statement,
    vote_matrix_of,
    voting_progress,
)
from palabre.deliberation.services import consultations as services
from palabre.jobs.models import Job, JobStatus
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, SpaceStatus, Visibility
from tests.spaces.factories import SpaceFactory, member_user

from .factories_consultations import (
    ConsultationFactory,
    StatementFactory,
    StatementVoteFactory,
    planted_consultation,
    planted_votes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation du Cavally")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def member(space):
    return member_user(space)


@pytest.fixture
def consultation(space, secretariat):
    return ConsultationFactory(space=space, created_by=secretariat)


def test_a_new_consultation_is_in_preparation_and_audited(space, secretariat):
    consultation = services.consultation_create(
        space=space,
        actor=secretariat,
        title="Priorités de la diaspora",
        question="Où investir en priorité ?",
        visibility=Visibility.PUBLIC,
    )
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.created_by == secretariat
    event = AuditEvent.objects.get(action="consultation.create")
    assert event.changes["title"] == [None, "Priorités de la diaspora"]


def test_a_closed_space_takes_no_new_consultation(space, secretariat):
    space.status = SpaceStatus.CLOSED
    space.save()
    with pytest.raises(ValidationError, match="closed space"):
        services.consultation_create(space=space, actor=secretariat, title="T", question="Q ?")


def test_a_consultation_is_public_or_for_members_only(space, secretariat):
    with pytest.raises(ValidationError) as error:
        services.consultation_create(
            space=space, actor=secretariat, title="T", question="Q ?", visibility="restricted"
        )
    assert "visibility" in error.value.error_dict
    assert not space.consultations.exists()


def test_opening_needs_a_statement_and_tells_the_members(
    space, secretariat, member, django_capture_on_commit_callbacks
):
    consultation = ConsultationFactory(space=space, status=ConsultationStatus.DRAFT)
    with pytest.raises(ValidationError, match="at least one statement"):
        services.consultation_set_status(
            consultation=consultation, actor=secretariat, status=ConsultationStatus.OPEN
        )
    StatementFactory(consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_set_status(
            consultation=consultation, actor=secretariat, status=ConsultationStatus.OPEN
        )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN
    told = Notification.objects.filter(kind="consultation_open")
    assert set(told.values_list("recipient", flat=True)) == {member.pk, secretariat.pk}
    assert AuditEvent.objects.filter(action="consultation.open").exists()


def test_a_consultation_past_its_closing_date_cannot_be_opened(space, secretariat):
    consultation = ConsultationFactory(
        space=space,
        status=ConsultationStatus.DRAFT,
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    StatementFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="closing date has passed"):
        services.consultation_set_status(
            consultation=consultation, actor=secretariat, status=ConsultationStatus.OPEN
        )


def test_only_the_allowed_transitions(consultation, secretariat):
    with pytest.raises(ValidationError, match="cannot become"):
        services.consultation_set_status(
            consultation=consultation, actor=secretariat, status=ConsultationStatus.DRAFT
        )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN
    assert services.consultation_statuses_after(ConsultationStatus.OPEN) == ["closed"]
    assert services.consultation_statuses_after(ConsultationStatus.CLOSED) == ["open"]


def test_closing_runs_the_final_analysis(consultation, secretariat):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    services.consultation_set_status(
        consultation=consultation, actor=secretariat, status=ConsultationStatus.CLOSED
    )
    analysis = ConsultationAnalysis.objects.get(consultation=consultation)
    assert analysis.vote_count == 1
    assert analysis.job.status == JobStatus.SUCCEEDED
    assert AuditEvent.objects.filter(action="consultation.close").exists()


def test_the_question_is_frozen_once_people_have_voted(consultation, secretariat):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    with pytest.raises(ValidationError) as error:
        services.consultation_update(
            consultation=consultation, actor=secretariat, question="Une autre question ?"
        )
    assert "question" in error.value.error_dict
    updated = services.consultation_update(
        consultation=consultation, actor=secretariat, title="Nouveau titre"
    )
    assert updated.title == "Nouveau titre"
    event = AuditEvent.objects.get(action="consultation.update")
    assert event.changes["title"][1] == "Nouveau titre"


def test_a_theme_of_another_space_is_refused(consultation, secretariat):
    from tests.deliberation.factories_themes import ThemeFactory

    theme = ThemeFactory()  # of another space
    with pytest.raises(ValidationError) as error:
        services.consultation_update(consultation=consultation, actor=secretariat, theme=theme)
    assert "theme" in error.value.error_dict


# --- statements ---------------------------------------------------------------------------------


def test_a_participant_statement_waits_for_moderation(consultation, member):
    statement = services.statement_submit(
        consultation=consultation,
        author=member,
        text="  Créer un guichet unique   pour la diaspora à San-Pédro  ",
    )
    assert statement.status == StatementStatus.PENDING
    assert statement.text == "Créer un guichet unique pour la diaspora à San-Pédro"
    assert not statement.is_seed
    assert next_statement(consultation, member) is None  # not shown until accepted


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Trop court", None),  # exactly 10 characters: accepted
        ("Court", "at least 10 characters"),
        ("x" * 281, "at most 280 characters; this one has 281"),
    ],
)
def test_statement_length(consultation, member, text, message):
    if message is None:
        assert services.statement_submit(consultation=consultation, author=member, text=text)
        return
    with pytest.raises(ValidationError, match=message):
        services.statement_submit(consultation=consultation, author=member, text=text)
    assert not Statement.objects.filter(author=member).exists()


def test_a_duplicate_statement_is_refused_whatever_its_case_and_accents(consultation, member):
    StatementFactory(consultation=consultation, text="Financer les pistes rurales du Cavally.")
    with pytest.raises(ValidationError, match="already been submitted"):
        services.statement_submit(
            consultation=consultation,
            author=member,
            text="financer les  PISTES rurales du cavally",
        )
    with pytest.raises(ValidationError, match="already been submitted"):
        services.statement_seed_add(
            consultation=consultation, actor=member, text="Financer les pistes rurales du Cavallý"
        )


def test_statements_are_refused_when_closed_or_reserved_to_the_organisers(consultation, member):
    consultation.participants_may_submit = False
    consultation.save()
    with pytest.raises(ValidationError, match="only the organisers"):
        services.statement_submit(
            consultation=consultation, author=member, text="Une idée de participant"
        )
    consultation.status = ConsultationStatus.CLOSED
    consultation.save()
    with pytest.raises(ValidationError, match="not open"):
        services.statement_submit(
            consultation=consultation, author=member, text="Une idée de participant"
        )
    with pytest.raises(ValidationError, match="closed"):
        services.statement_seed_add(
            consultation=consultation, actor=member, text="Une idée des organisateurs"
        )


def test_a_seed_statement_is_accepted_at_once(consultation, secretariat):
    statement = services.statement_seed_add(
        consultation=consultation, actor=secretariat, text="Développer l'écotourisme à Taï."
    )
    assert statement.status == StatementStatus.ACCEPTED
    assert statement.is_seed
    assert statement.moderated_by == secretariat


def test_moderation_accepts_or_rejects_with_a_reason_the_author_reads(
    consultation, member, secretariat
):
    statement = services.statement_submit(
        consultation=consultation, author=member, text="Une proposition hors sujet ici"
    )
    with pytest.raises(ValidationError) as error:
        services.statement_moderate(statement=statement, actor=secretariat, decision="reject")
    assert "reason" in error.value.error_dict
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PENDING

    services.statement_moderate(
        statement=statement, actor=secretariat, decision="reject", reason="Hors sujet."
    )
    statement.refresh_from_db()
    assert statement.status == StatementStatus.REJECTED
    assert statement.moderation_reason == "Hors sujet."
    event = AuditEvent.objects.get(action="statement.reject")
    assert event.changes["status"] == ["pending", "rejected"]
    told = Notification.objects.get(recipient=member, kind="consultation_statement")
    assert "Hors sujet." in told.body

    # Reversing a decision needs a reason too.
    with pytest.raises(ValidationError):
        services.statement_moderate(statement=statement, actor=secretariat, decision="accept")
    services.statement_moderate(
        statement=statement, actor=secretariat, decision="accept", reason="Relu : pertinent."
    )
    statement.refresh_from_db()
    assert statement.status == StatementStatus.ACCEPTED
    with pytest.raises(ValidationError, match="already accepted"):
        services.statement_moderate(
            statement=statement, actor=secretariat, decision="accept", reason="Encore"
        )


# --- votes --------------------------------------------------------------------------------------


def test_voting_again_changes_the_vote_and_is_audited_without_its_value(consultation, member):
    statement = StatementFactory(consultation=consultation)
    vote, changed = services.statement_vote(statement=statement, participant=member, value=1)
    assert not changed
    assert not AuditEvent.objects.filter(action="statement.vote_change").exists()
    vote, changed = services.statement_vote(statement=statement, participant=member, value="-1")
    assert changed
    assert StatementVote.objects.get().value == -1
    event = AuditEvent.objects.get(action="statement.vote_change")
    assert event.changes == {}
    # The same vote again changes nothing.
    _vote, changed = services.statement_vote(statement=statement, participant=member, value=-1)
    assert not changed
    assert AuditEvent.objects.filter(action="statement.vote_change").count() == 1


@pytest.mark.parametrize("value", [2, "oui", None])
def test_a_vote_is_agree_disagree_or_pass(consultation, member, value):
    statement = StatementFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="agree, disagree or pass"):
        services.statement_vote(statement=statement, participant=member, value=value)
    assert not StatementVote.objects.exists()


def test_no_vote_on_a_closed_consultation_or_a_statement_not_accepted(consultation, member):
    pending = StatementFactory(consultation=consultation, status=StatementStatus.PENDING)
    with pytest.raises(ValidationError, match="not open to votes"):
        services.statement_vote(statement=pending, participant=member, value=1)
    accepted = StatementFactory(consultation=consultation)
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()
    accepted.consultation = consultation
    with pytest.raises(ValidationError, match="no longer taken"):
        services.statement_vote(statement=accepted, participant=member, value=1)
    assert not StatementVote.objects.exists()


def test_the_next_statement_has_the_fewest_votes_and_was_never_voted_by_me(consultation, member):
    busy, quiet, quieter = (StatementFactory(consultation=consultation) for _ in range(3))
    for statement, votes in ((busy, 3), (quiet, 1)):
        for _ in range(votes):
            StatementVoteFactory(statement=statement)
    assert next_statement(consultation, member) == quieter
    services.statement_vote(statement=quieter, participant=member, value=0)
    assert next_statement(consultation, member) == quiet
    services.statement_vote(statement=quiet, participant=member, value=1)
    assert next_statement(consultation, member) == busy
    services.statement_vote(statement=busy, participant=member, value=-1)
    assert next_statement(consultation, member) is None
    progress = voting_progress(consultation, member)
    assert (progress.voted, progress.total, progress.remaining) == (3, 3, 0)


def test_statements_with_as_many_votes_come_in_random_order(consultation, member):
    statements = {StatementFactory(consultation=consultation) for _ in range(6)}
    seen = {next_statement(consultation, member) for _ in range(40)}
    assert len(seen) > 1
    assert seen <= statements


# --- analysis -----------------------------------------------------------------------------------


def test_the_analysis_of_planted_groups_read_from_the_database(consultation, secretariat):
    planted = planted_votes(160, 24, density=0.5, seed=11)
    users, statements = planted_consultation(consultation, planted)

    job = services.consultation_analysis_start(consultation=consultation, actor=secretariat)

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.progress_done, job.progress_total) == (len(services.ANALYSIS_STEPS) - 1, 5)
    analysis = ConsultationAnalysis.objects.get(consultation=consultation)
    assert analysis.job_id == job.pk
    assert analysis.group_count == 2
    assert analysis.vote_count == len(planted.values)
    assert analysis.participant_count == len({int(p) for p in planted.participants})
    # Back from the database's JSON: who is in which group is not stored, only how many; the
    # groups are found again from the matrix the job read.
    from palabre.deliberation.analysis import analyse

    matrix = vote_matrix_of(consultation)
    again = analyse(matrix)
    planted_of_user = {
        user.pk: int(group) for user, group in zip(users, planted.groups, strict=True)
    }
    truth = [planted_of_user[int(pk)] for pk in matrix.participant_ids[again.placed]]
    assert adjusted_rand_score(truth, again.labels) >= 0.9
    assert analysis.results == again.results()
    results = analysis_results(analysis)
    assert [row.statement for row in results.consensus] == [statements[planted.consensus]]
    assert sorted(group.size for group in results.groups) == sorted(again.group_sizes)
    assert job.result["opinion_groups"] == 2
    assert AuditEvent.objects.filter(action="consultation.analyse").exists()


def test_rejected_statements_are_left_out_of_the_analysis(consultation, secretariat):
    kept, rejected = (
        StatementFactory(consultation=consultation),
        StatementFactory(consultation=consultation),
    )
    for statement in (kept, rejected):
        StatementVoteFactory(statement=statement)
    rejected.status, rejected.moderation_reason = StatementStatus.REJECTED, "Doublon"
    rejected.save()
    matrix = vote_matrix_of(consultation)
    assert list(matrix.statement_ids) == [kept.pk]
    assert matrix.vote_count == 1


def test_one_analysis_at_a_time_and_none_without_votes(consultation, secretariat):
    with pytest.raises(ValidationError, match="Nobody has voted"):
        services.consultation_analysis_start(consultation=consultation, actor=secretariat)
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    Job.objects.create(
        name=ANALYSIS_JOB,
        params={"consultation_id": consultation.pk},
        status=JobStatus.RUNNING,
        created_by=secretariat,
    )
    with pytest.raises(ValidationError, match="already under way"):
        services.consultation_analysis_start(consultation=consultation, actor=secretariat)
    # A job "running" for hours was lost with its worker: it does not block for ever.
    Job.objects.filter(name=ANALYSIS_JOB).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    job = services.consultation_analysis_start(consultation=consultation, actor=secretariat)
    assert job.status == JobStatus.SUCCEEDED


def test_an_analysis_of_another_consultation_does_not_block(consultation, secretariat):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    other = ConsultationFactory(space=consultation.space)
    Job.objects.create(
        name=ANALYSIS_JOB, params={"consultation_id": other.pk}, status=JobStatus.RUNNING
    )
    assert services.consultation_analysis_start(consultation=consultation, actor=secretariat)


def test_a_failing_analysis_is_a_failed_job_and_stores_nothing(
    consultation, secretariat, monkeypatch
):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))

    def broken(matrix, progress=None):
        raise ValueError("matrice illisible")

    monkeypatch.setattr(services, "analyse", broken)
    job = services.consultation_analysis_start(consultation=consultation, actor=secretariat)
    assert job.status == JobStatus.FAILED
    assert "matrice illisible" in job.error
    assert not ConsultationAnalysis.objects.exists()
