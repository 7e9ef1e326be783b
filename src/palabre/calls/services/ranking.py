"""The weighted ranking of a call's eligible submissions.

- Each technical criterion: the mean of the evaluators' scores (0–100), times its weight / 100.
- The price criterion: lowest eligible price / the offer's price × its weight (the call's price
  formula). Offers above the ceiling are ineligible: they take no rank and do not set the lowest
  price.
- Total = technical points + price points, to two decimals.
- Ties: the higher technical score first, then the lower price, then the earlier submission.

Per criterion, the mean and the spread (highest − lowest score) show where evaluators disagree.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..models import Call, Criterion, Score, Submission

CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class CriterionResult:
    criterion: Criterion
    mean: Decimal | None  # None for the price criterion
    spread: Decimal | None
    points: Decimal


@dataclass
class RankedSubmission:
    submission: Submission
    results: list[CriterionResult] = field(default_factory=list)
    technical: Decimal = Decimal(0)
    price_points: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    rank: int | None = None


def rank_call(call: Call) -> tuple[list[RankedSubmission], list[Submission]]:
    """(the eligible submissions ranked, the ineligible ones) — three queries whatever the size."""
    criteria = list(call.criteria.all())
    submissions = list(call.submissions.filter(is_current=True).order_by("submitted_at", "pk"))
    scores: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for submission_id, criterion_id, value in Score.objects.filter(
        submission__in=submissions, evaluator__submitted_at__isnull=False
    ).values_list("submission_id", "criterion_id", "value"):
        scores[submission_id, criterion_id].append(value)

    eligible = [s for s in submissions if s.is_eligible]
    ineligible = [s for s in submissions if not s.is_eligible]
    prices = [s.price for s in eligible if s.price]
    lowest = min(prices) if prices else None

    ranked = []
    for submission in eligible:
        line = RankedSubmission(submission=submission)
        for criterion in criteria:
            if criterion.is_price:
                points = (
                    lowest / submission.price * criterion.weight
                    if lowest is not None and submission.price
                    else Decimal(0)
                )
                line.results.append(CriterionResult(criterion, None, None, _round(points)))
                line.price_points += _round(points)
                continue
            values = scores.get((submission.pk, criterion.pk), [])
            mean = sum(values, Decimal(0)) / len(values) if values else Decimal(0)
            spread = max(values) - min(values) if values else None
            points = _round(mean * criterion.weight / 100)
            line.results.append(CriterionResult(criterion, _round(mean), spread, points))
            line.technical += points
        line.total = line.technical + line.price_points
        ranked.append(line)

    ranked.sort(
        key=lambda r: (
            -r.total,
            -r.technical,
            r.submission.price if r.submission.price is not None else Decimal("Infinity"),
            r.submission.submitted_at,
            r.submission.pk,
        )
    )
    for position, line in enumerate(ranked, start=1):
        line.rank = position
    return ranked, ineligible
