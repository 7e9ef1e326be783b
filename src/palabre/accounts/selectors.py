from django.contrib.auth.tokens import default_token_generator
from django.db.models import F
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from palabre.directory.models import Person
from palabre.spaces.models import Membership

from .models import User


def invited_user(uidb64: str, token: str) -> User | None:
    """The account an invitation link is for, or None if the link is wrong, expired or used."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    # An account with a password has already accepted (or never was an invitation).
    if not user.is_active or user.has_usable_password():
        return None
    return user if default_token_generator.check_token(user, token) else None


def profile_person(user: User) -> Person | None:
    return (
        Person.objects.filter(user=user)
        .select_related("organisation", "country_of_residence", "region_of_attachment")
        .first()
    )


def memberships_of(person: Person | None):
    if person is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(person=person)
        .select_related("space", "college", "organisation")
        .order_by(F("end_date").desc(nulls_first=True), "-start_date")
    )
