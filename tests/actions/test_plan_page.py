"""The plan page: figures, timeline with late actions in red, filtered and paginated actions at
a constant cost; the CSV/XLSX export; the plan as PDF and DOCX with its timeline."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from palabre.actions.models import ActionStatus
from palabre.documents.models import IssuedDocument
from palabre.spaces.models import Visibility
from tests.directory.factories import OrganisationFactory
from tests.documents.utils import docx_text, pdf_text
from tests.meetings.factories import MeetingFactory, MinutesFactory, OutcomeFactory, in_days
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory

from .factories import (
    ActionFactory,
    ActionPlanFactory,
    ProgressUpdateFactory,
    adopt,
    days_ago,
    people_of,
    retained_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def people(space):
    return people_of(space)


@pytest.fixture
def plan(space):
    """Three actions: one done, one late (ended a week ago, 50 %), one cancelled."""
    plan = ActionPlanFactory(
        space=space,
        title="Plan d'action annuel",
        period_start=days_ago(200),
        period_end=days_ago(200) + datetime.timedelta(days=365),
    )
    region = OrganisationFactory(name="Conseil régional de la Nawa")
    ActionFactory(
        plan=plan,
        title="Ouvrir le guichet diaspora",
        lead_organisation=region,
        status=ActionStatus.DONE,
        progress=100,
        budget=Decimal("10000000"),
        currency="XOF",
        end_date=days_ago(30),
    )
    ActionFactory(
        plan=plan,
        title="Recenser les projets de la diaspora",
        status=ActionStatus.IN_PROGRESS,
        progress=50,
        budget=Decimal("5000"),
        currency="EUR",
        end_date=days_ago(7),
    )
    ActionFactory(
        plan=plan,
        title="Mission de prospection à Milan",
        status=ActionStatus.CANCELLED,
        budget=Decimal("20000"),
        currency="EUR",
    )
    return plan


def login(client, user):
    client.force_login(user)
    return client


def test_the_plan_page_sums_up_where_the_plan_stands(client, plan, people):
    page = login(client, people["member"]).get(plan.get_absolute_url()).content.decode()
    summary = client.get(plan.get_absolute_url()).context["summary"]

    assert (summary.total, summary.done, summary.counted, summary.late) == (3, 1, 2, 1)
    assert summary.done_percent == 50 and summary.average_progress == 75
    # Cancelled actions are left out of the budget: 5,000 EUR, not 25,000.
    assert summary.budgets == [("EUR", Decimal("5000")), ("XOF", Decimal("10000000"))]
    assert "5,000 EUR" in page and "10,000,000 XOF" in page
    assert 'class="is-late"' in page and "badge badge-late" in page


def test_the_timeline_draws_every_action_with_the_late_one_in_red(client, plan, people):
    page = login(client, people["member"]).get(plan.get_absolute_url()).content.decode()
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg"')
    chart = page[start : page.index("</svg>", start)]

    assert 'role="img"' in chart and "<title>Timeline of Plan d&#x27;action annuel</title>" in chart
    assert chart.count("<g>") == 3
    assert "2. Recenser les projets de la diaspora" in chart
    assert ">Late</text>" in chart and "#b3261e" in chart  # red, and said in words
    assert ">Today</text>" in chart and "stroke-dasharray" in chart
    assert ">Cancelled</text>" in chart


def test_the_actions_are_filtered_by_status_lead_theme_lateness_and_words(client, plan, people):
    theme = retained_theme(plan.space)
    plan.actions.filter(number=3).update(source_theme=theme)
    lead = plan.actions.get(number=1).lead_organisation
    login(client, people["member"])

    def numbers(query):
        response = client.get(plan.get_absolute_url() + query)
        return [action.number for action in response.context["actions"]]

    assert numbers("") == [1, 2, 3]
    assert numbers("?status=done") == [1]
    assert numbers(f"?lead={lead.pk}") == [1]
    assert numbers(f"?theme={theme.pk}") == [3]
    assert numbers("?late=on") == [2]
    assert numbers("?q=projets diaspora") == [2]
    partial = client.get(plan.get_absolute_url() + "?late=on", headers={"HX-Request": "true"})
    content = partial.content.decode()
    assert "Recenser les projets" in content and "<h1>" not in content and "<svg" not in content


def test_the_actions_are_paginated(client, space, people):
    plan = ActionPlanFactory(space=space)
    ActionFactory.create_batch(27, plan=plan)
    login(client, people["member"])
    assert len(client.get(plan.get_absolute_url()).context["actions"]) == 25
    page_two = client.get(plan.get_absolute_url() + "?page=2").context["actions"]
    assert [action.number for action in page_two] == [26, 27]


def add_actions(plan, count: int, meeting) -> None:
    minutes = (
        MinutesFactory(meeting=meeting) if not hasattr(meeting, "minutes") else meeting.minutes
    )
    for _index in range(count):
        outcome = OutcomeFactory(minutes=minutes)
        action = ActionFactory(
            plan=plan,
            lead_organisation=OrganisationFactory(),
            source_outcome=outcome,
            source_theme=retained_theme(plan.space, title=f"Thème {outcome.pk}"),
        )
        action.partners.set([OrganisationFactory(), OrganisationFactory()])
        ProgressUpdateFactory(action=action)


@pytest.mark.parametrize("page", ["plan", "action", "export"])
def test_pages_cost_the_same_with_3_or_20_actions(client, space, people, page):
    plan = ActionPlanFactory(space=space)
    meeting = MeetingFactory(space=space, starts_at=in_days(-30))
    add_actions(plan, 3, meeting)
    login(client, people["secretariat"])
    first = plan.actions.first()
    url = {
        "plan": plan.get_absolute_url(),
        "action": first.get_absolute_url(),
        "export": reverse("actions:plan_export", args=[space.slug, plan.pk]) + "?format=csv",
    }[page]
    with_three = queries_for(client, url)
    meeting.refresh_from_db()
    add_actions(plan, 17, meeting)
    ProgressUpdateFactory.create_batch(5, action=first)
    assert queries_for(client, url) == with_three


# Export ------------------------------------------------------------------------------------------


def test_the_export_holds_the_filtered_actions(client, plan, people):
    meeting = MeetingFactory(
        space=plan.space,
        title="Forum de la diaspora",
        starts_at=in_days(-60),
        visibility=Visibility.PUBLIC,
    )
    outcome = OutcomeFactory(minutes=MinutesFactory(meeting=meeting), text="Ouvrir le guichet.")
    plan.actions.filter(number=1).update(source_outcome=outcome)
    ProgressUpdateFactory(action=plan.actions.get(number=1), text="Guichet inauguré.")
    login(client, people["member"])
    url = reverse("actions:plan_export", args=[plan.space.slug, plan.pk])

    response = client.get(url + "?format=csv")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:3] == ["No.", "Action", "Objective"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Lead organisation"] == "Conseil régional de la Nawa"
    assert first["From the meeting"] == "Forum de la diaspora"
    assert first["Decision or action item"] == "Ouvrir le guichet."
    assert "Guichet inauguré." in first["Latest update"]
    assert dict(zip(rows[0], rows[2], strict=True))["Late"] == "yes"

    response = client.get(url + "?format=xlsx&late=on")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and values[1][1] == "Recenser les projets de la diaspora"
    assert client.get(url + "?format=odt").status_code == 400


# Documents ---------------------------------------------------------------------------------------


def test_a_draft_plan_downloads_with_a_watermark_and_is_not_kept(client, plan, people):
    login(client, people["member"])
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        response = client.get(
            reverse("actions:plan_document", args=[plan.space.slug, plan.pk, fmt])
        )
        text = " ".join(read(response.content).split())
        assert "DRAFT" in text
        assert "Recenser les projets de la diaspora" in text and "Late" in text
    assert not IssuedDocument.objects.exists()


def test_the_docx_carries_the_timeline_as_a_picture(client, plan, people):
    import docx

    login(client, people["member"])
    response = client.get(reverse("actions:plan_document", args=[plan.space.slug, plan.pk, "docx"]))
    document = docx.Document(io.BytesIO(response.content))
    assert len(document.inline_shapes) >= 1
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_an_adopted_plan_is_archived_once_per_state_of_progress(client, plan, people):
    adopt(plan, people)
    login(client, people["member"])
    url = reverse("actions:plan_document", args=[plan.space.slug, plan.pk, "pdf"])

    first, again = client.get(url), client.get(url)
    assert first.content == again.content
    document = IssuedDocument.objects.get()
    assert (document.kind, document.version, document.approved_by) == (
        "action_plan",
        1,
        people["approver"],
    )
    text = " ".join(pdf_text(first.content).split())
    assert "DRAFT" not in text and people["approver"].display_name in text
    # Progress moves on: the next download is a new archived document.
    ProgressUpdateFactory(action=plan.actions.get(number=2), progress=80)
    client.get(url)
    assert IssuedDocument.objects.count() == 2


def test_an_unknown_format_is_not_found(client, plan, people):
    response = login(client, people["member"]).get(
        reverse("actions:plan_document", args=[plan.space.slug, plan.pk, "odt"])
    )
    assert response.status_code == 404
