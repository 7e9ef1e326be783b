"""The ranking of four offers against a table computed by hand (weights 20/25/35/20, two
evaluators, one offer above the ceiling)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palabre.calls.models import Criterion, Evaluator, Score, Submission
from palabre.calls.services.grid import grid_check
from palabre.calls.services.ranking import rank_call
from tests.accounts.factories import make_user

from .factories import GRID, CallFactory, with_grid

pytestmark = pytest.mark.django_db

# Offer: price, then each evaluator's scores for understanding, methodology, team.
OFFERS = {
    "Cabinet Akwaba Conseil": ("40000000", [(80, 70, 90), (70, 80, 80)]),
    "Bureau Sahel Études": ("50000000", [(90, 85, 70), (90, 75, 80)]),
    "Expertise Lagunes SARL": ("30000000", [(60, 60, 70), (70, 70, 60)]),
    "Groupement Atlantique": ("75000000", [(95, 95, 95), (95, 95, 95)]),  # above 60,000,000
}

# By hand. Technical = mean × weight: Akwaba 75×.20 + 75×.25 + 85×.35 = 15 + 18.75 + 29.75 =
# 63.50; Sahel 90×.20 + 80×.25 + 75×.35 = 18 + 20 + 26.25 = 64.25; Lagunes 65 × (.20 + .25 +
# .35) = 52.00. Price = lowest eligible (30 M) ÷ offer × 20: Akwaba 15.00, Sahel 12.00, Lagunes
# 20.00. Totals: Akwaba 78.50, Sahel 76.25, Lagunes 72.00. Atlantique is ineligible.
EXPECTED = [
    ("Cabinet Akwaba Conseil", "63.50", "15.00", "78.50"),
    ("Bureau Sahel Études", "64.25", "12.00", "76.25"),
    ("Expertise Lagunes SARL", "52.00", "20.00", "72.00"),
]


def scored_call(offers=OFFERS):
    call = CallFactory()
    criteria = with_grid(call)
    technical = [criteria[name] for name, _weight, is_price in GRID if not is_price]
    evaluators = [
        Evaluator.objects.create(
            call=call,
            user=make_user(),
            no_conflict_declared_at=timezone.now(),
            submitted_at=timezone.now(),
        )
        for _ in range(2)
    ]
    for name, (price, sheets) in offers.items():
        over = Decimal(price) > call.budget_ceiling
        submission = Submission.objects.create(
            call=call,
            applicant=make_user(),
            applicant_name=name,
            price=Decimal(price),
            is_eligible=not over,
            receipt_checksum="0" * 64,
        )
        for evaluator, values in zip(evaluators, sheets, strict=True):
            for criterion, value in zip(technical, values, strict=True):
                Score.objects.create(
                    evaluator=evaluator,
                    submission=submission,
                    criterion=criterion,
                    value=Decimal(str(value)),
                )
    return call


def test_the_ranking_matches_the_table_computed_by_hand():
    ranked, ineligible = rank_call(scored_call())
    assert [
        (
            line.submission.applicant_name,
            str(line.technical),
            str(line.price_points),
            str(line.total),
        )
        for line in ranked
    ] == EXPECTED
    assert [line.rank for line in ranked] == [1, 2, 3]
    assert [s.applicant_name for s in ineligible] == ["Groupement Atlantique"]
    # The mean and the spread per criterion show where the evaluators disagreed.
    understanding = ranked[0].results[0]
    assert (understanding.mean, understanding.spread) == (Decimal("75.00"), Decimal("10"))


def test_ties_go_to_the_better_technical_offer():
    # The same total by construction: 60 × 0.80 + 20 = 68 against 66.25 × 0.80 + 30/40 × 20 = 68.
    offers = {
        "Moins chère": ("30000000", [(60, 60, 60), (60, 60, 60)]),
        "Meilleure technique": ("40000000", [(66.25,) * 3, (66.25,) * 3]),
    }
    ranked, _ = rank_call(scored_call(offers))
    assert [str(line.total) for line in ranked] == ["68.00", "68.00"]
    assert [line.submission.applicant_name for line in ranked] == [
        "Meilleure technique",
        "Moins chère",
    ]


def test_an_evaluator_who_has_not_submitted_does_not_count():
    call = scored_call()
    late = Evaluator.objects.create(
        call=call, user=make_user(), no_conflict_declared_at=timezone.now()
    )
    for submission in call.submissions.all():
        for criterion in call.criteria.filter(is_price=False):
            Score.objects.create(
                evaluator=late, submission=submission, criterion=criterion, value=0
            )
    ranked, _ = rank_call(call)
    assert [str(line.total) for line in ranked] == [row[3] for row in EXPECTED]


def test_the_weights_must_make_100():
    call = CallFactory()
    with_grid(call)
    grid_check(call.criteria.all())
    Criterion.objects.filter(call=call, is_price=True).update(weight=Decimal("25"))
    with pytest.raises(ValidationError, match="105"):
        grid_check(call.criteria.all())
