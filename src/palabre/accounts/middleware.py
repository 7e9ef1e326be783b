from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Pages a staff member without MFA may still reach: the ones that set it up, logout, static files.
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
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request, _("As a site administrator, you must set up two-factor authentication.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
