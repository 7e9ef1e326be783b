"""The one-page pilot sheet of a tool, as PDF and DOCX: what the tool is, its stage, its results
with the converted total, its latest activities and its lessons; rendered from the record as it
stands and not archived."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from palabre.documents.models import IssuedDocument
from palabre.investment.models import PilotStage
from palabre.spaces.models import Visibility
from tests.directory.factories import OrganisationFactory
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import SpaceFactory, member_user

from .factories import (
    ExchangeRateFactory,
    IncentiveToolFactory,
    MobilisedAmountFactory,
    PilotActivityFactory,
    region,
    tool_lesson,
    tool_recommendation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool():
    """A typical tool: analysed, with eight activities, two amounts and two learnings."""
    tool = IncentiveToolFactory(
        title="Guichet unique diaspora de San-Pédro",
        region=region("San-Pédro"),
        description="Un guichet à la préfecture accueille les investisseurs de la diaspora, "
        "les oriente dans leurs démarches et les met en relation avec les porteurs de projets.",
        stage=PilotStage.ANALYSED,
        period_start=datetime.date(2026, 1, 15),
        period_end=datetime.date(2026, 12, 31),
        budget=25_000_000,
        people_reached=340,
        women_reached=140,
        men_reached=180,
        diaspora_reached=210,
        residents_reached=100,
        projects_supported=12,
        jobs_expected=48,
        results="Douze projets accompagnés jusqu'au financement.",
        analysis="Le guichet physique rassure ; les démarches en ligne restent à simplifier.",
    )
    tool.partners.add(OrganisationFactory(name="Conseil régional de San-Pédro"))
    for day in range(8):
        PilotActivityFactory(
            tool=tool,
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=20 * day),
            title=f"Permanence du guichet n° {day + 1}",
        )
    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2026, 1, 1), rate="655.957")
    MobilisedAmountFactory(
        tool=tool, amount=3_000_000, currency="XOF", date=datetime.date(2026, 5, 1)
    )
    MobilisedAmountFactory(tool=tool, amount=10_000, currency="EUR", date=datetime.date(2026, 6, 1))
    tool_lesson(
        tool,
        "Un guichet physique rassure les investisseurs de passage.",
        title="Le guichet physique rassure",
    )
    tool_recommendation(
        tool,
        "Ouvrir une permanence en ligne pour la diaspora.",
        title="Une permanence en ligne",
        addressee="DGIE",
    )
    return tool


def sheet(client, tool, fmt):
    response = client.get(reverse("investment:tool_document", args=[tool.pk, fmt]))
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    return response.content


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_sheet_holds_the_tool_its_stage_results_and_lessons(client, tool, fmt):
    data = sheet(client, tool, fmt)
    text = pdf_text(data) if fmt == "pdf" else docx_text(data)
    flat = " ".join(text.split())

    assert "Guichet unique diaspora de San-Pédro" in flat
    assert "Analysed" in flat and "San-Pédro" in flat
    assert "Conseil régional de San-Pédro" in flat
    assert "340" in flat and "Women: 140 · men: 180 · not recorded: 20" in flat
    assert "Diaspora: 210 · residents: 100 · not recorded: 30" in flat
    # 3,000,000 XOF + 10,000 EUR × 655.957 = 9,559,570 XOF.
    assert "9,559,570 XOF" in flat
    assert "Un guichet physique rassure les investisseurs de passage." in flat
    assert "Ouvrir une permanence en ligne pour la diaspora." in flat
    # The latest five activities, and a word that there are more.
    assert "Permanence du guichet n° 8" in flat and "Permanence du guichet n° 3" not in flat
    assert "The latest of 8 activities." in flat
    assert "DRAFT" not in flat


def test_a_typical_sheet_fits_one_page(client, tool):
    reader = pypdf.PdfReader(io.BytesIO(sheet(client, tool, "pdf")))
    assert len(reader.pages) == 1


def test_the_sheet_follows_the_record_and_is_not_archived(client, tool):
    before = pdf_text(sheet(client, tool, "pdf"))
    tool_lesson(tool, "Les femmes de la diaspora investissent dans le commerce.")
    after = pdf_text(sheet(client, tool, "pdf"))
    assert "Les femmes de la diaspora" not in before and "Les femmes de la diaspora" in after
    assert not IssuedDocument.objects.exists()
    assert "Check that this document is authentic" not in after


def test_the_sheet_of_a_hidden_tool_is_hidden(client):
    hidden = IncentiveToolFactory(space=SpaceFactory(visibility=Visibility.MEMBERS))
    members_only = IncentiveToolFactory(visibility=Visibility.MEMBERS)
    assert (
        client.get(reverse("investment:tool_document", args=[hidden.pk, "pdf"])).status_code == 404
    )
    client.force_login(member_user(SpaceFactory()))
    document = reverse("investment:tool_document", args=[members_only.pk, "docx"])
    assert client.get(document).status_code == 404
    client.force_login(member_user(members_only.space))
    assert client.get(document).status_code == 200


def test_an_unknown_format_is_not_found(client, tool):
    assert client.get(f"{tool.get_absolute_url()}fiche.odt").status_code == 404
