"""Incentive tools, opportunities, investor profiles and expressions of interest for tests.

Regions are created per test (only countries and sectors are reference data); a tool or an
opportunity is public, kept by a public space of Côte d'Ivoire, unless told otherwise.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from palabre.investment.models import (
    ExchangeRate,
    ExpressionOfInterest,
    IncentiveTool,
    InvestorKind,
    InvestorProfile,
    MobilisedAmount,
    Opportunity,
    PilotActivity,
    SupportKind,
    ToolKind,
)
from palabre.spaces.models import Visibility
from palabre.territories.models import Region, Sector
from tests.accounts.factories import make_user
from tests.knowledge.register_factories import (
    LESSON_TEXT,
    RECOMMENDATION_TEXT,
    LessonFactory,
    RecommendationFactory,
)
from tests.spaces.factories import SpaceFactory, country


def region(name: str = "San-Pédro", iso2: str = "CI") -> Region:
    return Region.objects.get_or_create(country=country(iso2), name=name)[0]


def sector(code: str = "cocoa-coffee") -> Sector:
    return Sector.objects.get(code=code)


def support(code: str = "financing") -> SupportKind:
    return SupportKind.objects.get(code=code)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class IncentiveToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentiveTool

    space = factory.SubFactory(SpaceFactory)
    country = factory.LazyAttribute(lambda tool: tool.space.country)
    kind = ToolKind.ONE_STOP_SHOP
    title = factory.Sequence(lambda n: f"Guichet diaspora n° {n}")
    description = ""
    visibility = Visibility.PUBLIC
    created_by = factory.LazyFunction(make_user)


class PilotActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotActivity

    tool = factory.SubFactory(IncentiveToolFactory)
    date = factory.LazyFunction(lambda: days_ago(10))
    title = "Ouverture du guichet à la préfecture"
    participants = 40


class MobilisedAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilisedAmount

    tool = factory.SubFactory(IncentiveToolFactory)
    date = factory.LazyFunction(lambda: days_ago(5))
    amount = Decimal("1000000")
    currency = "XOF"


def tool_lesson(tool, text: str = LESSON_TEXT, **fields):
    """A lesson of the knowledge register drawn from the tool's pilot."""
    fields = {"visibility": tool.visibility, **fields}
    return LessonFactory(space=tool.space, statement=text, tools=[tool], **fields)


def tool_recommendation(tool, text: str = RECOMMENDATION_TEXT, **fields):
    """A recommendation of the knowledge register drawn from the tool's pilot."""
    fields = {"visibility": tool.visibility, **fields}
    return RecommendationFactory(space=tool.space, statement=text, tools=[tool], **fields)


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "EUR"
    valid_from = datetime.date(2026, 1, 1)
    rate = Decimal("655.957")


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    space = factory.SubFactory(SpaceFactory)
    region = factory.LazyFunction(region)
    sector = factory.LazyFunction(sector)
    location = "Méagui"
    title = factory.Sequence(lambda n: f"Unité de transformation de cacao n° {n}")
    summary = "Une unité de broyage pour vendre du cacao transformé."
    description = "La coopérative cherche des investisseurs pour une unité de broyage."
    amount_min = Decimal("10000000")
    amount_max = Decimal("50000000")
    currency = "XOF"
    jobs_expected = 25
    visibility = Visibility.PUBLIC
    published_at = factory.LazyFunction(timezone.now)
    created_by = factory.LazyFunction(make_user)


class InvestorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvestorProfile

    user = factory.LazyFunction(make_user)
    kind = InvestorKind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Investisseur n° {n}")
    country_of_residence = factory.LazyFunction(lambda: country("FR"))
    city = "Lyon"
    ticket_min = Decimal("5000000")
    ticket_max = Decimal("20000000")
    currency = "XOF"
    contact_email = factory.Sequence(lambda n: f"investisseur{n}@example.org")
    contact_phone = "+33612345678"


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    opportunity = factory.SubFactory(OpportunityFactory)
    investor = factory.SubFactory(InvestorProfileFactory)
    message = "Je souhaite en savoir plus sur le plan d'affaires."
