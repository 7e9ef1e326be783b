"""Submitting to calls in the permission table's world.

- `{applicant_call}`: a published call of `{space}`, open now, with the programme's grid and
  three required documents (a CV and a methodological note, technical; a financial offer);
  their ids are fixed (9701–9703) so that the payload can name their file fields;
- `{member_submission}`: the member's submission to `{applicant_call}`, with its CV
  `{member_cv}` (technical) and its financial offer `{member_offer}`;
- `{other_submission}`: someone else's submission to `{applicant_call}`, with its CV `{other_cv}`;
- `{private_call}`: a published call of `{private_space}`, open now.
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from palabre.calls.models import Part, RequiredDocument
from palabre.calls.services.submissions import submit
from tests.accounts.factories import make_user
from tests.calls.factories import PDF, CallFactory, with_grid

from . import Upload

NAMESPACES = {"calls"}

DOCUMENTS = [
    (9701, "CV de l'expert", Part.TECHNICAL),
    (9702, "Note méthodologique", Part.TECHNICAL),
    (9703, "Offre financière", Part.FINANCIAL),
]

PAYLOADS = {
    "calls:submit": {
        "applicant_name": "Cabinet Akwaba Conseil",
        "price": "40000000",
        **{f"document_{pk}": Upload(f"document-{pk}.pdf", PDF) for pk, _, _ in DOCUMENTS},
    },
}


def _files() -> dict:
    return {pk: SimpleUploadedFile(f"document-{pk}.pdf", PDF) for pk, _, _ in DOCUMENTS}


def placeholders(*, space, private_space, users, base) -> dict:
    call = CallFactory(space=space, created_by=users["secretariat"])
    with_grid(call)
    for pk, label, part in DOCUMENTS:
        RequiredDocument.objects.create(pk=pk, call=call, label=label, part=part, order=pk)
    mine = submit(
        call=call,
        applicant=users["member"],
        applicant_name="Bureau Sahel Études",
        price=Decimal("45000000"),
        files=_files(),
    )
    theirs = submit(
        call=call,
        applicant=make_user(),
        applicant_name="Expertise Lagunes SARL",
        price=Decimal("38000000"),
        files=_files(),
    )
    private_call = CallFactory(space=private_space, created_by=users["secretariat"])
    return {
        "applicant_call": call.pk,
        "member_submission": mine.pk,
        "member_cv": mine.files.get(requirement_id=9701).pk,
        "member_offer": mine.files.get(requirement_id=9703).pk,
        "other_submission": theirs.pk,
        "other_cv": theirs.files.get(requirement_id=9701).pk,
        "private_call": private_call.pk,
    }
