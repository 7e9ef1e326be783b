"""The committee of calls in the permission table's world.

- `{eval_call}`: a published call of `{space}` whose deadline has passed (the technical scoring
  not closed), with the programme's grid and one offer `{eval_submission}` holding a technical
  file `{eval_file}` and a financial file `{eval_financial_file}`; the member sits on its
  committee without having declared; another evaluator has declared no conflict;
- `{eval_closed_call}`: a call of `{space}` whose technical scoring is closed (the member is not
  on its committee), with an offer whose financial file is `{eval_closed_financial_file}`;
- `{eval_candidate_email}`: the e-mail address of an account the secretariat may add.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from palabre.calls.models import CallStatus, Evaluator, Submission, SubmissionFile
from tests.accounts.factories import make_user
from tests.calls.factories import PDF, CallFactory, with_documents, with_grid

NAMESPACES = {"calls"}

PAYLOADS = {
    "calls:evaluators": {"email": "{eval_candidate_email}"},
    "calls:declare": {"answer": "no_conflict"},
    "calls:score_sheet": {},
    "calls:submit_scores": {},
}


def _call_with_an_offer(space, secretariat, **fields):
    call = CallFactory(
        space=space,
        created_by=secretariat,
        closes_at=timezone.now() - datetime.timedelta(days=1),
        **fields,
    )
    with_grid(call)
    submission = Submission.objects.create(
        call=call,
        applicant=make_user(),
        applicant_name="Cabinet Akwaba Conseil",
        price=Decimal("40000000"),
        receipt_checksum="0" * 64,
    )
    files = {}
    for document in with_documents(call).values():
        item = SubmissionFile(submission=submission, requirement=document, sha256="0", size=1)
        item.file.save("offre.pdf", ContentFile(PDF), save=False)
        item.save()
        files[document.part] = item.pk
    return call, submission, files


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    call, submission, files = _call_with_an_offer(space, secretariat)
    Evaluator.objects.create(call=call, user=users["member"])
    Evaluator.objects.create(call=call, user=make_user(), no_conflict_declared_at=timezone.now())
    closed, _submission, closed_files = _call_with_an_offer(
        space,
        secretariat,
        status=CallStatus.SCORING_CLOSED,
        technical_closed_at=timezone.now(),
    )
    return {
        "eval_call": call.pk,
        "eval_submission": submission.pk,
        "eval_file": files["technical"],
        "eval_financial_file": files["financial"],
        "eval_closed_call": closed.pk,
        "eval_closed_financial_file": closed_files["financial"],
        "eval_candidate_email": make_user().email,
    }
