"""Every change to the directory goes through these functions, in a transaction, with an audit."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.core.services import save_with_m2m

from .models import ConsentRecord, Organisation, Person
from .selectors import person_links

# Fields a merge never copies from the duplicate: identity, bookkeeping, and the account link,
# which is handled on its own because it is unique.
_MERGE_SKIPPED_FIELDS = {"id", "normalised_name", "merged_into", "user", "created_at", "updated_at"}


@transaction.atomic
def person_create(*, actor, sectors: Iterable = (), languages: Iterable = (), **fields) -> Person:
    person = Person(**fields)
    m2m_changes = save_with_m2m(person, {"sectors": sectors, "languages": languages})
    audit_record(
        actor=actor,
        action="person.create",
        target=person,
        changes=field_changes({}, snapshot(person, list(fields))) | m2m_changes,
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    sectors: Iterable | None = None,
    languages: Iterable | None = None,
    **fields,
) -> Person:
    before = snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    m2m_changes = save_with_m2m(person, {"sectors": sectors, "languages": languages})
    changes = field_changes(before, snapshot(person)) | m2m_changes
    changes.pop("updated_at", None)
    changes.pop("normalised_name", None)
    if changes:
        audit_record(actor=actor, action="person.update", target=person, changes=changes)
    return person


@transaction.atomic
def consent_record_add(
    *, actor, person: Person, purpose: str, given_at=None, source: str = ""
) -> ConsentRecord:
    consent = ConsentRecord(
        person=person,
        purpose=purpose,
        given_at=given_at or timezone.now(),
        source=source,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action="person.consent_add",
        target=person,
        changes={"consent": [None, f"{purpose} ({consent.given_at:%Y-%m-%d})"]},
    )
    return consent


@transaction.atomic
def organisation_create(*, actor, sectors: Iterable = (), **fields) -> Organisation:
    organisation = Organisation(**fields)
    m2m_changes = save_with_m2m(organisation, {"sectors": sectors})
    audit_record(
        actor=actor,
        action="organisation.create",
        target=organisation,
        changes=field_changes({}, snapshot(organisation, list(fields))) | m2m_changes,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, sectors: Iterable | None = None, **fields
) -> Organisation:
    before = snapshot(organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    changes = field_changes(before, snapshot(organisation))
    changes |= save_with_m2m(organisation, {"sectors": sectors})
    if changes:
        audit_record(
            actor=actor, action="organisation.update", target=organisation, changes=changes
        )
    return organisation


def _move_rows(rel: models.ForeignObjectRel, source: Person, target: Person) -> tuple[int, int]:
    """Point the rows of `rel` from source to target; (moved, left) where left are the rows
    that a unique constraint keeps on the source because the target already has their twin."""
    model, name = rel.related_model, rel.field.name
    rows = model._base_manager.filter(**{name: source})
    try:
        with transaction.atomic():
            return rows.update(**{name: target}), 0
    except IntegrityError:
        pass
    moved = left = 0
    for pk in rows.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                moved += model._base_manager.filter(pk=pk).update(**{name: target})
        except IntegrityError:
            left += 1
    return moved, left


def merge_counts(counts: dict[str, int]) -> str:
    """ "memberships (2), consent records (1)": what a merge moved or left, for people to read."""
    return ", ".join(f"{label} ({count})" for label, count in counts.items())


def _is_empty(value) -> bool:
    return value is None or value == ""


@transaction.atomic
def person_merge(*, actor, keep: Person, duplicate: Person) -> dict:
    """Fold `duplicate` into `keep`: every linked record follows, empty fields are filled.

    The duplicate is never deleted: it stays, marked as merged, so that nothing is lost and its
    audit history stays readable. Records that `keep` already has an equivalent of (the same open
    role in the same space, for example) stay with the duplicate and are reported.
    """
    keep, duplicate = (
        Person.objects.select_for_update().get(pk=keep.pk),
        Person.objects.select_for_update().get(pk=duplicate.pk),
    )
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these entries has already been merged."))

    before = snapshot(keep)
    filled = [
        field.attname
        for field in Person._meta.concrete_fields
        if field.attname not in _MERGE_SKIPPED_FIELDS
        and field.name not in _MERGE_SKIPPED_FIELDS
        and _is_empty(getattr(keep, field.attname))
        and not _is_empty(getattr(duplicate, field.attname))
    ]
    for name in filled:
        setattr(keep, name, getattr(duplicate, name))
    move_account = keep.user_id is None and duplicate.user_id is not None
    if move_account:
        keep.user_id = duplicate.user_id
        duplicate.user = None
    # The duplicate leaves the active directory first, so that its e-mail and account are free.
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "user", "updated_at"])
    keep.save()

    moved, left = {}, {}
    # Entries merged earlier into the duplicate are among these links: they now lead to `keep`.
    for rel in person_links():
        count, stayed = _move_rows(rel, duplicate, keep)
        label = str(rel.related_model._meta.verbose_name_plural)
        if count:
            moved[label] = moved.get(label, 0) + count
        if stayed and not rel.related_model._meta.auto_created:
            left[label] = left.get(label, 0) + stayed

    changes = field_changes(before, snapshot(keep))
    changes.pop("updated_at", None)
    changes.pop("normalised_name", None)
    note = _("Merged entry no. %(duplicate)s (%(name)s) into this one.") % {
        "duplicate": duplicate.pk,
        "name": duplicate.full_name,
    }
    if moved:
        note += " " + _("Moved: %(records)s.") % {"records": merge_counts(moved)}
    if left:
        note += " " + _("Left on the merged entry: %(records)s.") % {"records": merge_counts(left)}
    audit_record(actor=actor, action="person.merge", target=keep, changes=changes, note=note)
    audit_record(
        actor=actor,
        action="person.merged_into",
        target=duplicate,
        changes={"merged_into": [None, keep.pk]},
    )
    return {"moved": moved, "left": left, "filled": filled, "account_moved": move_account}


def people_export_record(*, actor, rows: int, file_format: str, filters: str) -> None:
    """Personal data is leaving the platform: keep who took what, under which filters."""
    audit_record(
        actor=actor,
        action="person.export",
        changes={"rows": [None, rows], "format": [None, file_format]},
        note=_("Filters: %(filters)s") % {"filters": filters or "—"},
    )
