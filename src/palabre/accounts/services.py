"""Everything that changes accounts: profile, invitations. Views only call these functions."""

import smtplib
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.core.models import SiteIdentity
from palabre.directory.models import Person

from .models import User


def user_update_profile(*, user: User, full_name: str, time_zone: str, language: str) -> User:
    user.full_name = full_name
    user.time_zone = time_zone
    user.language = language
    user.full_clean()
    user.save(update_fields=["full_name", "time_zone", "language"])
    return user


def invitation_link(user: User) -> str:
    """A one-time link: the token hashes the password, so it is void once a password is set."""
    path = reverse(
        "accounts:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def person_invite(*, actor: User, person: Person) -> User:
    """Give a directory person an account and e-mail them a link to choose their password.

    Inviting again someone who has not accepted yet sends a fresh e-mail. Raises ValidationError
    (and changes nothing) when the person cannot be invited.
    """
    with transaction.atomic():
        person = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        if person.merged_into_id:
            raise ValidationError(
                _("This entry was merged into another one: invite that person instead.")
            )
        if not person.email:
            raise ValidationError(
                _("%(person)s has no e-mail address: add one before sending an invitation."),
                params={"person": person},
            )
        user = person.user
        if user is not None and user.has_usable_password():
            raise ValidationError(
                _("%(person)s already has an account and can log in."), params={"person": person}
            )
        if user is None:
            if User.objects.filter(email__iexact=person.email).exists():
                raise ValidationError(
                    _(
                        "An account already uses the address %(email)s but is not linked to this "
                        "person; a site administrator must sort this out."
                    ),
                    params={"email": person.email},
                )
            # No password: nobody can log in until the invited person chooses one.
            user = User.objects.create_user(email=person.email, full_name=person.full_name)
            person.user = user
            person.save(update_fields=["user", "updated_at"])
        # The invitation reaches the person at this address: that proves it is theirs.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        audit_record(actor=actor, action="person.invited", target=person, note=user.email)
        # Sent last, inside the transaction: if the mail cannot leave, nothing was invited.
        _send_invitation(actor=actor, user=user)
    return user


def _send_invitation(*, actor: User, user: User) -> None:
    language = actor.language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "inviter": actor.display_name,
            "site_name": SiteIdentity.current().name,
            "link": invitation_link(user),
            "email": user.email,
            "login_url": settings.SITE_URL.rstrip("/") + reverse("account_login"),
            "valid_until": timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_message.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except (smtplib.SMTPException, OSError) as error:
        raise ValidationError(
            _("The invitation e-mail could not be sent (%(error)s); please try again later."),
            params={"error": error},
        ) from error


def invitation_accept(*, user: User, password: str) -> User:
    """The invited person chose their password; the link that brought them here is now void."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        person = Person.objects.filter(user=user).first()
        audit_record(actor=user, action="invitation.accepted", target=person or user)
    return user
