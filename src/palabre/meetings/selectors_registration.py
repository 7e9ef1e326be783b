"""Reading invitations and registrations: counts, waiting list, lists for the secretariat.

Capacity counts the places in the room only: people taking part online are never limited, so
only in-person registrations fill a meeting and go to the waiting list.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from palabre.directory.models import Person
from palabre.spaces.models import Membership
from palabre.spaces.selectors import colleges_with_counts

from .models import (
    Invitation,
    Meeting,
    ParticipationMode,
    Registration,
    RegistrationStatus,
)

IN_PERSON_PLACE = Q(status=RegistrationStatus.REGISTERED, mode=ParticipationMode.IN_PERSON)


@dataclass(frozen=True)
class RegistrationCounts:
    in_person: int
    online: int
    waitlisted: int
    cancelled: int
    capacity: int | None

    @property
    def registered(self) -> int:
        return self.in_person + self.online

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.in_person, 0)


def registration_counts(meeting: Meeting) -> RegistrationCounts:
    """Every count of the registrations page and panel, in one query."""
    registered = Q(status=RegistrationStatus.REGISTERED)
    counts = meeting.registrations.aggregate(
        in_person=Count("pk", filter=IN_PERSON_PLACE),
        online=Count("pk", filter=registered & Q(mode=ParticipationMode.ONLINE)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
    )
    # As selectors_meetings.places_left: an online-only meeting counts no places.
    capacity = meeting.capacity if meeting.offers_in_person else None
    return RegistrationCounts(capacity=capacity, **counts)


def registration_of(user, meeting: Meeting) -> Registration | None:
    """The signed-in user's registration to the meeting, cancelled or not; one query."""
    if not user.is_authenticated:
        return None
    return meeting.registrations.filter(person__user=user).first()


def waitlist_position(registration: Registration) -> int:
    """1 for the first in line."""
    ahead = registration.meeting.registrations.filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk),
        status=RegistrationStatus.WAITLISTED,
    )
    return ahead.count() + 1


def waiting_position(registration: Registration | None) -> int | None:
    """The position of a waiting registration; None for any other (or none)."""
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    return waitlist_position(registration)


def waitlist(meeting: Meeting) -> QuerySet[Registration]:
    """The waiting list in order: first come, first promoted."""
    return meeting.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "registered_at", "pk"
    )


def registrations_list(meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.select_related(
        "person", "person__organisation", "person__country_of_residence"
    ).order_by("person__last_name", "person__first_name", "pk")


def invitations_list(meeting: Meeting) -> QuerySet[Invitation]:
    """Invitations with each person's registration status (empty when they have not answered)."""
    status = Registration.objects.filter(meeting=meeting, person=OuterRef("person")).values(
        "status"
    )[:1]
    return (
        meeting.invitations.select_related("person", "person__organisation")
        .annotate(registration_status=Subquery(status))
        .order_by("person__last_name", "person__first_name", "pk")
    )


def invited_without_address(meeting: Meeting) -> QuerySet[Person]:
    """Invited people no e-mail can reach, whose invitation is printed."""
    no_address = Q(email="") & (Q(user__isnull=True) | Q(user__is_active=False))
    return (
        Person.objects.filter(no_address, invitations__meeting=meeting)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def current_members_of(meeting: Meeting, colleges=None) -> QuerySet[Person]:
    """Active people with a current membership of the meeting's space (of these colleges)."""
    memberships = Membership.objects.current().filter(space_id=meeting.space_id)
    if colleges is not None:
        memberships = memberships.filter(college__in=colleges)
    return Person.objects.active().filter(pk__in=memberships.values("person_id"))


def invitable_colleges(meeting: Meeting):
    """The space's colleges with their current member counts, for the invitation form."""
    return colleges_with_counts(meeting.space).order_by("order", "name")
