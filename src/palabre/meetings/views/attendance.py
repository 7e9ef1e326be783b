"""Attendance pages: check-in at the door (phone first), walk-ins, online participants, the list
with its figures, its export, the printable sign-in sheet and the import of a typed-back one."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, add_service_errors
from palabre.directory.models import Person
from palabre.documents.services import DocumentFormat, document_response
from palabre.imports.forms import ImportFileForm
from palabre.imports.templates_xlsx import template_workbook
from palabre.imports.views import XLSX_TYPE
from palabre.jobs.services import job_start

from ..attendance_import import ATTENDANCE_COLUMNS
from ..forms.attendance import (
    AttendanceFilter,
    AttendanceRemoveForm,
    CheckInForm,
    CheckInSearchForm,
    OnlineAttendanceForm,
    WalkInForm,
    default_mode,
)
from ..models import Attendance, ParticipationMode
from ..selectors_attendance import (
    CHECK_IN_LIMIT,
    SEARCH_MIN_LENGTH,
    attendance_breakdown,
    attendance_counts,
    attendances_of,
    check_in_people,
    check_in_row,
    expected_count,
    online_registrants,
    removed_attendances_of,
    sign_in_sheet_people,
)
from ..services import attendance as services
from .base import MeetingMixin

TAKE_ATTENDANCE = "meetings.take_attendance"


def _closed_reason(meeting) -> str:
    try:
        services.ensure_attendance_open(meeting)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


class CheckInMixin(MeetingMixin):
    permission_required = TAKE_ATTENDANCE

    def check_in_url(self, query: str = "") -> str:
        url = reverse("meetings:check_in", args=[self.space.slug, self.meeting.pk])
        return f"{url}?{urlencode({'q': query})}" if query else url

    def row_context(self) -> dict:
        """What a person's row needs, on the page and in the answer to a tap."""
        return {
            "counts": attendance_counts(self.meeting),
            "expected": expected_count(self.meeting),
            "default_mode": default_mode(self.meeting),
            "hybrid": self.meeting.offers_in_person and self.meeting.offers_online,
            "closed_reason": _closed_reason(self.meeting),
        }


class CheckInView(CheckInMixin, HtmxPartialMixin, TemplateView):
    """The door: a search as you type, the expected people not yet present first, one tap each."""

    template_name = "meetings/attendance/check_in.html"

    def get_context_data(self, **kwargs):
        search = CheckInSearchForm(self.request.GET)
        query = search.cleaned_data["q"].strip() if search.is_valid() else ""
        people = list(check_in_people(self.meeting, query)[: CHECK_IN_LIMIT + 1])
        context = {
            "search_form": search,
            "query": query,
            "searching": len(query) >= SEARCH_MIN_LENGTH,
            "people": people[:CHECK_IN_LIMIT],
            "more_people": len(people) > CHECK_IN_LIMIT,
            "walk_in_form": kwargs.pop("walk_in_form", None) or WalkInForm(meeting=self.meeting),
            "online_people": online_registrants(self.meeting) if self.meeting.offers_online else [],
            **self.row_context(),
        }
        return super().get_context_data(**context, **kwargs)


class CheckInPersonView(CheckInMixin, View):
    """The tap on "Present": answers HTMX with the row (and the counter), else goes back."""

    def post(self, request, *args, **kwargs):
        person = get_object_or_404(Person.objects.active(), pk=kwargs["person"])
        form = CheckInForm(request.POST)
        form.is_valid()
        mode = form.cleaned_data.get("mode") or default_mode(self.meeting)
        query = form.cleaned_data.get("q", "")
        error = ""
        try:
            attendance = services.check_in(
                meeting=self.meeting, person=person, mode=mode, actor=request.user
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        if request.htmx:
            context = {
                "meeting": self.meeting,
                "space": self.space,
                "person": check_in_row(self.meeting, person.pk),
                "row_error": error,
                "query": query,
                "oob": True,
                **self.row_context(),
            }
            return TemplateResponse(
                request, "meetings/attendance/check_in.html#row-response", context
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _present_message(attendance))
        return redirect(self.check_in_url(query))


def _present_message(attendance: Attendance) -> str:
    values = {
        "name": attendance.person.full_name,
        "time": date_format(timezone.localtime(attendance.checked_in_at), "H:i"),
    }
    if attendance.mode == ParticipationMode.ONLINE:
        return _("%(name)s is present online (%(time)s).") % values
    return _("%(name)s is present (%(time)s).") % values


class WalkInView(CheckInView):
    """Someone who was not expected: added (or found) and checked in from the door's form."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = WalkInForm(request.POST, meeting=self.meeting)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            mode = fields.pop("mode")
            try:
                attendance = services.walk_in(
                    meeting=self.meeting, actor=request.user, mode=mode, **fields
                )
            except ValidationError as refusal:
                add_service_errors(form, refusal)
            else:
                messages.success(request, _present_message(attendance))
                return redirect(self.check_in_url())
        return self.render_to_response(self.get_context_data(walk_in_form=form))


class OnlineAttendanceView(CheckInMixin, View):
    """Ticks the people who joined the call, in one go."""

    def post(self, request, *args, **kwargs):
        form = OnlineAttendanceForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Tick at least one person who took part online."))
            return redirect(self.check_in_url())
        try:
            added = services.record_online(
                meeting=self.meeting, people=form.cleaned_data["people"], actor=request.user
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s person marked present online.",
                    "%(count)s people marked present online.",
                    len(added),
                )
                % {"count": len(added)},
            )
        return redirect(self.check_in_url())


class AttendanceListView(MeetingMixin, HtmxPartialMixin, FilterView):
    """Who was there, with the figures; the secretariat also exports and removes lines."""

    permission_required = "meetings.view_participants"
    template_name = "meetings/attendance/list.html"
    filterset_class = AttendanceFilter
    context_object_name = "attendances"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return attendances_of(self.meeting)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "meeting": self.meeting}

    def get_context_data(self, **kwargs):
        can_manage = self.request.user.has_perm(TAKE_ATTENDANCE, self.meeting)
        return super().get_context_data(
            breakdown=attendance_breakdown(self.meeting),
            can_manage=can_manage,
            removed=removed_attendances_of(self.meeting) if can_manage else [],
            remove_form=AttendanceRemoveForm(),
            filters_used=any(self.request.GET.get(name) for name in AttendanceFilter.base_filters),
            **kwargs,
        )


EXPORT_HEADERS = [
    gettext_lazy("No."),
    gettext_lazy("Last name"),
    gettext_lazy("First name"),
    gettext_lazy("Gender"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Organisation"),
    gettext_lazy("College"),
    gettext_lazy("Country of residence"),
    gettext_lazy("Diaspora"),
    gettext_lazy("Taking part"),
    gettext_lazy("Recorded"),
    gettext_lazy("Checked in on"),
]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else str(_("yes") if value else _("no"))


def export_rows(attendances):
    for number, attendance in enumerate(attendances, start=1):
        person = attendance.person
        yield [
            number,
            person.last_name,
            person.first_name,
            person.get_gender_display(),
            person.email,
            person.phone,
            person.organisation.name if person.organisation else "",
            attendance.college_name or "",
            person.country_of_residence.name if person.country_of_residence else "",
            _yes_no(attendance.diaspora),
            attendance.get_mode_display(),
            attendance.get_source_display(),
            date_format(timezone.localtime(attendance.checked_in_at), "Y-m-d H:i"),
        ]


class AttendanceExportView(MeetingMixin, View):
    """The list as filtered on screen, every page of it; recorded, since personal data leaves."""

    permission_required = TAKE_ATTENDANCE

    def get(self, request, *args, **kwargs):
        file_format = kwargs["fmt"]
        if file_format not in FORMATS:
            raise Http404
        filterset = AttendanceFilter(
            request.GET, queryset=attendances_of(self.meeting), meeting=self.meeting
        )
        attendances = list(filterset.qs)
        services.attendance_export_record(
            actor=request.user, meeting=self.meeting, rows=len(attendances), file_format=file_format
        )
        return tabular_response(
            headers=EXPORT_HEADERS,
            rows=export_rows(attendances),
            filename=f"presences-{self.meeting.pk}-{timezone.localdate():%Y-%m-%d}",
            file_format=file_format,
        )


class AttendanceRemoveView(MeetingMixin, View):
    permission_required = TAKE_ATTENDANCE

    def post(self, request, *args, **kwargs):
        attendance = get_object_or_404(
            Attendance.objects.select_related("person"),
            meeting=self.meeting,
            pk=kwargs["attendance"],
        )
        form = AttendanceRemoveForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(
                    [message for messages_ in form.errors.values() for message in messages_]
                )
            services.attendance_remove(
                attendance=attendance, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(
                request,
                _("%(name)s was removed from the attendance list.")
                % {"name": attendance.person.full_name},
            )
        return redirect("meetings:attendance", self.space.slug, self.meeting.pk)


class AttendanceImportView(MeetingMixin, FormView):
    permission_required = TAKE_ATTENDANCE
    form_class = ImportFileForm
    template_name = "meetings/attendance/import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=list(ATTENDANCE_COLUMNS.columns.values()),
            closed_reason=_closed_reason(self.meeting),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        filename = Path(upload.name).name
        job = job_start(
            name="meetings.import_attendance",
            user=self.request.user,
            params={
                "meeting_id": self.meeting.pk,
                "filename": filename,
                "dry_run": form.cleaned_data["dry_run"],
            },
            label=_("Import of a sign-in sheet: %(file)s") % {"file": filename[:150]},
            input_file=upload,
        )
        messages.info(self.request, _("The file has been received; here is its import."))
        return redirect(job.get_absolute_url())


class AttendanceTemplateView(MeetingMixin, View):
    permission_required = TAKE_ATTENDANCE

    def get(self, request, *args, **kwargs):
        response = HttpResponse(template_workbook(ATTENDANCE_COLUMNS), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="modele-feuille-emargement.xlsx"'
        return response


SIGN_IN_SHEET_BLANK_LINES = 15


class SignInSheetView(MeetingMixin, View):
    """The printable sheet for places without connectivity, issued and archived."""

    permission_required = TAKE_ATTENDANCE

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in DocumentFormat.values:
            raise Http404
        meeting = self.meeting
        people = list(sign_in_sheet_people(meeting))
        title = _("Sign-in sheet — %(meeting)s") % {"meeting": meeting.title}
        return document_response(
            subject=meeting,
            kind="sign_in_sheet",
            title=title,
            template_name="meetings/documents/attendance_sign_in_sheet.html",
            context={
                "meeting": meeting,
                "space": meeting.space,
                "people": people,
                "blank_lines": range(len(people) + 1, len(people) + 1 + SIGN_IN_SHEET_BLANK_LINES),
            },
            fmt=kwargs["fmt"],
            key=_sheet_key(meeting, people),
            space=meeting.space,
            issued_by=request.user,
            filename=f"feuille-emargement-{meeting.pk}",
        )


def _sheet_key(meeting, people) -> str:
    """One archived sheet per printed content: a new registration or a moved meeting gives a new
    sheet, printing it twice gives the same file."""
    printed = [
        get_language(),
        meeting.title,
        meeting.starts_at.isoformat(),
        meeting.ends_at.isoformat(),
        meeting.time_zone,
        meeting.venue,
        meeting.city,
        *(f"{p.pk}|{p.full_name}|{p.organisation}|{p.gender}|{p.diaspora}" for p in people),
    ]
    return hashlib.sha256("\n".join(printed).encode()).hexdigest()[:40]
