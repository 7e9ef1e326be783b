"""Reading minutes: the document with its outcomes and attendees, the people to tell, and the
action items a space follows up."""

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from palabre.accounts.models import User
from palabre.directory.models import Person
from palabre.spaces.models import Membership, Role, Space

from .models import ActionStatus, Attendance, Meeting, Minutes, Outcome, OutcomeKind
from .selectors import meetings_visible_to
from .selectors_attendance import attendance_breakdown, attendances_of

# Still to be done: the statuses an overdue action item is late in.
PENDING_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


def minutes_may_start(meeting: Meeting) -> bool:
    """Minutes record what happened: not before the meeting has begun, nor for a cancelled one."""
    return not meeting.is_cancelled and meeting.starts_at <= timezone.now()


def minutes_of(meeting: Meeting) -> Minutes | None:
    minutes = Minutes.objects.select_related("approved_by").filter(meeting=meeting).first()
    if minutes is not None:
        minutes.meeting = meeting  # already loaded with its space by the page
    return minutes


def outcomes_of(minutes: Minutes) -> QuerySet[Outcome]:
    return with_lateness(
        minutes.outcomes.select_related("owner", "owner__organisation", "agenda_item")
    )


def with_lateness(outcomes: QuerySet[Outcome]) -> QuerySet[Outcome]:
    """`is_late`: an action item past its due date and not done (nor cancelled)."""
    late = Q(
        kind=OutcomeKind.ACTION_ITEM,
        due_date__lt=timezone.localdate(),
        status__in=PENDING_STATUSES,
    )
    return outcomes.annotate(is_late=ExpressionWrapper(late, output_field=BooleanField()))


def owner_choices(meeting: Meeting, keep: Person | None = None) -> QuerySet[Person]:
    """Who may be responsible for an action item: the attendees and the space's members (and
    the current owner, who may have left since)."""
    attendees = Attendance.objects.present().filter(meeting=meeting).values("person_id")
    members = Membership.objects.current().filter(space_id=meeting.space_id).values("person_id")
    chosen = Q(pk__in=attendees) | Q(pk__in=members)
    if keep is not None:
        chosen |= Q(pk=keep.pk)
    return (
        Person.objects.filter(chosen)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def _users_with(memberships: QuerySet[Membership]) -> QuerySet[User]:
    return User.objects.filter(is_active=True, person__in=memberships.values("person_id")).order_by(
        "pk"
    )


def reviewers_of(space: Space) -> QuerySet[User]:
    """The space's current members with an account: everyone may comment on a draft."""
    return _users_with(Membership.objects.current().filter(space=space))


def secretariat_users_of(space: Space) -> QuerySet[User]:
    return _users_with(Membership.objects.current().filter(space=space, role=Role.SECRETARIAT))


def minutes_recipients_for_publication(minutes: Minutes) -> list[tuple[Person, list[Outcome]]]:
    """(person, their action items) for every attendee and every owner of an action item."""
    recipients: dict[int, tuple[Person, list[Outcome]]] = {}
    attendances = Attendance.objects.present().filter(meeting_id=minutes.meeting_id)
    for attendance in attendances.select_related("person__user"):
        recipients[attendance.person_id] = (attendance.person, [])
    items = minutes.outcomes.filter(
        kind=OutcomeKind.ACTION_ITEM, owner__isnull=False
    ).select_related("owner__user")
    for item in items:
        recipients.setdefault(item.owner_id, (item.owner, []))[1].append(item)
    return list(recipients.values())


def action_items_of(space: Space, user) -> QuerySet[Outcome]:
    """Every action item of the minutes of the space's meetings this user may see, the soonest
    due first (those without a date last)."""
    meetings = meetings_visible_to(user).filter(space=space).values("pk")
    items = Outcome.objects.filter(
        kind=OutcomeKind.ACTION_ITEM, minutes__meeting__in=meetings
    ).select_related("owner", "owner__organisation", "agenda_item", "minutes__meeting__space")
    return with_lateness(items).order_by(
        F("due_date").asc(nulls_last=True), "minutes__meeting__starts_at", "order", "pk"
    )


def minutes_content(minutes: Minutes, *, with_attendees: bool) -> dict:
    """What the minutes page and the minutes document both show; the names of the attendees
    only for those who may see who took part."""
    meeting = minutes.meeting
    outcomes = list(outcomes_of(minutes))
    return {
        "items": list(meeting.agenda_items.all()),
        "outcome_groups": [
            (kind, label, [outcome for outcome in outcomes if outcome.kind == kind])
            for kind, label in OutcomeKind.choices
        ],
        "attendees": list(attendances_of(meeting)) if with_attendees else None,
        "attendance": attendance_breakdown(meeting),
    }


def minutes_document(minutes: Minutes, *, with_attendees: bool) -> dict:
    """What the documents app needs to render or issue the minutes (all but format and issuer).
    A copy without the names is a different document, archived under its own key."""
    meeting = minutes.meeting
    return {
        "subject": minutes,
        "kind": "minutes",
        "title": str(minutes),
        "template_name": "meetings/documents/minutes.html",
        "context": {
            "meeting": meeting,
            "minutes": minutes,
            **minutes_content(minutes, with_attendees=with_attendees),
        },
        "version": minutes.version,
        "key": "" if with_attendees else "without-names",
        "space": meeting.space,
        "approved_by": minutes.approved_by,
        "approved_at": minutes.approved_at,
    }
