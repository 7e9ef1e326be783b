"""The participation ledger: unique people across every meeting, training and forum.

A person counts once whatever the number of meetings they attended. Attendance left on an entry
that was later merged into another counts for the entry kept. Removed attendance lines and
cancelled meetings do not count. A meeting belongs to the period in which it started.
"""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.directory.models import Gender, Person
from palabre.meetings.models import Attendance, MeetingKind, MeetingStatus, ParticipationMode
from palabre.spaces.models import Membership
from palabre.territories.models import Country

from ..models import Unit
from .base import UNKNOWN, Breakdown, Part, Result, Rule, Scope, register

DIASPORA, RESIDENT = "diaspora", "resident"
BOTH = "both"


def attendances_in(scope: Scope) -> QuerySet[Attendance]:
    return Attendance.objects.filter(
        removed_at__isnull=True,
        meeting__space_id__in=scope.space_ids,
        **scope.during("meeting__starts_at"),
    ).exclude(meeting__status=MeetingStatus.CANCELLED)


def _identities(attendances: QuerySet[Attendance]) -> QuerySet:
    return attendances.values(identity=Coalesce("person__merged_into_id", "person_id"))


def participants(scope: Scope) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=_identities(attendances_in(scope)))


def _with_college(people: QuerySet[Person], scope: Scope) -> QuerySet[Person]:
    """The college of each person's earliest membership among the spaces measured."""
    college = (
        Membership.objects.filter(
            person_id=OuterRef("pk"), space_id__in=scope.space_ids, college__isnull=False
        )
        .order_by("start_date", "pk")
        .values("college__name")[:1]
    )
    return people.annotate(college_name=Coalesce(Subquery(college), Value(UNKNOWN)))


def _with_origin(people: QuerySet[Person], scope: Scope) -> QuerySet[Person]:
    return people.annotate(
        origin=Case(
            When(country_of_residence__isnull=True, then=Value(UNKNOWN)),
            When(country_of_residence_id=scope.country_id, then=Value(RESIDENT)),
            default=Value(DIASPORA),
            output_field=CharField(),
        )
    )


def _counts(people: QuerySet[Person], field: str) -> dict:
    rows = people.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return {(key if key not in (None, "") else UNKNOWN): n for key, n in rows}


def _gender_parts(counts: dict) -> list[Part]:
    parts = [Part(code, str(label), counts.get(code, 0)) for code, label in Gender.choices]
    return parts + [Part(UNKNOWN, _("Not recorded"), counts.get(UNKNOWN, 0))]


# What a person is, as the breakdowns group them: counted together in one grouped query rather
# than in one pass over the attendance per breakdown.
PERSON_COLUMNS = {
    "gender": "gender",
    "country": "country_of_residence_id",
    "origin": "origin",
    "college": "college_name",
}


def _person_counts(
    scope: Scope, people: QuerySet[Person], dimensions: tuple[str, ...]
) -> tuple[int, dict[str, Counter]]:
    """The number of participants, and the count per group of each personal breakdown asked."""
    asked = [dimension for dimension in PERSON_COLUMNS if dimension in dimensions]
    if not asked:
        return people.count(), {}
    if "college" in asked:
        people = _with_college(people, scope)
    if "origin" in asked:
        people = _with_origin(people, scope)
    columns = [PERSON_COLUMNS[dimension] for dimension in asked]
    counts: dict[str, Counter] = {dimension: Counter() for dimension in asked}
    total = 0
    for row in people.order_by().values(*columns).annotate(n=Count("pk")):
        total += row["n"]
        for dimension in asked:
            key = row[PERSON_COLUMNS[dimension]]
            counts[dimension][UNKNOWN if key in (None, "") else key] += row["n"]
    return total, counts


def _modes_per_person(scope: Scope) -> QuerySet:
    """One row per person: whether they took part in person, online (1 or 0 each). Grouping the
    attendance once keeps "in person and not online" a single pass over the table, where two
    IN (subquery) filters make PostgreSQL rescan it for every person."""

    def took_part(mode: str):
        return Max(
            Case(When(mode=mode, then=Value(1)), default=Value(0), output_field=IntegerField())
        )

    return (
        attendances_in(scope)
        .order_by()
        .values(identity=Coalesce("person__merged_into_id", "person_id"))
        .annotate(
            in_person=took_part(ParticipationMode.IN_PERSON),
            online=took_part(ParticipationMode.ONLINE),
        )
    )


MODE_GROUPS = {
    ParticipationMode.IN_PERSON: {"in_person": 1, "online": 0},
    ParticipationMode.ONLINE: {"in_person": 0, "online": 1},
    BOTH: {"in_person": 1, "online": 1},
}


def _mode_parts(scope: Scope, total: int) -> list[Part]:
    """Who came in person at least once, who online at least once: those in both groups are
    counted once, in "both"."""
    attendances = attendances_in(scope)
    in_person, online = (
        _identities(attendances.filter(mode=mode)).distinct().count()
        for mode in (ParticipationMode.IN_PERSON, ParticipationMode.ONLINE)
    )
    both = in_person + online - total
    return [
        Part(ParticipationMode.IN_PERSON, _("In person only"), in_person - both),
        Part(ParticipationMode.ONLINE, _("Online only"), online - both),
        Part(BOTH, _("Both"), both),
    ]


def _breakdown(scope: Scope, counts: dict[str, Counter], dimension: str, total: int) -> Breakdown:
    if dimension == "gender":
        return Breakdown(dimension, _gender_parts(counts["gender"]))
    if dimension == "college":
        colleges = counts["college"]
        parts = [Part(name, name, n) for name, n in sorted(colleges.items()) if name != UNKNOWN]
        unknown = Part(UNKNOWN, _("Not a member of a college"), colleges.get(UNKNOWN, 0))
        return Breakdown(dimension, [*parts, unknown])
    if dimension == "country":
        by_country = counts["country"]
        countries = Country.objects.in_bulk([key for key in by_country if key != UNKNOWN])
        parts = sorted(
            (Part(str(pk), str(countries[pk]), n) for pk, n in by_country.items() if pk != UNKNOWN),
            key=lambda part: (-part.value, part.label),
        )
        unknown = Part(UNKNOWN, _("Not recorded"), by_country.get(UNKNOWN, 0))
        return Breakdown(dimension, [*parts, unknown])
    if dimension == "origin":
        origins = counts["origin"]
        return Breakdown(
            dimension,
            [
                Part(DIASPORA, _("Diaspora (living abroad)"), origins.get(DIASPORA, 0)),
                Part(RESIDENT, _("Living in the country"), origins.get(RESIDENT, 0)),
                Part(UNKNOWN, _("Not recorded"), origins.get(UNKNOWN, 0)),
            ],
        )
    if dimension == "mode":
        return Breakdown(dimension, _mode_parts(scope, total))
    if dimension == "meeting_kind":
        rows = dict(
            attendances_in(scope)
            .order_by()
            .values("meeting__kind")
            .annotate(n=Count(Coalesce("person__merged_into_id", "person_id"), distinct=True))
            .values_list("meeting__kind", "n")
        )
        return Breakdown(
            dimension,
            [Part(code, str(label), rows.get(code, 0)) for code, label in MeetingKind.choices],
            note=_("Someone who came to meetings of several kinds is counted in each of them."),
        )
    raise ValueError(dimension)


def count_participants(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    total, counts = _person_counts(scope, participants(scope), dimensions)
    return Result(
        value=total,
        breakdowns=[_breakdown(scope, counts, dimension, total) for dimension in dimensions],
    )


def share_of_women(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    """Women among the participants whose gender is recorded; the others are counted apart."""
    parts = _gender_parts(_counts(participants(scope), "gender"))
    by_key = {part.key: part.value for part in parts}
    unknown = by_key.pop(UNKNOWN)
    known = sum(by_key.values())
    value = None
    if known:
        value = (Decimal(by_key[Gender.FEMALE] * 100) / known).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    breakdowns = [Breakdown("gender", parts)] if "gender" in dimensions else []
    return Result(
        value=value,
        breakdowns=breakdowns,
        unknown=unknown,
        unknown_label=_("participants whose gender is not recorded"),
        explanation=_("%(women)s women out of %(known)s participants whose gender is recorded.")
        % {"women": by_key[Gender.FEMALE], "known": known},
    )


def participant_records(scope: Scope, dimension: str = "", key: str = "") -> QuerySet[Person]:
    """The people behind a participation figure, or behind one group of a breakdown."""
    people = participants(scope)
    if dimension == "gender":
        people = people.filter(gender="" if key == UNKNOWN else key)
    elif dimension == "college":
        people = _with_college(people, scope).filter(college_name=key)
    elif dimension == "country":
        if key == UNKNOWN:
            people = people.filter(country_of_residence__isnull=True)
        else:
            people = people.filter(country_of_residence_id=int(key) if key.isdigit() else 0)
    elif dimension == "origin":
        people = _with_origin(people, scope).filter(origin=key)
    elif dimension == "mode":
        flags = MODE_GROUPS.get(key, {"in_person": 0, "online": 0})
        people = people.filter(pk__in=_modes_per_person(scope).filter(**flags).values("identity"))
    elif dimension == "meeting_kind":
        people = people.filter(pk__in=_identities(attendances_in(scope).filter(meeting__kind=key)))
    return people.select_related("organisation", "country_of_residence").order_by(
        "last_name", "first_name", "pk"
    )


PARTICIPATION_DIMENSIONS = ("gender", "college", "country", "origin", "mode", "meeting_kind")

register(
    Rule(
        key="unique_participants",
        label=gettext_lazy("Unique participants in meetings, trainings and forums"),
        unit=Unit.NUMBER,
        dimensions=PARTICIPATION_DIMENSIONS,
        compute=count_participants,
        records=participant_records,
        records_kind="people",
        description=gettext_lazy(
            "Each person counts once, whatever the number of meetings they attended."
        ),
    )
)
register(
    Rule(
        key="women_share",
        label=gettext_lazy("Share of women among the participants"),
        unit=Unit.PERCENT,
        dimensions=("gender",),
        compute=share_of_women,
        records=participant_records,
        records_kind="people",
        description=gettext_lazy(
            "Computed over the participants whose gender is recorded; the others are shown "
            "beside the figure."
        ),
    )
)
