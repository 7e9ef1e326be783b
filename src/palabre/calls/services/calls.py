"""Preparing a call while it is a draft: its description and deadline, the criteria of its grid
and the documents it asks for. Once published, what applicants rely on no longer changes.

The terms of reference are rich text written elsewhere (often pasted from Word): they are
sanitised on the way in, so that the page can show them as they are stored.
"""

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.spaces.models import Space

from ..models import Call, CallStatus, Criterion, RequiredDocument

CALL_FIELDS = [
    "kind",
    "reference",
    "title",
    "terms_of_reference",
    "terms_file",
    "opens_at",
    "closes_at",
    "time_zone",
    "budget_ceiling",
    "currency",
    "price_formula",
    "results_on",
]
CRITERION_FIELDS = ["name", "weight", "is_price", "order"]
DOCUMENT_FIELDS = ["label", "part", "extensions", "max_megabytes", "is_required", "order"]

TERMS_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "a",
}  # fmt: skip


def sanitise_terms(html: str) -> str:
    """Text and simple structure only: no script, style, event handler or foreign image."""
    return nh3.clean(html or "", tags=TERMS_TAGS, attributes={"a": {"href"}}).strip()


def _ensure_draft(call: Call) -> None:
    """Locks the call, so that no change slips in while it is being published."""
    if Call.objects.select_for_update().get(pk=call.pk).status != CallStatus.DRAFT:
        raise ValidationError(
            _("A published call no longer changes: applicants rely on what it says."),
            code="call_not_draft",
        )


def _check_dates(fields: dict) -> None:
    if fields["closes_at"] <= fields["opens_at"]:
        raise ValidationError({"closes_at": _("A call must close after it opens.")})


def _unique_reference(reference: str, call: Call | None = None) -> None:
    others = Call.objects.filter(reference=reference)
    if call is not None:
        others = others.exclude(pk=call.pk)
    if others.exists():
        raise ValidationError({"reference": _("Another call already has this reference.")})


@transaction.atomic
def call_create(*, space: Space, actor, **fields) -> Call:
    _check_dates(fields)
    _unique_reference(fields["reference"])
    fields["terms_of_reference"] = sanitise_terms(fields.get("terms_of_reference", ""))
    fields["terms_file"] = fields.get("terms_file") or ""
    call = Call.objects.create(space=space, created_by=actor, status=CallStatus.DRAFT, **fields)
    audit_record(actor=actor, action="calls.create", target=call, note=call.reference)
    return call


@transaction.atomic
def call_update(*, call: Call, actor, **fields) -> Call:
    _ensure_draft(call)
    call = Call.objects.get(pk=call.pk)
    _check_dates(fields)
    _unique_reference(fields["reference"], call)
    fields["terms_of_reference"] = sanitise_terms(fields.get("terms_of_reference", ""))
    if fields.get("terms_file") is None:
        fields.pop("terms_file", None)  # no new file: keep the one already attached
    before = snapshot(call, list(fields))
    for name, value in fields.items():
        setattr(call, name, value)
    call.save()
    audit_record(
        actor=actor,
        action="calls.update",
        target=call,
        changes=field_changes(before, snapshot(call, list(fields))),
    )
    return call


# What the grid page changes: the related name of the call, the fields audited, the action.
GRID_ITEMS = {
    "criteria": (CRITERION_FIELDS, "calls.criterion"),
    "required_documents": (DOCUMENT_FIELDS, "calls.document"),
}


def _grid_item_save(call: Call, actor, related: str, item, fields: dict):
    """Create (`item` None) or change one criterion or required document of a draft call."""
    names, action = GRID_ITEMS[related]
    manager = getattr(call, related)
    before = {}
    if item is not None:
        # From the database: a bound model form has already changed the instance it was given.
        item = manager.get(pk=item.pk)
        before = snapshot(item, names)
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
    else:
        item = manager.create(**fields)
    audit_record(
        actor=actor,
        action=action,
        target=call,
        changes=field_changes(before, snapshot(item, names)),
        note=str(item),
    )
    return item


def _grid_item_delete(*, item, actor, action: str) -> None:
    _ensure_draft(item.call)
    audit_record(actor=actor, action=action, target=item.call, note=str(item))
    item.delete()


@transaction.atomic
def criterion_save(*, call: Call, actor, criterion: Criterion | None = None, **fields) -> Criterion:
    """Add a criterion to the grid, or change one (`criterion`)."""
    _ensure_draft(call)
    prices = call.criteria.filter(is_price=True)
    if criterion is not None:
        prices = prices.exclude(pk=criterion.pk)
    if fields.get("is_price") and prices.exists():
        raise ValidationError({"is_price": _("A grid has one price criterion at most.")})
    return _grid_item_save(call, actor, "criteria", criterion, fields)


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor) -> None:
    _grid_item_delete(item=criterion, actor=actor, action="calls.criterion_delete")


@transaction.atomic
def document_save(
    *, call: Call, actor, document: RequiredDocument | None = None, **fields
) -> RequiredDocument:
    """Add a required document, or change one (`document`)."""
    _ensure_draft(call)
    return _grid_item_save(call, actor, "required_documents", document, fields)


@transaction.atomic
def document_delete(*, document: RequiredDocument, actor) -> None:
    _grid_item_delete(item=document, actor=actor, action="calls.document_delete")
