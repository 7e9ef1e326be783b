"""Opportunities in the permission table's world.

- `{opp_public}`: a public, open opportunity of `{space}` in the region `{region}`, with a PDF
  document `{opp_document}`;
- `{opp_members}`: an opportunity of `{space}` for its members only;
- `{opp_funded}`: a public opportunity of `{space}` already funded (it may only reopen, with a
  note: the status payload, without one, is refused with a message);
- `{opp_private}`: a public opportunity of `{private_space}`, hidden with its space, with a
  document `{opp_private_document}`;
- `{opp_space}` and `{opp_sector}`: the id of `{space}` and of a sector, for the forms.

The document form's payload has no file (an upload is tested in
tests/investment/test_opportunities.py): the table checks who may send it, and those who may
get the form back asking for the file.
"""

from django.core.files.base import ContentFile

from palabre.investment.models import OpportunityStatus
from palabre.spaces.models import Visibility
from palabre.territories.models import Region
from tests.investment.factories import OpportunityFactory, sector
from tests.permission_worlds import Upload

NAMESPACES = {"investment"}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

OPPORTUNITY_FORM = {
    "title": "Unité de broyage de cacao",
    "summary": "Vendre du cacao transformé plutôt que des fèves.",
    "description": "La coopérative cherche des investisseurs pour une unité de broyage.",
    "sector": "{opp_sector}",
    "region": "{region}",
    "amount_min": "10000000",
    "amount_max": "50000000",
    "currency": "XOF",
    "jobs_expected": "25",
    "visibility": "public",
}

PAYLOADS = {
    "investment:opportunity_create": {"space": "{opp_space}", **OPPORTUNITY_FORM},
    "investment:opportunity_edit": {**OPPORTUNITY_FORM, "title": "Broyage de cacao à Méagui"},
    "investment:opportunity_status": {"status": OpportunityStatus.IN_DISCUSSION},
    "investment:opportunity_document_add": {
        "title": "Plan d'affaires",
        "file": Upload("plan-d-affaires.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    },
}


def _with_document(opportunity):
    document = opportunity.documents.create(title="Plan d'affaires")
    document.file.save("plan-d-affaires.pdf", ContentFile(PDF))
    return document


def placeholders(*, space, private_space, users, base) -> dict:
    region = Region.objects.get(pk=base["region"])
    secretariat = users["secretariat"]
    public = OpportunityFactory(space=space, region=region, created_by=secretariat)
    members = OpportunityFactory(
        space=space, region=region, visibility=Visibility.MEMBERS, created_by=secretariat
    )
    funded = OpportunityFactory(
        space=space, region=region, status=OpportunityStatus.FUNDED, created_by=secretariat
    )
    private = OpportunityFactory(space=private_space, region=region, created_by=secretariat)
    return {
        "opp_public": public.pk,
        "opp_document": _with_document(public).pk,
        "opp_members": members.pk,
        "opp_funded": funded.pk,
        "opp_private": private.pk,
        "opp_private_document": _with_document(private).pk,
        "opp_space": space.pk,
        "opp_sector": sector("cocoa-coffee").pk,
    }
