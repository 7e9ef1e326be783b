"""Every change to spaces, colleges and memberships goes through here, validated and audited."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.core.services import save_with_m2m

from .models import College, Membership, Role, Space

# Slugs that would shadow a fixed address under /espaces/ (see urls.py).
RESERVED_SLUGS = frozenset({"nouveau"})


def _save_audited(*, actor, instance, fields: dict, action: str, m2m: dict | None = None):
    """Apply `fields`, validate the whole record, save it with `m2m` and log what changed."""
    before = {} if instance.pk is None else snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    m2m_changes = save_with_m2m(instance, m2m or {})
    changes = field_changes(before, snapshot(instance)) | m2m_changes
    changes.pop("id", None)
    audit_record(actor=actor, action=action, target=instance, changes=changes)
    return instance


def _check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This short name is reserved; choose another one.")})


def check_regions(country, regions: Iterable) -> None:
    """A space's regions lie in its country; checked here because clean() cannot see them."""
    if country is None:
        return  # full_clean() reports the missing country
    foreign = sorted(region.name for region in regions if region.country_id != country.pk)
    if foreign:
        message = ngettext(
            "%(regions)s is not a region of %(country)s, the space's country.",
            "%(regions)s are not regions of %(country)s, the space's country.",
            len(foreign),
        ) % {"regions": ", ".join(foreign), "country": country.name}
        raise ValidationError({"regions": message})


@transaction.atomic
def space_create(*, actor, regions: Iterable = (), **fields) -> Space:
    _check_slug(fields.get("slug", ""))
    regions = list(regions)
    check_regions(fields.get("country"), regions)
    return _save_audited(
        actor=actor,
        instance=Space(),
        fields=fields,
        action="space.create",
        m2m={"regions": regions},
    )


@transaction.atomic
def space_update(*, actor, space: Space, regions: Iterable | None = None, **fields) -> Space:
    """`regions` left out keeps the current ones, which must still fit a new country."""
    if "slug" in fields:
        _check_slug(fields["slug"])
    regions = list(space.regions.all() if regions is None else regions)
    check_regions(fields.get("country", space.country), regions)
    return _save_audited(
        actor=actor,
        instance=space,
        fields=fields,
        action="space.update",
        m2m={"regions": regions},
    )


@transaction.atomic
def college_create(*, actor, space: Space, **fields) -> College:
    college = College(space=space)
    return _save_audited(actor=actor, instance=college, fields=fields, action="college.create")


@transaction.atomic
def college_update(*, actor, college: College, **fields) -> College:
    fields.pop("space", None)  # a college never moves to another space
    return _save_audited(actor=actor, instance=college, fields=fields, action="college.update")


def _check_no_other_open_role(*, space_id, person_id, role: str, exclude_pk=None) -> None:
    others = Membership.objects.filter(
        space_id=space_id, person_id=person_id, role=role, end_date__isnull=True
    ).exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {"role": _("This person already holds this role in the space; end it first.")}
        )


@transaction.atomic
def membership_add(
    *,
    actor,
    space: Space,
    person,
    role: str = Role.MEMBER,
    college: College | None = None,
    vote: str = "",
    start_date: datetime.date | None = None,
    organisation=None,
) -> Membership:
    if person.merged_into_id:
        raise ValidationError(
            {"person": _("This directory entry was merged into another; choose the kept one.")}
        )
    membership = Membership(
        space=space,
        person=person,
        role=role,
        college=college,
        start_date=start_date or timezone.localdate(),
        organisation=organisation if organisation is not None else person.organisation,
    )
    if vote:
        membership.vote = vote
    _check_no_other_open_role(space_id=space.pk, person_id=person.pk, role=role)
    return _save_audited(actor=actor, instance=membership, fields={}, action="membership.add")


def _check_open(membership: Membership) -> None:
    if membership.end_date is not None:
        raise ValidationError(_("This membership has already ended."))


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: str) -> Membership:
    """The role changes in place; the audit log keeps the previous one and the date."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_open(membership)
    if role == membership.role:
        raise ValidationError({"role": _("The member already has this role.")})
    _check_no_other_open_role(
        space_id=membership.space_id,
        person_id=membership.person_id,
        role=role,
        exclude_pk=membership.pk,
    )
    return _save_audited(
        actor=actor, instance=membership, fields={"role": role}, action="membership.change_role"
    )


@transaction.atomic
def membership_end(*, actor, membership: Membership, end_date: datetime.date) -> Membership:
    """Ends a membership on `end_date`; the record stays, so past composition remains known."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_open(membership)
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    return _save_audited(
        actor=actor, instance=membership, fields={"end_date": end_date}, action="membership.end"
    )
