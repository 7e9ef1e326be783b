"""The public part of calls in the permission table's world.

- `{open_call}`: a published call of `{space}` open now, with the programme's grid, its required
  documents and a terms-of-reference file;
- `{space_id}`: the id of `{space}` (the space field of a new call);
- `{draft_call}`: a draft call of `{space}` with the same grid and documents (ready to publish);
- `{members_space_call}`: a published call of `{private_space}`.
"""

from django.core.files.base import ContentFile

from palabre.calls.models import CallStatus
from tests.calls.factories import PDF, CallFactory, with_documents, with_grid

NAMESPACES = {"calls"}

CALL_FORM = {
    "kind": "expertise",
    "reference": "AMI-2027-TEST",
    "title": "Recrutement d'un consultant",
    "time_zone": "Africa/Abidjan",
    "opens_at": "2030-01-10T08:00",
    "closes_at": "2030-02-10T17:00",
    "terms_of_reference": "<p>Appuyer le secrétariat.</p>",
    "currency": "XOF",
    "price_formula": "lowest_over_offer",
}

PAYLOADS = {
    "calls:call_create": {**CALL_FORM, "space": "{space_id}"},
    "calls:call_edit": {**CALL_FORM, "reference": "AMI-2027-REV"},
    "calls:call_grid": {
        "kind": "criterion",
        "criterion-new-name": "Références",
        "criterion-new-weight": "10",
        "criterion-new-order": "5",
    },
    "calls:call_transition": {"status": "published"},
}


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    call = CallFactory(space=space, created_by=secretariat)
    with_grid(call)
    with_documents(call)
    call.terms_file.save("termes.pdf", ContentFile(PDF))
    draft = CallFactory(space=space, status=CallStatus.DRAFT, created_by=secretariat)
    with_grid(draft)
    with_documents(draft)
    private = CallFactory(space=private_space, created_by=secretariat)
    return {
        "open_call": call.pk,
        "draft_call": draft.pk,
        "members_space_call": private.pk,
        "space_id": space.pk,
    }
