"""Invitations, registration (signed in, public form, secretariat) and cancellations."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin, add_service_errors
from palabre.documents.services import DocumentFormat, document_response

from ..forms.registration import (
    InviteForm,
    PublicRegistrationForm,
    RegistrationAddForm,
    RegistrationFilter,
    RegistrationForm,
    people_picker,
)
from ..models import Registration, RegistrationSource, RegistrationStatus
from ..rules import is_public_meeting
from ..selectors_registration import (
    current_members_of,
    invitable_colleges,
    invitations_list,
    invited_without_address,
    registration_counts,
    registration_of,
    registrations_list,
    waiting_position,
)
from ..services import registration as services
from .base import MeetingMixin


class InviteView(MeetingMixin, TemplateView):
    """All members, colleges or chosen people. The person search works without JavaScript (a
    submit that keeps what is ticked) and, with HTMX, refreshes only the people picker."""

    permission_required = "meetings.manage_meeting"
    template_name = "meetings/registration/invite.html"

    def get_template_names(self):
        if self.request.htmx:
            return [f"{self.template_name}#picker"]
        return [self.template_name]

    def make_form(self, data=None):
        return InviteForm(
            data,
            member_count=current_members_of(self.meeting).count(),
            colleges=invitable_colleges(self.meeting),
        )

    def get_context_data(self, **kwargs):
        page = Paginator(invitations_list(self.meeting), settings.PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        kwargs.setdefault("picker", people_picker(self.request.GET))
        return super().get_context_data(
            form=kwargs.pop("form", None) or self.make_form(),
            page_obj=page,
            invitations=page.object_list,
            to_print=invited_without_address(self.meeting).count(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        picker = people_picker(request.POST)
        if "search" in request.POST:
            return self.render_to_response(self.get_context_data(form=form, picker=picker))
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.invite(
                    meeting=self.meeting,
                    actor=request.user,
                    members=data["members"],
                    colleges=data["colleges"],
                    people=data["people"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _report_message(report))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form, picker=picker))


def _report_message(report: services.InvitationReport) -> str:
    parts = [
        ngettext("%(count)d person invited", "%(count)d people invited", report.invited)
        % {"count": report.invited}
    ]
    if report.already_invited:
        parts.append(
            ngettext(
                "%(count)d was already invited",
                "%(count)d were already invited",
                report.already_invited,
            )
            % {"count": report.already_invited}
        )
    if report.without_email:
        parts.append(
            ngettext(
                "%(count)d without e-mail: print their invitation (%(names)s)",
                "%(count)d without e-mail: print their invitations (%(names)s)",
                len(report.without_email),
            )
            % {
                "count": len(report.without_email),
                "names": ", ".join(person.full_name for person in report.without_email),
            }
        )
    return "; ".join(parts) + "."


class InvitationLettersView(MeetingMixin, View):
    """The invitations of those no e-mail reaches, to print and hand over or post."""

    permission_required = "meetings.manage_meeting"

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in DocumentFormat.values:
            raise Http404
        meeting = self.meeting
        people = list(invited_without_address(meeting))
        if not people:
            messages.info(request, _("Every person invited has an e-mail address."))
            return redirect("meetings:invite", meeting.space.slug, meeting.pk)
        public_link = ""
        if is_public_meeting.test(request.user, meeting):
            path = reverse("meetings:public_register", args=[meeting.space.slug, meeting.pk])
            public_link = settings.SITE_URL.rstrip("/") + path
        return document_response(
            subject=meeting,
            kind="invitation_letters",
            title=_("Invitations — %(meeting)s") % {"meeting": meeting.title},
            template_name="meetings/documents/registration_invitation_letters.html",
            context={
                "meeting": meeting,
                "space": meeting.space,
                "people": people,
                "public_link": public_link,
            },
            fmt=kwargs["fmt"],
            key=_letters_key(meeting, people, public_link),
            space=meeting.space,
            issued_by=request.user,
            filename=f"invitations-{meeting.pk}",
        )


def _letters_key(meeting, people, public_link: str) -> str:
    """One archived file per printed content: printing twice gives the same file."""
    printed = [
        get_language(),
        meeting.title,
        meeting.starts_at.isoformat(),
        meeting.ends_at.isoformat(),
        meeting.time_zone,
        meeting.venue,
        meeting.city,
        meeting.online_url,
        meeting.description,
        public_link,
        *(f"{person.pk}|{person.full_name}|{person.organisation}" for person in people),
    ]
    return hashlib.sha256("\n".join(printed).encode()).hexdigest()[:40]


class RegisterView(MeetingMixin, ServiceFormMixin, FormView):
    """A signed-in user registers; one without a directory entry gets one from their account."""

    permission_required = "meetings.register"
    template_name = "meetings/registration/register.html"
    form_class = RegistrationForm

    def get_form_kwargs(self):
        user = self.request.user
        ask_name = not hasattr(user, "person")
        kwargs = super().get_form_kwargs() | {"meeting": self.meeting, "ask_name": ask_name}
        if ask_name:
            *first, last = user.full_name.split() or [""]
            kwargs["initial"] = {"first_name": " ".join(first), "last_name": last}
        return kwargs

    def get_context_data(self, **kwargs):
        registration = registration_of(self.request.user, self.meeting)
        return super().get_context_data(
            registration=registration,
            registration_position=waiting_position(registration),
            counts=registration_counts(self.meeting),
            **kwargs,
        )

    def save(self, form):
        data = form.cleaned_data
        person = services.registrant_for_account(
            user=self.request.user,
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        return services.register(
            meeting=self.meeting,
            person=person,
            mode=data["mode"],
            source=RegistrationSource.ACCOUNT,
            actor=self.request.user,
        )

    @property
    def success_message(self) -> str:
        if self.object.status == RegistrationStatus.WAITLISTED:
            return _(
                "The room is full: you are on the waiting list. You will be told by e-mail if a "
                "place becomes free."
            )
        return _("You are registered. A confirmation is on its way to your e-mail address.")

    def get_success_url(self) -> str:
        return self.meeting.get_absolute_url()


class PublicRegisterView(MeetingMixin, ServiceFormMixin, FormView):
    """Public meetings only (404 otherwise), for people without an account.

    Whatever happens to the address given (new, known, already registered), the page says the
    same thing: the e-mail tells the rest, to the address's owner only."""

    template_name = "meetings/registration/public_register.html"
    form_class = PublicRegistrationForm
    success_message = gettext_lazy(
        "Thank you. Your registration request is recorded: a message sent to your e-mail address "
        "tells you whether you have a place or are on the waiting list."
    )

    def get_permission_object(self):
        meeting = super().get_permission_object()
        if not is_public_meeting.test(self.request.user, meeting):
            raise Http404
        return meeting

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"meeting": self.meeting}

    def save(self, form):
        if form.is_robot:
            return None  # told it worked, so that it does not try again
        return services.public_register(meeting=self.meeting, **form.service_fields())

    def get_success_url(self) -> str:
        return self.meeting.get_absolute_url()


class CancelOwnRegistrationView(MeetingMixin, View):
    permission_required = "meetings.register"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = registration_of(request.user, self.meeting)
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            messages.error(request, _("You are not registered for this meeting."))
        else:
            try:
                services.cancel_registration(registration=registration, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your registration is cancelled."))
        return redirect(self.meeting.get_absolute_url())


class CancelByTokenView(TemplateView):
    """From the link of a confirmation e-mail: whoever holds the link may cancel, no account
    needed. GET only asks for confirmation, so that mail scanners following links cancel
    nothing."""

    template_name = "meetings/registration/cancel_by_token.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.select_related("meeting__space", "person"),
            token=kwargs["token"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        meeting = self.registration.meeting
        return super().get_context_data(
            registration=self.registration,
            meeting=meeting,
            too_late=meeting.is_cancelled or meeting.starts_at <= timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.cancel_registration(registration=self.registration, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
        return redirect(request.path)


class RegistrationListView(MeetingMixin, HtmxPartialMixin, FilterView):
    """The secretariat's list: counts, filters, exports, cancelling, adding someone."""

    permission_required = "meetings.manage_meeting"
    template_name = "meetings/registration/registrations.html"
    filterset_class = RegistrationFilter
    context_object_name = "registrations"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return registrations_list(self.meeting)

    def get_template_names(self):
        # The person search of the add form picks its fragment out of the whole page.
        if self.request.htmx and self.request.htmx.target == "person-choice":
            return [self.template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=registration_counts(self.meeting),
            add_form=kwargs.pop("add_form", None) or RegistrationAddForm(meeting=self.meeting),
            picker=people_picker(self.request.GET, query_name="find"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = RegistrationAddForm(request.POST, meeting=self.meeting)
        if form.is_valid():
            try:
                registration = services.register(
                    meeting=self.meeting,
                    person=form.cleaned_data["person"],
                    mode=form.cleaned_data["mode"],
                    source=RegistrationSource.SECRETARIAT,
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _added_message(registration))
                return redirect(request.get_full_path())
        # The list below stays as filtered in the address.
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.qs if self.filterset.is_valid() else self.get_queryset()
        return self.render_to_response(
            self.get_context_data(
                filter=self.filterset, object_list=self.object_list, add_form=form
            )
        )


def _added_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("%(person)s is on the waiting list: the room is full.") % {
            "person": registration.person
        }
    return _("%(person)s is registered.") % {"person": registration.person}


EXPORT_HEADERS = [
    gettext_lazy("Last name"),
    gettext_lazy("First name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Organisation"),
    gettext_lazy("Country of residence"),
    gettext_lazy("Gender"),
    gettext_lazy("Taking part"),
    gettext_lazy("Status"),
    gettext_lazy("Registered"),
    gettext_lazy("Registered on"),
    gettext_lazy("Promoted from the waiting list on"),
    gettext_lazy("Cancelled on"),
]


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export_rows(registrations):
    for registration in registrations.iterator(chunk_size=2000):
        person = registration.person
        yield [
            person.last_name,
            person.first_name,
            person.email,
            person.phone,
            person.organisation.name if person.organisation else "",
            person.country_of_residence.name if person.country_of_residence else "",
            person.get_gender_display(),
            registration.get_mode_display(),
            registration.get_status_display(),
            registration.get_source_display(),
            _moment(registration.registered_at),
            _moment(registration.promoted_at),
            _moment(registration.cancelled_at),
        ]


class RegistrationExportView(MeetingMixin, View):
    """The list as filtered on screen, every page of it."""

    permission_required = "meetings.manage_meeting"

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("Unknown export format."))
        filterset = RegistrationFilter(request.GET, queryset=registrations_list(self.meeting))
        if not filterset.is_valid():
            return HttpResponseBadRequest(_("Invalid filters."))
        registrations = filterset.qs
        services.registrations_export_record(
            actor=request.user,
            meeting=self.meeting,
            rows=registrations.count(),
            file_format=file_format,
        )
        return tabular_response(
            headers=EXPORT_HEADERS,
            rows=export_rows(registrations),
            filename=f"inscriptions-{self.meeting.starts_at:%Y-%m-%d}-{self.meeting.pk}",
            file_format=file_format,
        )


class RegistrationCancelForView(MeetingMixin, View):
    """The secretariat cancels someone's registration on their behalf (they are told)."""

    permission_required = "meetings.manage_meeting"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            self.meeting.registrations.select_related("person"), pk=kwargs["registration_pk"]
        )
        try:
            services.cancel_registration(registration=registration, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The registration of %(person)s is cancelled.") % {"person": registration.person},
            )
        return redirect("meetings:registrations", self.space.slug, self.meeting.pk)
