"""Accounts for tests; every app imports its users from here.

- `make_user(email=..., password=...)`: an ordinary, active account whose e-mail address is
  already verified in allauth, so it can log in through the login form.
- `make_admin(email=..., password=...)`: a staff superuser WITH an activated TOTP authenticator,
  so the "staff must use two-factor authentication" middleware lets it through. Its TOTP secret
  is `ADMIN_TOTP_SECRET`; `totp_code(ADMIN_TOTP_SECRET)` gives a currently valid code.

`client.force_login(make_admin())` is enough for most view tests.
"""

import itertools
import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from palabre.accounts.models import User

DEFAULT_PASSWORD = "a-long-test-password"
ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

_numbers = itertools.count(1)


def _verified(user: User) -> User:
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def make_user(email: str | None = None, password: str = DEFAULT_PASSWORD, **fields) -> User:
    """An active account with a verified primary e-mail address."""
    email = email or f"user{next(_numbers)}@example.org"
    return _verified(User.objects.create_user(email=email, password=password, **fields))


def make_admin(email: str | None = None, password: str = DEFAULT_PASSWORD, **fields) -> User:
    """A site administrator (staff superuser) who has already set up TOTP."""
    email = email or f"admin{next(_numbers)}@example.org"
    user = _verified(User.objects.create_superuser(email=email, password=password, **fields))
    TOTP.activate(user, ADMIN_TOTP_SECRET)
    return user


def totp_code(secret: str = ADMIN_TOTP_SECRET) -> str:
    """The TOTP code an authenticator app would show right now for `secret`."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def log_in_with_form(client, email: str, password: str = DEFAULT_PASSWORD, totp_secret=None):
    """Log in through allauth's pages, as a person would (force_login skips e-mail and TOTP checks,
    and leaves no "recently authenticated" mark, so pages that ask to reauthenticate would)."""
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    if totp_secret is not None:
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})
    return response


def reauthenticate(client, password: str = DEFAULT_PASSWORD):
    """allauth asks for the password again before two-factor settings change; give it."""
    return client.post(reverse("account_reauthenticate"), {"password": password})
