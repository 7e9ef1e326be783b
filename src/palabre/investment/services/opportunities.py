"""Publishing opportunities: writing one, moving it through its statuses, attaching documents.

An opportunity is published (dated) the first time it becomes public. Its region must be one
the space covers, or, for a space that covers its whole country, a region of that country: an
officer publishes for their own territory only. Statuses move open → in discussion → funded or
closed; a funded or closed opportunity comes back only to open, with a note that says why.
"""

import os
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.core.uploads import check_upload
from palabre.spaces.models import Space, Visibility

from ..models import Opportunity, OpportunityDocument, OpportunityStatus

# What the form edits; the space is chosen once, at creation.
EDITABLE_FIELDS = (
    "region",
    "sector",
    "location",
    "title",
    "summary",
    "description",
    "amount_min",
    "amount_max",
    "currency",
    "jobs_expected",
    "promoter_organisation",
    "promoter",
    "visibility",
)
# As the audit log compares them (foreign keys by id), and the publication date that follows.
AUDITED_FIELDS = [
    *(Opportunity._meta.get_field(name).attname for name in EDITABLE_FIELDS),
    "published_at",
]


def _check_region(space: Space, region) -> None:
    covered = list(space.regions.all())
    if covered and region not in covered:
        raise ValidationError(
            {
                "region": _("Choose one of the regions the space covers: %(regions)s.")
                % {"regions": _(", ").join(sorted(r.name for r in covered))}
            }
        )
    if not covered and region.country_id != space.country_id:
        raise ValidationError(
            {
                "region": _("Choose a region of %(country)s, the country of the space.")
                % {"country": space.country.name}
            }
        )


def _fill(opportunity: Opportunity, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(opportunity, name, value.strip() if isinstance(value, str) else value)
    _check_region(opportunity.space, opportunity.region)
    if opportunity.visibility == Visibility.PUBLIC and opportunity.published_at is None:
        opportunity.published_at = timezone.now()
    opportunity.full_clean(exclude=["created_by"])


@transaction.atomic
def opportunity_create(
    *, space: Space, actor, support_sought: Iterable = (), **fields
) -> Opportunity:
    """`fields`: those of EDITABLE_FIELDS; region, sector, title, summary, description and the
    range are required."""
    opportunity = Opportunity(space=space, created_by=actor)
    _fill(opportunity, fields)
    opportunity.save()
    opportunity.support_sought.set(support_sought)
    audit_record(
        actor=actor,
        action="investment.opportunity_create",
        target=opportunity,
        changes=field_changes({}, snapshot(opportunity, AUDITED_FIELDS)),
    )
    return opportunity


@transaction.atomic
def opportunity_update(
    *, opportunity: Opportunity, actor, support_sought: Iterable | None = None, **fields
) -> Opportunity:
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    before = snapshot(opportunity, AUDITED_FIELDS)
    _fill(opportunity, fields)
    opportunity.save()
    if support_sought is not None:
        opportunity.support_sought.set(support_sought)
    audit_record(
        actor=actor,
        action="investment.opportunity_update",
        target=opportunity,
        changes=field_changes(before, snapshot(opportunity, AUDITED_FIELDS)),
    )
    return opportunity


# --- status --------------------------------------------------------------------------------------


def allowed_statuses(status: str) -> list[str]:
    """Where an opportunity may go from `status`. Talks that fail send it back to open; an
    opportunity withdrawn before any talk may be closed at once; funded or closed ones may only
    reopen (with a note, see `needs_note`)."""
    S = OpportunityStatus
    return {
        S.OPEN: [S.IN_DISCUSSION, S.CLOSED],
        S.IN_DISCUSSION: [S.OPEN, S.FUNDED, S.CLOSED],
        S.FUNDED: [S.OPEN],
        S.CLOSED: [S.OPEN],
    }[status]


def needs_note(current: str) -> bool:
    """Reopening a funded or closed opportunity must say why: investors saw it end."""
    return current in (OpportunityStatus.FUNDED, OpportunityStatus.CLOSED)


@transaction.atomic
def opportunity_change_status(
    *, opportunity: Opportunity, actor, status: str, note: str = ""
) -> Opportunity:
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    note = (note or "").strip()
    current = opportunity.status
    if status not in allowed_statuses(current):
        raise ValidationError(
            {
                "status": _("An opportunity cannot go from “%(current)s” to “%(status)s”.")
                % {
                    "current": opportunity.get_status_display(),
                    "status": OpportunityStatus(status).label
                    if status in OpportunityStatus.values
                    else status,
                }
            }
        )
    if needs_note(current) and not note:
        raise ValidationError(
            {"note": _("Say why the opportunity reopens: investors saw it funded or closed.")}
        )
    opportunity.status = status
    opportunity.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="investment.opportunity_status",
        target=opportunity,
        changes={"status": [current, status]},
        note=note,
    )
    return opportunity


# --- documents -----------------------------------------------------------------------------------


@transaction.atomic
def opportunity_document_add(
    *, opportunity: Opportunity, actor, title: str, file
) -> OpportunityDocument:
    """A PDF, an image, a DOCX or an XLSX of at most 10 MB whose content matches its name;
    nothing is stored otherwise."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    if not file:
        raise ValidationError({"file": _("Choose the file to add.")})
    check_upload(
        file,
        field="file",
        refused=_(
            "The document must be a PDF, an image (JPEG, PNG or WebP), a Word document (DOCX) "
            "or a spreadsheet (XLSX)."
        ),
    )
    document = OpportunityDocument(opportunity=opportunity, title=title)
    document.file.save(os.path.basename(file.name), file, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="investment.opportunity_document_add",
        target=opportunity,
        note=title,
    )
    return document
