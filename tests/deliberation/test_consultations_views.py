"""Consultation pages as people use them: the list, preparing one, voting one statement at a time
(with and without HTMX), proposing and moderating statements, the results with their map, the
analysis with its progress, the exports and the report."""

import io
import re

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.deliberation.models import (
    Consultation,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)
from palabre.deliberation.selectors_consultations import ANALYSIS_JOB
from palabre.deliberation.services import consultations as services
from palabre.documents.models import IssuedDocument
from palabre.jobs.models import Job, JobStatus
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import SpaceFactory, member_user

from .factories_consultations import (
    ConsultationFactory,
    StatementFactory,
    StatementVoteFactory,
    planted_consultation,
    planted_votes,
)

pytestmark = pytest.mark.django_db

FETCHING_ATTRIBUTE = re.compile(
    r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"'
)


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro–Nawa–Cavally")


@pytest.fixture
def people(space):
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "member": member_user(space),
        "outsider": member_user(SpaceFactory()),
    }


@pytest.fixture
def consultation(space, people):
    return ConsultationFactory(
        space=space, created_by=people["secretariat"], title="Priorités de la diaspora"
    )


def url(name, consultation, *args):
    return reverse(f"deliberation:{name}", args=[consultation.space.slug, consultation.pk, *args])


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def analysed(consultation, people, participants=120, statements=12, seed=3):
    planted = planted_votes(participants, statements, density=0.7, seed=seed)
    users, rows = planted_consultation(consultation, planted)
    services.consultation_analysis_run(consultation=consultation, actor=people["secretariat"])
    return planted, users, rows


def queries_for(client, page_url, **headers) -> int:
    client.get(page_url, **headers)  # warms what a normal visit finds warm
    with CaptureQueriesContext(connection) as context:
        response = client.get(page_url, **headers)
    assert response.status_code == 200
    return len(context.captured_queries)


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_each_role_what_it_may_see(client, space, people, consultation):
    draft = ConsultationFactory(space=space, status=ConsultationStatus.DRAFT, title="Brouillon")
    public = ConsultationFactory(
        space=space, visibility=Visibility.PUBLIC, title="Consultation publique"
    )
    list_url = reverse("deliberation:consultation_list", args=[space.slug])

    page = client.get(list_url).content.decode()
    assert public.title in page and consultation.title not in page and draft.title not in page
    page = login(client, people["member"]).get(list_url).content.decode()
    assert public.title in page and consultation.title in page and draft.title not in page
    page = login(client, people["secretariat"]).get(list_url).content.decode()
    assert draft.title in page
    assert "New consultation" in page


def test_the_list_is_searched_filtered_and_paginated(client, space, people):
    ConsultationFactory(space=space, title="Pêche artisanale à Grand-Béréby")
    ConsultationFactory(space=space, title="Cacao", status=ConsultationStatus.CLOSED)
    for n in range(25):
        ConsultationFactory(space=space, title=f"Consultation de routine {n}")
    login(client, people["member"])
    list_url = reverse("deliberation:consultation_list", args=[space.slug])

    page = client.get(list_url, {"q": "pêche"}).content.decode()
    assert "Grand-Béréby" in page and "routine" not in page
    page = client.get(list_url, {"status": "closed"}).content.decode()
    assert "Cacao" in page and "routine" not in page
    first, second = client.get(list_url), client.get(list_url, {"page": 2})
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(second.context["consultations"]) == 2
    partial = client.get(list_url, {"q": "cacao"}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"Cacao" in partial.content


def test_the_list_costs_the_same_with_3_or_30_consultations(client, space, people):
    login(client, people["member"])
    list_url = reverse("deliberation:consultation_list", args=[space.slug])
    for _ in range(3):
        StatementVoteFactory(
            statement=StatementFactory(consultation=ConsultationFactory(space=space))
        )
    with_three = queries_for(client, list_url)
    for _ in range(27):
        StatementVoteFactory(
            statement=StatementFactory(consultation=ConsultationFactory(space=space))
        )
    assert queries_for(client, list_url) == with_three


def test_the_list_counts_statements_and_participants(client, space, people, consultation):
    statement = StatementFactory(consultation=consultation)
    StatementFactory(consultation=consultation, status=StatementStatus.PENDING)
    StatementVoteFactory.create_batch(3, statement=statement)
    response = login(client, people["member"]).get(
        reverse("deliberation:consultation_list", args=[consultation.space.slug])
    )
    row = response.context["consultations"][0]
    assert (row.statement_total, row.participant_total) == (1, 3)
    assert "1 statement" in response.content.decode()


# --- preparing ----------------------------------------------------------------------------------


def test_the_secretariat_prepares_a_consultation(client, space, people):
    login(client, people["secretariat"])
    create_url = reverse("deliberation:consultation_create", args=[space.slug])
    assert client.get(create_url).status_code == 200

    response = client.post(create_url, {"title": "Sans question", "statement_max_length": 280})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Consultation.objects.exists()

    response = client.post(
        create_url,
        {
            "title": "Priorités d'investissement",
            "question": "Quelles priorités pour l'investissement de la diaspora ?",
            "visibility": "public",
            "statement_max_length": 200,
            "participants_may_submit": "on",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.visibility == Visibility.PUBLIC
    assert consultation.statement_max_length == 200


def test_a_member_may_not_create_a_consultation(client, space, people):
    login(client, people["member"])
    create_url = reverse("deliberation:consultation_create", args=[space.slug])
    response = client.post(create_url, {"title": "T", "question": "Q ?", "visibility": "members"})
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_the_question_cannot_change_after_votes(client, people, consultation):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    response = login(client, people["secretariat"]).post(
        url("consultation_update", consultation),
        {
            "title": consultation.title,
            "question": "Une toute autre question ?",
            "visibility": "members",
            "statement_max_length": 280,
        },
    )
    assert response.status_code == 200
    assert "the question can no longer change" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.question != "Une toute autre question ?"


def test_the_secretariat_opens_and_closes_a_consultation(client, space, people):
    draft = ConsultationFactory(space=space, status=ConsultationStatus.DRAFT)
    login(client, people["secretariat"])
    response = client.post(url("consultation_status", draft), {"status": "open"})
    assert "at least one statement" in " ".join(messages_of(response))
    StatementFactory(consultation=draft)
    response = client.post(url("consultation_status", draft), {"status": "open"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.OPEN
    client.post(url("consultation_status", draft), {"status": "closed"})
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.CLOSED


def test_a_member_may_not_close_a_consultation(client, people, consultation):
    response = login(client, people["member"]).post(
        url("consultation_status", consultation), {"status": "closed"}
    )
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


# --- who sees a consultation ----------------------------------------------------------------------


def test_hidden_consultations_stay_hidden(client, space, people, consultation):
    draft = ConsultationFactory(space=space, status=ConsultationStatus.DRAFT)
    login(client, people["outsider"])
    assert client.get(consultation.get_absolute_url()).status_code == 404
    login(client, people["member"])
    assert client.get(consultation.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert login(client, people["secretariat"]).get(draft.get_absolute_url()).status_code == 200
    client.logout()
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_anyone_with_an_account_takes_part_in_a_public_consultation(client, space, people):
    public = ConsultationFactory(space=space, visibility=Visibility.PUBLIC)
    StatementFactory(consultation=public, text="Ouvrir une maison de la diaspora à Soubré")

    page = client.get(public.get_absolute_url()).content.decode()
    assert "Sign in to vote" in page
    assert client.get(url("consultation_results", public)).status_code == 302
    assert client.get(url("consultation_vote", public)).status_code == 302

    login(client, people["outsider"])
    page = client.get(url("consultation_vote", public)).content.decode()
    assert "Ouvrir une maison de la diaspora à Soubré" in page
    statement = Statement.objects.get(consultation=public)
    client.post(url("consultation_vote", public), {"statement": statement.pk, "value": 1})
    assert StatementVote.objects.filter(participant=people["outsider"]).count() == 1


def test_anonymous_visitors_read_the_results_of_closed_public_consultations(client, space, people):
    public = ConsultationFactory(space=space, visibility=Visibility.PUBLIC)
    analysed(public, people)
    public.status = ConsultationStatus.CLOSED
    public.save()
    response = client.get(url("consultation_results", public))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


# --- voting -------------------------------------------------------------------------------------


def test_voting_one_statement_at_a_time_without_javascript(client, people, consultation):
    first = StatementFactory(consultation=consultation, text="Créer un fonds de garantie régional")
    second = StatementFactory(
        consultation=consultation, text="Former les jeunes aux métiers du port"
    )
    StatementVoteFactory(statement=second)  # the first has fewer votes: shown first
    login(client, people["member"])
    vote_url = url("consultation_vote", consultation)

    page = client.get(vote_url).content.decode()
    assert first.text in page and second.text not in page
    assert "0 voted, 2 statements left" in page

    response = client.post(vote_url, {"statement": first.pk, "value": 1})
    assert response.status_code == 302 and response["Location"] == vote_url
    page = client.get(vote_url).content.decode()
    assert second.text in page and first.text not in page
    assert "1 voted, 1 statement left" in page

    client.post(vote_url, {"statement": second.pk, "value": -1})
    page = client.get(vote_url).content.decode()
    assert "You have voted on every statement" in page
    assert dict(
        StatementVote.objects.filter(participant=people["member"]).values_list("statement", "value")
    ) == {first.pk: 1, second.pk: -1}


def test_voting_with_htmx_swaps_only_the_card(client, people, consultation):
    first, second = (StatementFactory(consultation=consultation) for _ in range(2))
    login(client, people["member"])
    vote_url = url("consultation_vote", consultation)
    shown = client.get(vote_url).context["statement"]
    other = second if shown == first else first

    response = client.post(
        vote_url, {"statement": shown.pk, "value": 0}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="vote-card"' in content
    assert other.text in content and "1 voted, 1 statement left" in content
    assert StatementVote.objects.get(participant=people["member"]).value == 0


def test_a_bad_vote_says_why_and_stores_nothing(client, people, consultation):
    statement = StatementFactory(consultation=consultation)
    pending = StatementFactory(consultation=consultation, status=StatementStatus.PENDING)
    login(client, people["member"])
    vote_url = url("consultation_vote", consultation)
    response = client.post(
        vote_url, {"statement": statement.pk, "value": 5}, headers={"HX-Request": "true"}
    )
    assert "Choose agree, disagree or pass." in response.content.decode()
    response = client.post(vote_url, {"statement": pending.pk, "value": 1})
    assert "This statement is not open to votes." in messages_of(response)
    other = StatementFactory()  # of another consultation
    response = client.post(vote_url, {"statement": other.pk, "value": 1})
    assert "This statement is not open to votes." in messages_of(response)
    assert not StatementVote.objects.exists()


def test_votes_are_closed_with_the_consultation(client, people, consultation):
    statement = StatementFactory(consultation=consultation)
    consultation.status = ConsultationStatus.CLOSED
    consultation.save()
    login(client, people["member"])
    vote_url = url("consultation_vote", consultation)
    assert "Votes are closed." in client.get(vote_url).content.decode()
    response = client.post(vote_url, {"statement": statement.pk, "value": 1})
    assert "votes are no longer taken" in " ".join(messages_of(response))
    assert not StatementVote.objects.exists()


def test_a_participant_changes_a_vote_from_their_list(client, people, consultation):
    statement = StatementFactory(
        consultation=consultation, text="Bitumer la route San-Pédro–Soubré"
    )
    StatementVoteFactory(statement=statement, participant=people["member"], value=1)
    StatementVoteFactory(statement=statement, value=-1)  # someone else's: not listed
    login(client, people["member"])
    votes_url = url("consultation_my_votes", consultation)
    page = client.get(votes_url)
    assert list(page.context["votes"]) == [StatementVote.objects.get(participant=people["member"])]
    assert "Your vote: <strong>Agree</strong>" in page.content.decode()

    response = client.post(
        url("consultation_vote", consultation),
        {"statement": statement.pk, "value": -1, "next": votes_url},
    )
    assert response["Location"] == votes_url
    assert "Your vote has been changed." in messages_of(response)
    assert StatementVote.objects.get(participant=people["member"]).value == -1


def test_an_outsider_may_not_vote_in_a_members_consultation(client, people, consultation):
    statement = StatementFactory(consultation=consultation)
    response = login(client, people["outsider"]).post(
        url("consultation_vote", consultation), {"statement": statement.pk, "value": 1}
    )
    assert response.status_code == 404
    assert not StatementVote.objects.exists()


# --- statements and moderation --------------------------------------------------------------------


def test_a_member_proposes_a_statement_that_waits_for_moderation(client, people, consultation):
    login(client, people["member"])
    submit_url = url("statement_submit", consultation)
    assert "At most 280 characters." in client.get(submit_url).content.decode()

    response = client.post(submit_url, {"text": "x" * 300})
    assert "A statement has at most 280 characters; this one has 300." in response.content.decode()
    response = client.post(submit_url, {"text": "Créer une bourse des projets de la diaspora"})
    assert response["Location"] == url("consultation_vote", consultation)
    statement = Statement.objects.get()
    assert statement.status == StatementStatus.PENDING and statement.author == people["member"]
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Your statements" in page and "Awaiting moderation" in page


def test_the_moderation_queue_is_filtered_and_paginated(client, people, consultation):
    for n in range(26):
        StatementFactory(
            consultation=consultation,
            status=StatementStatus.PENDING,
            is_seed=False,
            author=people["member"],
            text=f"Proposition en attente n° {n}",
        )
    StatementFactory(consultation=consultation, text="Une proposition déjà acceptée")
    login(client, people["secretariat"])
    queue_url = url("consultation_moderation", consultation)

    first = client.get(queue_url)
    page = first.content.decode()
    assert "Une proposition déjà acceptée" not in page  # pending ones by default
    assert first.context["page_obj"].paginator.count == 26
    assert len(client.get(queue_url, {"page": 2}).context["statements"]) == 1
    page = client.get(queue_url, {"status": "accepted"}).content.decode()
    assert "Une proposition déjà acceptée" in page and "en attente" not in page
    page = client.get(queue_url, {"q": "n° 25"}).content.decode()
    assert "n° 25" in page and "n° 24" not in page
    assert people["member"].display_name in page  # the secretariat sees who wrote it


def test_the_moderation_queue_costs_the_same_with_3_or_30_statements(client, people, consultation):
    login(client, people["secretariat"])
    queue_url = url("consultation_moderation", consultation)

    def add(count):
        for _ in range(count):
            statement = StatementFactory(
                consultation=consultation,
                status=StatementStatus.PENDING,
                is_seed=False,
                author=make_user(),
            )
            StatementVoteFactory(statement=statement)

    add(3)
    with_three = queries_for(client, queue_url)
    add(27)
    assert queries_for(client, queue_url) == with_three


def test_moderating_a_statement(client, people, consultation):
    statement = StatementFactory(
        consultation=consultation,
        status=StatementStatus.PENDING,
        is_seed=False,
        author=people["member"],
    )
    moderate_url = url("statement_moderate", consultation, statement.pk)
    login(client, people["secretariat"])
    response = client.post(moderate_url, {"decision": "reject", "reason": ""})
    assert "Say why the statement is rejected: its author reads it." in messages_of(response)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PENDING
    response = client.post(moderate_url, {"decision": "reject", "reason": "Propos injurieux."})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.status, statement.moderation_reason) == ("rejected", "Propos injurieux.")


def test_a_member_may_not_moderate(client, people, consultation):
    statement = StatementFactory(
        consultation=consultation, status=StatementStatus.PENDING, is_seed=False
    )
    login(client, people["member"])
    assert client.get(url("consultation_moderation", consultation)).status_code == 403
    response = client.post(
        url("statement_moderate", consultation, statement.pk), {"decision": "accept"}
    )
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PENDING


def test_the_secretariat_adds_seed_statements_one_after_the_other(client, people, consultation):
    login(client, people["secretariat"])
    add_url = url("statement_add", consultation)
    response = client.post(
        add_url, {"text": "Soutenir la transformation locale du cacao", "add_another": "1"}
    )
    assert response["Location"] == add_url
    response = client.post(add_url, {"text": "Soutenir la transformation locale du cacao"})
    assert "already been submitted" in response.content.decode()
    statement = Statement.objects.get()
    assert statement.is_seed and statement.status == StatementStatus.ACCEPTED


# --- results, analysis, exports and report --------------------------------------------------------


def test_the_results_page_shows_the_map_groups_consensus_and_division(client, people, consultation):
    planted, users, statements = analysed(consultation, people)
    users[0].full_name = "Participant Secretdenom"
    users[0].save()
    login(client, people["member"])
    response = client.get(url("consultation_results", consultation))
    page = response.content.decode()

    start = page.index('<svg xmlns="http://www.w3.org/2000/svg"')
    svg = page[start : page.index("</svg>", start)]
    assert "<title>Opinion map of the participants</title>" in svg
    assert "<desc>" in svg and ">A</text>" in svg and ">B</text>" in svg  # the centres
    legend = page[page.index('class="map-legend"') :]
    assert "Group A: " in legend and "Group B: " in legend
    assert "Secretdenom" not in page and "participant1" not in page  # anonymous
    results = response.context["results"]
    assert len(results.groups) == 2
    assert [row.statement for row in results.consensus] == [statements[planted.consensus]]
    consensus_section = page[page.index('id="consensus-title"') : page.index('id="divisive-title"')]
    assert statements[planted.consensus].text in consensus_section
    assert len(results.divisive) >= len(statements) - 2
    assert "Report (PDF)" in page and "Statistics (CSV)" in page


def test_the_statement_table_is_filtered_sorted_and_paginated(client, people, consultation):
    planted, _users, statements = analysed(consultation, people, statements=30)
    login(client, people["member"])
    results_url = url("consultation_results", consultation)

    response = client.get(results_url, {"kind": "consensus"})
    assert [row.statement for row in response.context["statement_rows"]] == [
        statements[planted.consensus]
    ]
    response = client.get(results_url, {"q": "n° 17"})
    assert [row.statement for row in response.context["statement_rows"]] == [statements[16]]
    response = client.get(results_url, {"sort": "agree"})
    shares = [row.total.agree_percent for row in response.context["statement_rows"]]
    assert shares == sorted(shares, reverse=True)
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(client.get(results_url, {"page": 2}).context["statement_rows"]) == 5
    partial = client.get(
        results_url,
        {"kind": "consensus"},
        headers={"HX-Request": "true", "HX-Target": "statement-results"},
    )
    assert b"<html" not in partial.content and b'id="statement-results"' in partial.content


def test_the_results_page_costs_the_same_with_few_or_many_statements(client, people, space):
    login(client, people["member"])
    small = ConsultationFactory(space=space)
    analysed(small, people, participants=30, statements=4)
    large = ConsultationFactory(space=space)
    analysed(large, people, participants=60, statements=40, seed=4)
    assert queries_for(client, url("consultation_results", small)) == queries_for(
        client, url("consultation_results", large)
    )


def test_the_secretariat_runs_the_analysis_and_follows_it(client, people, consultation):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    login(client, people["secretariat"])
    results_url = url("consultation_results", consultation)
    assert "No analysis yet" in client.get(results_url).content.decode()

    response = client.post(url("consultation_analyse", consultation))
    assert response["Location"] == results_url
    assert "The results have been computed again." in messages_of(response)
    assert consultation.analyses.count() == 1
    assert "<svg" in client.get(results_url).content.decode()


def test_an_analysis_under_way_is_polled_until_it_is_over(client, people, consultation):
    job = Job.objects.create(
        name=ANALYSIS_JOB,
        params={"consultation_id": consultation.pk},
        status=JobStatus.RUNNING,
        progress_done=2,
        progress_total=5,
    )
    login(client, people["member"])
    results_url = url("consultation_results", consultation)
    page = client.get(results_url).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Step 3 of 5: Finding the opinion groups (k-means)" in page
    assert '<meta http-equiv="refresh" content="5">' in page  # without JavaScript

    poll = {"HX-Request": "true", "HX-Target": "analysis-status"}
    response = client.get(results_url, headers=poll)
    assert b"<html" not in response.content and "HX-Refresh" not in response
    job.status = JobStatus.SUCCEEDED
    job.save()
    response = client.get(results_url, headers=poll)
    assert response["HX-Refresh"] == "true"


def test_a_member_may_not_run_the_analysis(client, people, consultation):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    response = login(client, people["member"]).post(url("consultation_analyse", consultation))
    assert response.status_code == 403
    assert not Job.objects.exists() and not consultation.analyses.exists()


def test_the_statistics_are_exported_as_csv_and_xlsx(client, people, consultation):
    _planted, _users, statements = analysed(consultation, people, statements=5)
    login(client, people["member"])
    response = client.get(url("consultation_export", consultation, "csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("No.;Statement;Seed statement;Votes;Agree;Disagree;Pass")
    assert "Group A: agree" in lines[0] and "Group B: agree (%)" in lines[0]
    assert len(lines) == 1 + len(statements)
    assert statements[0].text in text

    response = client.get(url("consultation_export", consultation, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("No.", "Statement") and len(rows) == 1 + len(statements)
    assert client.get(url("consultation_export", consultation, "ods")).status_code == 404


def test_without_results_there_is_nothing_to_export(client, people, consultation):
    response = login(client, people["member"]).get(url("consultation_export", consultation, "csv"))
    assert response.status_code == 302
    assert "There are no results to export yet." in messages_of(response)


def test_the_report_is_a_draft_until_closed_then_issued_once(client, people, consultation):
    analysed(consultation, people, statements=6)
    login(client, people["member"])
    report_url = url("consultation_report", consultation, "pdf")
    response = client.get(report_url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DRAFT" in text and consultation.question in text.replace("\n", " ")
    assert not IssuedDocument.objects.exists()

    consultation.status = ConsultationStatus.CLOSED
    consultation.save()
    first = client.get(report_url)
    second = client.get(report_url)
    assert "DRAFT" not in pdf_text(first.content)
    assert first.content == second.content
    assert IssuedDocument.objects.filter(kind="consultation_report").count() == 1

    response = client.get(url("consultation_report", consultation, "docx"))
    text = docx_text(response.content)
    assert "Consultation report" in text and "Opinion groups" in text
    assert b"word/media/" in response.content  # the map, drawn as a picture


def test_consultation_pages_fetch_nothing_from_another_origin(client, people, consultation):
    analysed(consultation, people, participants=30, statements=4)
    login(client, people["secretariat"])
    for name in (
        "consultation",
        "consultation_vote",
        "consultation_my_votes",
        "statement_submit",
        "statement_add",
        "consultation_moderation",
        "consultation_results",
        "consultation_update",
    ):
        response = client.get(url(name, consultation))
        assert response.status_code == 200, name
        fetched = FETCHING_ATTRIBUTE.findall(response.content.decode())
        assert any("consultations.css" in src for src in fetched), name
        assert not [src for src in fetched if re.match(r"^(https?:)?//", src)], name


def test_my_votes_are_paginated_and_cost_the_same_with_3_or_30(client, people, consultation):
    login(client, people["member"])
    votes_url = url("consultation_my_votes", consultation)

    def vote_on(count):
        for _ in range(count):
            StatementVoteFactory(
                statement=StatementFactory(consultation=consultation),
                participant=people["member"],
            )

    vote_on(3)
    with_three = queries_for(client, votes_url)
    vote_on(27)
    assert queries_for(client, votes_url) == with_three
    assert client.get(votes_url).context["page_obj"].paginator.num_pages == 2
    assert len(client.get(votes_url, {"page": 2}).context["votes"]) == 5


def test_the_job_page_leads_back_to_the_results(client, people, consultation):
    StatementVoteFactory(statement=StatementFactory(consultation=consultation))
    job = services.consultation_analysis_start(
        consultation=consultation, actor=people["secretariat"]
    )
    page = login(client, people["secretariat"]).get(job.get_absolute_url()).content.decode()
    assert "<dt>Opinion groups</dt><dd>1</dd>" in page
    assert url("consultation_results", consultation) in page
