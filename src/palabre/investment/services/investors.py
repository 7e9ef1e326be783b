"""An investor's own profile: one per account, written by its owner only.

The two consents (contact details for the regions' officers, the e-mail digest) are recorded
in the audit log with every change, so that who agreed to what, and when, can be shown.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record

from ..models import InvestorProfile

PROFILE_FIELDS = [
    "kind",
    "name",
    "country_of_residence",
    "city",
    "ticket_min",
    "ticket_max",
    "currency",
    "skills",
    "contact_email",
    "contact_phone",
    "share_contact_with_officers",
    "digest_opt_in",
    "is_active",
]
RELATED_FIELDS = ["sectors", "regions", "support_offered"]


def _state(profile: InvestorProfile) -> dict:
    state = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    for name in RELATED_FIELDS:
        state[name] = sorted(item.pk for item in getattr(profile, name).all())
    return state


def _write(profile: InvestorProfile, fields: dict) -> None:
    unknown = set(fields) - set(PROFILE_FIELDS) - set(RELATED_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a profile: {sorted(unknown)}")
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.full_clean(exclude=["user"])
    profile.save()
    for name in RELATED_FIELDS:
        if name in fields:
            getattr(profile, name).set(fields[name])


def _printable(value):
    return value if value is None or isinstance(value, bool | int | str | list) else str(value)


@transaction.atomic
def profile_create(*, user, **fields) -> InvestorProfile:
    """`fields`: those of PROFILE_FIELDS and RELATED_FIELDS (lists of objects or ids)."""
    if InvestorProfile.objects.select_for_update().filter(user=user).exists():
        raise ValidationError(_("You already have an investor profile: edit it instead."))
    profile = InvestorProfile(user=user)
    _write(profile, fields)
    audit_record(
        actor=user,
        action="investment.profile_create",
        target=profile,
        changes={name: [None, _printable(value)] for name, value in _state(profile).items()},
    )
    return profile


@transaction.atomic
def profile_update(*, profile: InvestorProfile, actor, **fields) -> InvestorProfile:
    """Only the owner writes their profile; the audit keeps each consent given or withdrawn."""
    profile = InvestorProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.user_id != actor.pk:
        raise ValidationError(_("Only its owner can change an investor profile."))
    before = _state(profile)
    _write(profile, fields)
    after = _state(profile)
    changes = {
        name: [_printable(before[name]), _printable(after[name])]
        for name in after
        if before[name] != after[name]
    }
    if changes:
        audit_record(
            actor=actor, action="investment.profile_update", target=profile, changes=changes
        )
    return profile
