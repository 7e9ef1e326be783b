"""What the evaluation report of a call reads: the call, its grid, its committee, what was
received and the ranking — a fixed number of queries whatever the number of offers."""

from ..models import Call
from ..services.ranking import rank_call


def report_context(call: Call) -> dict:
    ranked, ineligible = rank_call(call)
    criteria = list(call.criteria.all())
    return {
        "call": call,
        "criteria": criteria,
        "technical_criteria": [c for c in criteria if not c.is_price],
        "price_criterion": next((c for c in criteria if c.is_price), None),
        "evaluators": list(call.evaluators.select_related("user").order_by("pk")),
        "received": list(
            call.submissions.filter(is_current=True)
            .select_related("applicant")
            .order_by("submitted_at", "pk")
        ),
        "ranked": ranked,
        "ineligible": ineligible,
    }
