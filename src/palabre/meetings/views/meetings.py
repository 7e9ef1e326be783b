"""Meeting lists, month calendars, the meeting page, scheduling and the iCalendar exports."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.spaces.mixins import SpacePageMixin
from palabre.spaces.selectors import spaces_visible_to

from ..forms.meetings import MeetingCancelForm, MeetingFilter, MeetingForm
from ..ical import calendar_bytes
from ..models import RegistrationStatus
from ..selectors_meetings import (
    feed_meetings,
    meeting_list,
    month_calendar,
    usual_time_zone,
)
from ..services import meetings as services
from .base import MeetingMixin


class SpaceMeetingsMixin(SpacePageMixin):
    """Pages about a space's meetings: the space is a 404 to those who may not see it."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add_meeting=self.request.user.has_perm("meetings.add_meeting", self.space),
            **kwargs,
        )


def ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class MeetingListView(HtmxPartialMixin, FilterView):
    """Every meeting the visitor may see, across spaces; the space's own list narrows it."""

    filterset_class = MeetingFilter
    template_name = "meetings/meetings/list.html"
    context_object_name = "meetings"
    paginate_by = settings.PAGE_SIZE
    space = None

    def get_queryset(self):
        return meeting_list(self.request.user, self.space)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.space is None:
            kwargs["spaces"] = (
                spaces_visible_to(self.request.user).prefetch_related(None).order_by("name")
            )
        return kwargs

    def get_context_data(self, **kwargs):
        folded = {"kind", "mode", "year", "month", "space"}
        used = any(self.request.GET.get(name) for name in folded)
        return super().get_context_data(more_filters_used=used, **kwargs)


class SpaceMeetingListView(SpaceMeetingsMixin, MeetingListView):
    pass


class MeetingCalendarView(TemplateView):
    """A month of meetings (?mois=2026-12), in the viewer's time zone."""

    template_name = "meetings/meetings/calendar.html"
    space = None

    def first_day(self) -> datetime.date:
        try:
            year, month = (int(part) for part in self.request.GET.get("mois", "").split("-"))
            return datetime.date(year, month, 1)
        except ValueError:
            return timezone.localdate().replace(day=1)

    def get_context_data(self, **kwargs):
        month = month_calendar(meeting_list(self.request.user, self.space), self.first_day())
        return super().get_context_data(month=month, **kwargs)


class SpaceMeetingCalendarView(SpaceMeetingsMixin, MeetingCalendarView):
    pass


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "meetings/detail.html"

    def get_context_data(self, **kwargs):
        user, meeting = self.request.user, self.meeting
        return super().get_context_data(
            can_manage=user.has_perm("meetings.manage_meeting", meeting),
            can_view_online_link=meeting.offers_online
            and user.has_perm("meetings.view_online_link", meeting),
            learning_objectives=[
                line.strip() for line in meeting.learning_objectives.splitlines() if line.strip()
            ],
            **kwargs,
        )


class MeetingCreateView(SpaceMeetingsMixin, ServiceFormMixin, FormView):
    permission_required = "meetings.add_meeting"
    form_class = MeetingForm
    template_name = "meetings/meetings/form.html"
    success_message = _("The meeting has been scheduled.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usual_time_zone": usual_time_zone(self.space)}

    def save(self, form):
        return services.meeting_create(
            space=self.space, actor=self.request.user, **form.meeting_fields()
        )


class CancelledMeetingMixin:
    """A cancelled meeting stays as it was: its forms send back to its page."""

    def refused(self):
        messages.error(self.request, _("This meeting is cancelled: it can no longer be changed."))
        return redirect(self.meeting.get_absolute_url())

    def get(self, request, *args, **kwargs):
        return (
            self.refused() if self.meeting.is_cancelled else super().get(request, *args, **kwargs)
        )

    def post(self, request, *args, **kwargs):
        if self.meeting.is_cancelled:
            return self.refused()
        return super().post(request, *args, **kwargs)


class MeetingUpdateView(CancelledMeetingMixin, MeetingMixin, ServiceFormMixin, FormView):
    permission_required = "meetings.manage_meeting"
    form_class = MeetingForm
    template_name = "meetings/meetings/form.html"
    success_message = _("The meeting has been updated.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def save(self, form):
        return services.meeting_update(
            meeting=self.meeting, actor=self.request.user, **form.meeting_fields()
        )


class MeetingCancelView(CancelledMeetingMixin, MeetingMixin, ServiceFormMixin, FormView):
    permission_required = "meetings.manage_meeting"
    form_class = MeetingCancelForm
    template_name = "meetings/meetings/cancel.html"
    success_message = _("The meeting has been cancelled; the registered people have been told.")

    def get_context_data(self, **kwargs):
        to_tell = self.meeting.registrations.filter(
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED]
        ).count()
        return super().get_context_data(to_tell=to_tell, **kwargs)

    def save(self, form):
        return services.meeting_cancel(
            meeting=self.meeting, actor=self.request.user, reason=form.cleaned_data["reason"]
        )


class MeetingIcsView(MeetingMixin, View):
    def get(self, request, *args, **kwargs):
        content = calendar_bytes([self.meeting], name=self.meeting.title)
        return ics_response(content, f"reunion-{self.meeting.pk}.ics", attachment=True)


class SpaceFeedView(SpaceMeetingsMixin, View):
    """The space's calendar to subscribe to; calendar apps come without a session, so they get
    the public meetings."""

    def get(self, request, *args, **kwargs):
        content = calendar_bytes(feed_meetings(request.user, self.space), name=self.space.name)
        return ics_response(content, f"{self.space.slug}.ics", attachment=False)
