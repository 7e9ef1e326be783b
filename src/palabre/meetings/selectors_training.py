"""Reading a training: who took part, their scores before and after, what they thought of it."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils.text import capfirst

from palabre.directory.models import Person
from palabre.spaces.models import Membership, Role

from .models import (
    AgendaItemKind,
    Attendance,
    Meeting,
    Registration,
    RegistrationStatus,
    SatisfactionResponse,
    TrainingAssessment,
)

RATINGS = ["overall", "content", "facilitation", "organisation"]
CENT = Decimal("0.01")


def learning_objectives(meeting: Meeting) -> list[str]:
    return [line.strip() for line in meeting.learning_objectives.splitlines() if line.strip()]


def participants_of(meeting: Meeting, *, with_scores: bool = False) -> QuerySet[Person]:
    """Present attendees and registered people, each once, annotated with `attended`;
    `with_scores` adds anyone scored, e.g. before their registration was cancelled."""
    attended = Exists(Attendance.objects.present().filter(meeting=meeting, person=OuterRef("pk")))
    taking_part = Exists(
        Registration.objects.filter(
            meeting=meeting, person=OuterRef("pk"), status=RegistrationStatus.REGISTERED
        )
    )
    if with_scores:
        taking_part |= Exists(
            TrainingAssessment.objects.filter(meeting=meeting, person=OuterRef("pk"))
        )
    return (
        Person.objects.annotate(attended=attended)
        .filter(Q(attended=True) | Q(taking_part))
        .order_by("last_name", "first_name", "pk")
    )


def assessments_by_person(meeting: Meeting) -> dict[int, TrainingAssessment]:
    return {a.person_id: a for a in TrainingAssessment.objects.filter(meeting=meeting)}


def has_attended(meeting: Meeting, person: Person | None) -> bool:
    return (
        person is not None
        and Attendance.objects.present().filter(meeting=meeting, person=person).exists()
    )


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ParticipantResult:
    person: Person
    attended: bool
    pre: Decimal | None
    post: Decimal | None

    @property
    def gain(self) -> Decimal | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre


@dataclass(frozen=True)
class Rating:
    name: str
    label: str
    average: float | None


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    ratings: list[Rating]
    recommend_percent: int | None
    comments: list[str]


@dataclass(frozen=True)
class TrainingResults:
    rows: list[ParticipantResult]
    pre_average: Decimal | None
    post_average: Decimal | None
    gain_average: Decimal | None
    complete: int  # people with both scores, over whom the averages are taken
    attendees: int
    satisfaction: Satisfaction

    @property
    def participants(self) -> int:
        return len(self.rows)


def training_results(meeting: Meeting) -> TrainingResults:
    """Scores per participant and on average, and the survey's summary, in four queries.

    The averages count only people with both scores: a gain needs a before and an after."""
    assessments = assessments_by_person(meeting)
    rows = [
        ParticipantResult(
            person=person,
            attended=person.attended,
            pre=getattr(assessments.get(person.pk), "pre_score", None),
            post=getattr(assessments.get(person.pk), "post_score", None),
        )
        for person in participants_of(meeting, with_scores=True)
    ]
    complete = [row for row in rows if row.gain is not None]
    return TrainingResults(
        rows=rows,
        pre_average=_mean([row.pre for row in complete]),
        post_average=_mean([row.post for row in complete]),
        gain_average=_mean([row.gain for row in complete]),
        complete=len(complete),
        attendees=sum(row.attended for row in rows),
        satisfaction=satisfaction_summary(meeting),
    )


def satisfaction_summary(meeting: Meeting) -> Satisfaction:
    answers = SatisfactionResponse.objects.filter(meeting=meeting)
    totals = answers.aggregate(
        answers=Count("pk"),
        recommend=Count("pk", filter=Q(would_recommend=True)),
        **{name: Avg(name) for name in RATINGS},
    )
    count = totals["answers"]
    ratings = [
        Rating(
            name=name,
            label=capfirst(SatisfactionResponse._meta.get_field(name).verbose_name),
            average=None if totals[name] is None else round(totals[name], 1),
        )
        for name in RATINGS
    ]
    comments = list(
        answers.exclude(comments="").order_by("created_at", "pk").values_list("comments", flat=True)
    )
    return Satisfaction(
        answers=count,
        ratings=ratings,
        recommend_percent=round(100 * totals["recommend"] / count) if count else None,
        comments=comments,
    )


def training_hours(meeting: Meeting) -> Decimal:
    """Hours of training for the certificate: the agenda's timed items without the breaks when the
    agenda gives them; otherwise each day's hours (a three-day training from 9:00 to 17:00 is 24
    hours, not the 56 between its first start and last end)."""
    minutes = sum(
        item.duration_minutes or 0
        for item in meeting.agenda_items.all()
        if item.kind != AgendaItemKind.BREAK
    )
    if minutes:
        return _hours(minutes)
    start = meeting.starts_at.astimezone(meeting.venue_zone)
    end = meeting.ends_at.astimezone(meeting.venue_zone)
    days = (end.date() - start.date()).days + 1
    daily = datetime.datetime.combine(start.date(), end.time()) - datetime.datetime.combine(
        start.date(), start.time()
    )
    if days > 1 and daily > datetime.timedelta(0):
        return _hours(days * daily.total_seconds() / 60)
    return _hours((end - start).total_seconds() / 60)


def _hours(minutes: float) -> Decimal:
    # To the half hour: "7.5 hours" reads well, "7.43 hours" does not.
    return (Decimal(minutes) / 30).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def chair_of(space) -> Person | None:
    """The space's current chair, who signs its certificates; None when the seat is empty."""
    membership = (
        Membership.objects.current()
        .filter(space=space, role=Role.CHAIR)
        .select_related("person")
        .order_by("start_date", "pk")
        .first()
    )
    return membership.person if membership else None
