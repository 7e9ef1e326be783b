"""The programme's page: per country, tools by stage and the "3 capitalised" target; amounts
mobilised converted with the dated rates (checked against figures computed by hand); the
pipeline of interests as counts; the export; the exchange rates and adding one."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from palabre.investment.models import ExchangeRate, InterestStatus, PilotStage
from palabre.spaces.models import Visibility
from tests.accounts.factories import make_admin, make_user
from tests.investment.factories import (
    ExchangeRateFactory,
    ExpressionOfInterestFactory,
    IncentiveToolFactory,
    MobilisedAmountFactory,
    OpportunityFactory,
    region,
)
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, country, member_user

pytestmark = pytest.mark.django_db

D = datetime.date
PROGRAMME = "/investissement/"


@pytest.fixture
def world(settings):
    """Côte d'Ivoire: 2 capitalised tools, 1 piloted, 1 identified, and a members-only
    capitalised tool; Senegal: 3 capitalised tools. Amounts in XOF, EUR, MAD, and USD (no
    rate)."""
    settings.PALABRE_REPORTING_CURRENCY = "XOF"
    ExchangeRateFactory(currency="EUR", valid_from=D(2025, 1, 1), rate=Decimal("655.957"))
    ExchangeRateFactory(currency="MAD", valid_from=D(2026, 1, 1), rate=Decimal("60"))
    ExchangeRateFactory(currency="MAD", valid_from=D(2026, 7, 1), rate=Decimal("62.5"))
    ci_space = SpaceFactory()
    sn_space = SpaceFactory(country=country("SN"))

    def tool(space, stage, title, **fields):
        return IncentiveToolFactory(space=space, stage=stage, title=title, **fields)

    desk = tool(ci_space, PilotStage.CAPITALISED, "Guichet diaspora de San-Pédro")
    tool(ci_space, PilotStage.CAPITALISED, "Guide des démarches", region=region("Nawa"))
    forum = tool(ci_space, PilotStage.PILOTED, "Journées de la diaspora à Soubré")
    tool(ci_space, PilotStage.IDENTIFIED, "Fonds de co-financement")
    hidden = tool(
        ci_space, PilotStage.CAPITALISED, "Outil des membres", visibility=Visibility.MEMBERS
    )
    fund = tool(sn_space, PilotStage.CAPITALISED, "Fonds d'appui sénégalais")
    tool(sn_space, PilotStage.CAPITALISED, "Bourse aux projets")
    tool(sn_space, PilotStage.CAPITALISED, "Mission de prospection à Paris")

    def amount(tool, value, currency, on):
        MobilisedAmountFactory(tool=tool, amount=Decimal(value), currency=currency, date=on)

    amount(desk, "1000000", "XOF", D(2026, 1, 15))  # Q1 2026: 1,000,000
    amount(forum, "1000", "EUR", D(2026, 4, 10))  # Q2 2026: 655,957
    amount(fund, "10000", "MAD", D(2026, 5, 2))  # Q2 2026: 600,000 (the January rate)
    amount(fund, "10000", "MAD", D(2026, 8, 1))  # Q3 2026: 625,000 (the July rate)
    amount(fund, "500", "USD", D(2026, 8, 1))  # no USD rate: left out, listed
    amount(hidden, "9000000", "XOF", D(2026, 2, 1))  # only its space's members see it
    return {"ci_space": ci_space, "desk": desk, "hidden": hidden}


def test_the_programme_page_counts_tools_per_country_against_the_target(client, world):
    page = client.get(PROGRAMME)

    assert page.status_code == 200
    by_country = {entry.country.iso2: entry for entry in page.context["countries"]}
    ci, sn = by_country["CI"], by_country["SN"]
    assert (ci.total, ci.piloted, ci.analysed, ci.capitalised) == (4, 3, 2, 2)
    assert [len(tools) for _code, _label, tools in ci.stages] == [1, 0, 1, 0, 2]
    assert not ci.target_met
    assert (sn.total, sn.capitalised, sn.target_met) == (3, 3, True)
    text = page.content.decode()
    assert "2 tools capitalised out of the 3 targeted" in text
    assert "Target met" in text
    assert "Outil des membres" not in text


def test_the_amounts_are_converted_with_the_rate_of_their_date(client, world):
    page = client.get(PROGRAMME)

    mobilised = page.context["mobilised"]
    assert mobilised.total.converted == Decimal("2880957.00")  # 1,000,000 + 655,957 + 1,225,000
    assert mobilised.total.unconverted == {"USD": Decimal("500")}
    assert [row[0] for row in mobilised.rows] == ["Q1 2026", "Q2 2026", "Q3 2026"]
    assert [row[2] for row in mobilised.rows] == [
        Decimal("1000000"),
        Decimal("2255957"),
        Decimal("2880957"),
    ]
    text = page.content.decode()
    assert "2,880,957 XOF" in text
    assert "500.00 USD" in text  # listed as given, not guessed
    assert "<svg" in text and "Amounts mobilised, cumulative, in XOF" in text


def test_members_count_the_members_only_tool_of_their_space(client, world):
    client.force_login(member_user(world["ci_space"]))
    page = client.get(PROGRAMME)
    ci = next(entry for entry in page.context["countries"] if entry.country.iso2 == "CI")
    assert ci.capitalised == 3 and ci.target_met
    assert page.context["mobilised"].total.converted == Decimal("11880957.00")


def test_the_pipeline_counts_the_interests_by_status_and_names_nobody(client, world):
    opportunity = OpportunityFactory(space=world["ci_space"])
    for status in [InterestStatus.RECEIVED, InterestStatus.RECEIVED, InterestStatus.COMMITTED]:
        ExpressionOfInterestFactory(opportunity=opportunity, status=status)
    hidden = OpportunityFactory(space=world["ci_space"], visibility=Visibility.RESTRICTED)
    interest = ExpressionOfInterestFactory(opportunity=hidden)

    page = client.get(PROGRAMME)

    counts = {status: count for status, _label, count in page.context["pipeline"]}
    assert counts == {
        "received": 2,
        "in_contact": 0,
        "meeting_held": 0,
        "committed": 1,
        "declined": 0,
    }
    assert interest.investor.name not in page.content.decode()


def test_the_page_links_to_the_tools_and_the_catalogue(client, world):
    text = client.get(PROGRAMME).content.decode()
    assert f'href="{reverse("investment:tool_list")}"' in text
    assert f'href="{reverse("investment:opportunity_list")}"' in text
    assert f'href="{world["desk"].get_absolute_url()}"' in text


def test_the_export_has_a_row_per_visible_tool_with_its_converted_total(client, world):
    response = client.get(reverse("investment:programme_export") + "?format=csv")

    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    header, body = rows[0], rows[1:]
    assert header[0] == "Tool" and "Mobilised, converted (XOF)" in header
    by_title = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert len(body) == 7 and "Outil des membres" not in by_title
    fund = by_title["Fonds d'appui sénégalais"]
    assert fund["Country"] == "Senegal" and fund["Pilot stage"] == "Capitalised"
    assert Decimal(fund["Mobilised, converted (XOF)"]) == Decimal("1225000")
    assert fund["Mobilised, not converted (no rate)"] == "500.00 USD"
    assert by_title["Guide des démarches"]["Region"] == "Nawa"

    xlsx = client.get(reverse("investment:programme_export") + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get(reverse("investment:programme_export") + "?format=pdf").status_code == 400


def add_tools(space, count: int) -> None:
    for index in range(count):
        tool = IncentiveToolFactory(
            space=space,
            stage=PilotStage.CAPITALISED,
            region=region(f"Région {index}", iso2=space.country.iso2),
        )
        MobilisedAmountFactory(tool=tool, currency="EUR" if index % 2 else "XOF")
        ExpressionOfInterestFactory(opportunity=OpportunityFactory(space=space))


@pytest.mark.parametrize("url", [PROGRAMME, "/investissement/export/?format=csv"])
def test_the_programme_costs_the_same_with_3_or_20_tools(client, url):
    ExchangeRateFactory()
    ci_space, sn_space = SpaceFactory(), SpaceFactory(country=country("SN"))
    client.force_login(member_user(ci_space))
    add_tools(ci_space, 3)
    add_tools(sn_space, 1)
    with_few = queries_for(client, url)
    add_tools(ci_space, 17)
    add_tools(sn_space, 5)
    assert queries_for(client, url) == with_few


# Exchange rates ----------------------------------------------------------------------------


def test_the_rates_page_states_the_reporting_currency_and_the_rates_in_force(client, settings):
    settings.PALABRE_REPORTING_CURRENCY = "XOF"
    ExchangeRateFactory(currency="MAD", valid_from=D(2020, 1, 1), rate=Decimal("60"))
    ExchangeRateFactory(currency="MAD", valid_from=D(2021, 1, 1), rate=Decimal("62.5"))
    ExchangeRateFactory(currency="USD", valid_from=D(2099, 1, 1), rate=Decimal("600"))
    page = client.get(reverse("investment:rates"))
    text = page.content.decode()
    assert "Totals are given in XOF" in text
    assert [(r.currency, r.rate) for r in page.context["in_force"]] == [("MAD", Decimal("62.5"))]
    assert "Add a rate" not in text
    assert len(page.context["rates"]) == 3
    assert len(client.get(reverse("investment:rates") + "?currency=MAD").context["rates"]) == 2


def test_an_administrator_adds_a_rate_and_bad_ones_are_refused_with_a_reason(client, settings):
    settings.PALABRE_REPORTING_CURRENCY = "XOF"
    client.force_login(make_admin())
    url = reverse("investment:rate_add")
    form = {"currency": "EUR", "valid_from": "2026-01-01", "rate": "655.957", "source": "BCEAO"}

    assert client.post(url, form).status_code == 302
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.valid_from, rate.rate) == ("EUR", D(2026, 1, 1), Decimal("655.957"))

    again = client.post(url, form)
    assert "This currency already has a rate from this date." in again.content.decode()
    refused = client.post(url, {**form, "currency": "XOF"})
    assert refused.status_code == 200 and "currency" in refused.context["form"].errors
    zero = client.post(url, {**form, "valid_from": "2026-02-01", "rate": "0"})
    assert "rate" in zero.context["form"].errors
    assert ExchangeRate.objects.count() == 1


def test_only_administrators_add_rates(client):
    client.force_login(make_user())
    form = {"currency": "EUR", "valid_from": "2026-01-01", "rate": "655.957"}
    assert client.post(reverse("investment:rate_add"), form).status_code == 403
    assert not ExchangeRate.objects.exists()
