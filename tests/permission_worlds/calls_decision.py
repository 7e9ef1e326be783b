"""Deciding calls in the permission table's world.

- `{scoring_closed_call}`: an expertise call of `{space}` whose technical scoring is closed, with
  its grid and one eligible submission of someone else: ready to be decided;
- `{decided_call}`: an expertise call of `{space}` already decided (its report is issued on the
  first download);
- `{private_closed_call}`: a call of `{private_space}` whose technical scoring is closed.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from palabre.calls.models import CallStatus, Submission
from tests.accounts.factories import make_user
from tests.calls.factories import CallFactory, with_grid

NAMESPACES = {"calls"}

PAYLOADS = {"calls:decide": {}}


def _past_call(space, status):
    now = timezone.now()
    call = CallFactory(
        space=space,
        status=status,
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
        technical_closed_at=now - datetime.timedelta(days=2),
        published_on=(now - datetime.timedelta(days=40)).date(),
    )
    with_grid(call)
    Submission.objects.create(
        call=call,
        applicant=make_user(),
        applicant_name="Cabinet Testconseil",
        price=Decimal("20000000"),
        submitted_at=now - datetime.timedelta(days=12),
        receipt_checksum="0" * 64,
    )
    return call


def placeholders(*, space, private_space, users, base) -> dict:
    decided = _past_call(space, CallStatus.DECIDED)
    decided.results_on = timezone.localdate()
    decided.save(update_fields=["results_on"])
    return {
        "scoring_closed_call": _past_call(space, CallStatus.SCORING_CLOSED).pk,
        "decided_call": decided.pk,
        "private_closed_call": _past_call(private_space, CallStatus.SCORING_CLOSED).pk,
    }
