from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import UpdateView

from palabre.core.permissions import PermissionRequiredMixin
from palabre.directory.models import Person

from . import selectors, services
from .forms import ProfileForm


class ProfileView(PermissionRequiredMixin, UpdateView):
    permission_required = "accounts.change_own_profile"
    form_class = ProfileForm
    template_name = "accounts/profile.html"

    def get_object(self, queryset=None):
        return self.request.user

    def get_initial(self):
        return {"language": self.request.user.language or translation.get_language()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = person = selectors.profile_person(self.request.user)
        context["memberships"] = selectors.memberships_of(person)
        return context

    def form_valid(self, form):
        user = services.user_update_profile(user=self.request.user, **form.cleaned_data)
        # The confirmation is already in the language just chosen.
        translation.activate(user.language)
        messages.success(self.request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


class InviteView(PermissionRequiredMixin, View):
    """POST from a person's page: give them an account and e-mail them a link."""

    permission_required = "accounts.invite_person"
    http_method_names = ["post"]

    def post(self, request, person_pk):
        person = get_object_or_404(Person, pk=person_pk)
        try:
            user = services.person_invite(actor=request.user, person=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": user.email},
            )
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = person.get_absolute_url()
        return redirect(next_url)


@method_decorator(never_cache, name="dispatch")
class AcceptInvitationView(View):
    """Public: the link in the invitation e-mail. The invited person chooses a password."""

    template_name = "accounts/accept_invitation.html"

    def dispatch(self, request, uidb64, token):
        self.invited = selectors.invited_user(uidb64, token)
        if self.invited is None:
            return render(request, "accounts/invitation_invalid.html")
        return super().dispatch(request, uidb64, token)

    def get(self, request, uidb64, token):
        return self._page(SetPasswordForm(self.invited))

    def post(self, request, uidb64, token):
        form = SetPasswordForm(self.invited, request.POST)
        if not form.is_valid():
            return self._page(form)
        user = services.invitation_accept(
            user=self.invited, password=form.cleaned_data["new_password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password is set and you are logged in."))
        return redirect(reverse("core:home"))

    def _page(self, form):
        return render(self.request, self.template_name, {"form": form, "invited": self.invited})
