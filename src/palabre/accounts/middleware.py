from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Pages a staff member without TOTP may still reach: allauth's own (TOTP setup, reauthentication,
# logout), static files, the language switch and the health check.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


class StaffMustUseMFAMiddleware:
    """Site administrators hold every key; they must protect their account with TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.PALABRE_STAFF_MFA_REQUIRED
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
        ):
            messages.warning(
                request, _("As a site administrator, you must set up two-factor authentication.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
