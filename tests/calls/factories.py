"""Calls for tests: an expertise call open now (closing in a week), with the programme's grid
(understanding 20, methodology 25, team 35, price 20) and its required documents."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from palabre.calls.models import Call, CallKind, CallStatus, Criterion, Part, RequiredDocument
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GRID = [
    ("Compréhension des termes de référence", "20", False),
    ("Méthodologie", "25", False),
    ("Qualification et expérience de l'équipe", "35", False),
    ("Prix", "20", True),
]


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    space = factory.SubFactory(SpaceFactory)
    kind = CallKind.EXPERTISE
    status = CallStatus.PUBLISHED
    reference = factory.Sequence(lambda n: f"AMI-2027-{n:03d}")
    title = "Recrutement d'un expert pour l'animation de l'espace de concertation"
    terms_of_reference = "<p>Accompagner la mise en place de l'espace de concertation.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    budget_ceiling = Decimal("60000000")
    currency = "XOF"
    created_by = factory.LazyFunction(make_user)


def with_grid(call: Call) -> dict[str, Criterion]:
    return {
        name: Criterion.objects.create(
            call=call, name=name, weight=Decimal(weight), is_price=is_price, order=order
        )
        for order, (name, weight, is_price) in enumerate(GRID)
    }


def with_documents(call: Call) -> dict[str, RequiredDocument]:
    specs = [
        ("CV de l'expert", Part.TECHNICAL, ".pdf"),
        ("Note méthodologique", Part.TECHNICAL, ".pdf, .docx"),
        ("Offre financière", Part.FINANCIAL, ".pdf, .xlsx"),
    ]
    return {
        label: RequiredDocument.objects.create(call=call, label=label, part=part, extensions=ext)
        for label, part, ext in specs
    }
