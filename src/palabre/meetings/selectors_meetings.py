"""Reading meetings for lists, calendars and feeds: always the ones the user may see."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import (
    DEFAULT_TIME_ZONE,
    Meeting,
    MeetingStatus,
    Minutes,
    ParticipationMode,
    RegistrationStatus,
)
from .selectors import meetings_visible_to

FEED_HISTORY = datetime.timedelta(days=183)


def meeting_list(user, space=None) -> QuerySet[Meeting]:
    """Meetings the user may see (of one space, or all), marked when their minutes are out."""
    meetings = meetings_visible_to(user).annotate(
        minutes_published=Exists(
            Minutes.objects.filter(meeting=OuterRef("pk"), published_at__isnull=False)
        )
    )
    return meetings.filter(space=space) if space is not None else meetings


def upcoming_meetings(user, space, limit: int = 3) -> list[Meeting]:
    return list(
        meeting_list(user, space)
        .filter(ends_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED)
        .order_by("starts_at", "pk")[:limit]
    )


def feed_meetings(user, space) -> QuerySet[Meeting]:
    """A calendar feed: half a year back, so that a subscription shows recent meetings too."""
    return (
        meetings_visible_to(user)
        .filter(space=space, starts_at__gte=timezone.now() - FEED_HISTORY)
        .order_by("starts_at", "pk")
    )


def usual_time_zone(space) -> str:
    """The zone of the space's latest meeting: where it usually meets."""
    zone = (
        Meeting.objects.filter(space=space)
        .order_by("-starts_at")
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone or DEFAULT_TIME_ZONE


def places_left(meeting: Meeting) -> int | None:
    """In-person places still free; None when nobody counts them (no capacity, online only)."""
    if meeting.capacity is None or not meeting.offers_in_person:
        return None
    taken = meeting.registrations.aggregate(
        taken=Count(
            "pk",
            filter=Q(status=RegistrationStatus.REGISTERED, mode=ParticipationMode.IN_PERSON),
        )
    )["taken"]
    return max(meeting.capacity - taken, 0)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list = field(default_factory=list)


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[Day]]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=31)).replace(day=1)

    @property
    def days_with_meetings(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month and day.meetings]


def month_calendar(meetings: QuerySet[Meeting], first: datetime.date) -> Month:
    """The weeks (Monday first) of the month of `first`, each day with the meetings held on it
    in the viewer's time zone; a meeting over several days appears on each of them."""
    zone = timezone.get_current_timezone()
    dates = list(
        calendar.Calendar(firstweekday=calendar.MONDAY).itermonthdates(first.year, first.month)
    )
    grid_start = datetime.datetime.combine(dates[0], datetime.time(), tzinfo=zone)
    grid_end = datetime.datetime.combine(
        dates[-1] + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    today = timezone.localdate()
    days = {day: Day(day, day.month == first.month, day == today) for day in dates}
    shown = meetings.filter(starts_at__lt=grid_end, ends_at__gt=grid_start).order_by(
        "starts_at", "pk"
    )
    for meeting in shown:
        day = max(timezone.localdate(meeting.starts_at, zone), dates[0])
        # A meeting ending at midnight does not spill onto the next day.
        last = timezone.localdate(meeting.ends_at - datetime.timedelta(microseconds=1), zone)
        while day <= min(last, dates[-1]):
            days[day].meetings.append(meeting)
            day += datetime.timedelta(days=1)
    weeks = [[days[day] for day in dates[start : start + 7]] for start in range(0, len(dates), 7)]
    return Month(first=first, weeks=weeks)
