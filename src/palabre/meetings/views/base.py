"""What every meeting page starts with: the space and the meeting from the address, hidden (404)
when the user may not see them, then the page's own permission rule."""

from functools import cached_property

from palabre.core.permissions import PermissionRequiredMixin

from ..selectors import meeting_for


class MeetingMixin(PermissionRequiredMixin):
    permission_required = "meetings.view_meeting"

    @cached_property
    def meeting(self):
        return meeting_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.meeting.space

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, space=self.space, **kwargs)
