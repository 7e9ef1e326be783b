"""What the meeting page shows about registration, computed for the viewer in a few queries."""

from dataclasses import dataclass

from django import template

from ..models import Meeting, Registration, RegistrationStatus
from ..rules import is_public_meeting
from ..selectors_registration import (
    RegistrationCounts,
    registration_counts,
    registration_of,
    waiting_position,
)
from ..services.registration import registration_closed_reason as closed_reason_of

register = template.Library()


@dataclass
class RegistrationPanel:
    registration: Registration | None  # the viewer's, cancelled or not
    position: int | None  # on the waiting list
    counts: RegistrationCounts
    closed_reason: str  # why nobody can register now
    can_register: bool  # signed in, allowed, not registered yet
    public_form: bool  # an anonymous visitor may use the public form
    can_manage: bool

    @property
    def is_active(self) -> bool:
        return self.registration is not None and self.registration.status != (
            RegistrationStatus.CANCELLED
        )


@register.simple_tag
def registration_panel(meeting: Meeting, user) -> RegistrationPanel:
    """`{% registration_panel meeting user as panel %}`."""
    registration = registration_of(user, meeting)
    closed_reason = closed_reason_of(meeting)
    panel = RegistrationPanel(
        registration=registration,
        position=waiting_position(registration),
        counts=registration_counts(meeting),
        closed_reason=closed_reason,
        can_register=False,
        public_form=False,
        can_manage=user.has_perm("meetings.manage_meeting", meeting),
    )
    if not closed_reason and not panel.is_active:
        if user.is_authenticated:
            panel.can_register = user.has_perm("meetings.register", meeting)
        else:
            panel.public_form = is_public_meeting.test(user, meeting)
    return panel


@register.simple_tag
def registration_closed_reason(meeting: Meeting) -> str:
    return closed_reason_of(meeting)
