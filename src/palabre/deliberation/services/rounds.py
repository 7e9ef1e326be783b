"""Prioritisation rounds: prepared by the secretariat, opened to the eligible voters, closed at
their closing time (or earlier by the secretariat). A voter has one ballot, replaced as a whole
until the close; what it says is never written to the audit log, only that it was cast.

The counting rules are in selectors_rounds.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.notifications.services import notify
from palabre.spaces.models import SpaceStatus

from ..models import (
    ROUND_TRANSITIONS,
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
    Theme,
    ThemeStatus,
)
from ..selectors_rounds import eligible_voters, rounds_due, voting_membership

EDITABLE_FIELDS = ["title", "description", "method", "points", "college_id", "closes_at"]
ROUND_THEME_STATUSES = {ThemeStatus.PROPOSED, ThemeStatus.UNDER_DISCUSSION, ThemeStatus.RETAINED}
MIN_THEMES = 2


def _locked(round: PrioritisationRound) -> PrioritisationRound:
    return (
        PrioritisationRound.objects.select_for_update(of=("self",))
        .select_related("space", "college")
        .get(pk=round.pk)
    )


def _check_themes(space, themes: list[Theme], *, least: int = 1) -> None:
    """A round in preparation may have a single theme so far; an opened one needs two."""
    if len(themes) < least:
        message = ngettext(
            "Choose at least %(count)s theme to prioritise.",
            "Choose at least %(count)s themes to prioritise.",
            least,
        )
        raise ValidationError({"themes": message % {"count": least}})
    if any(theme.space_id != space.pk for theme in themes):
        raise ValidationError({"themes": _("Every theme must belong to this space.")})
    closed = [theme.title for theme in themes if theme.status not in ROUND_THEME_STATUSES]
    if closed:
        raise ValidationError(
            {
                "themes": _(
                    "Only themes proposed, under discussion or retained can be prioritised: "
                    "%(titles)s."
                )
                % {"titles": ", ".join(closed)}
            }
        )


def _check_round(round: PrioritisationRound) -> None:
    if round.college_id and round.college.space_id != round.space_id:
        raise ValidationError({"college": _("This college belongs to another space.")})
    if round.closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The closing date must be in the future.")})
    round.full_clean()


def _set_fields(round: PrioritisationRound, fields: dict) -> None:
    unknown = set(fields) - {"title", "description", "method", "points", "college", "closes_at"}
    if unknown:
        raise TypeError(f"Not editable on a round: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(round, name, value.strip() if isinstance(value, str) else value)
    if round.method == RoundMethod.RANKING and not round.points:
        round.points = 10  # unused by a ranking; the column is not nullable


@transaction.atomic
def round_create(*, space, actor, themes, **fields) -> PrioritisationRound:
    """A round in preparation: nobody but the secretariat sees it until it is opened."""
    if space.status == SpaceStatus.CLOSED:
        raise ValidationError(_("A closed space holds no more prioritisation rounds."))
    themes = list(themes)
    round = PrioritisationRound(space=space, created_by=actor)
    _set_fields(round, fields)
    _check_themes(space, themes)
    _check_round(round)
    round.save()
    round.themes.set(themes)
    changes = field_changes({}, snapshot(round, EDITABLE_FIELDS))
    changes["themes"] = [None, ", ".join(str(theme.pk) for theme in themes)]
    audit_record(actor=actor, action="round.create", target=round, changes=changes)
    return round


@transaction.atomic
def round_update(*, round: PrioritisationRound, actor, themes, **fields) -> PrioritisationRound:
    """Only while in preparation: once voters have seen a round, its terms stay."""
    round = _locked(round)
    if round.status != RoundStatus.DRAFT:
        raise ValidationError(_("An opened round can no longer be changed."))
    themes = list(themes)
    before = {
        **snapshot(round, EDITABLE_FIELDS),
        "themes": sorted(t.pk for t in round.themes.all()),
    }
    _set_fields(round, fields)
    _check_themes(round.space, themes)
    _check_round(round)
    round.save()
    round.themes.set(themes)
    after = {**snapshot(round, EDITABLE_FIELDS), "themes": sorted(t.pk for t in themes)}
    changes = field_changes(before, after)
    if changes:
        audit_record(actor=actor, action="round.update", target=round, changes=changes)
    return round


def _transition(round: PrioritisationRound, status: str) -> None:
    if status not in ROUND_TRANSITIONS[round.status]:
        raise ValidationError(
            _("A round “%(from)s” cannot become “%(to)s”.")
            % {"from": round.get_status_display(), "to": RoundStatus(status).label}
        )


def _closing_time(round: PrioritisationRound):
    return lambda user: date_format(timezone.localtime(round.closes_at), "DATETIME_FORMAT")


@transaction.atomic
def round_open(*, round: PrioritisationRound, actor) -> PrioritisationRound:
    """Opens the round and tells every eligible voter."""
    round = _locked(round)
    _transition(round, RoundStatus.OPEN)
    if round.closes_at <= timezone.now():
        raise ValidationError(_("The closing date has passed: change it before opening."))
    themes = list(round.themes.all())
    _check_themes(round.space, themes, least=MIN_THEMES)
    before = snapshot(round, ["status", "opened_at"])
    round.status = RoundStatus.OPEN
    round.opened_at = timezone.now()
    round.save()
    audit_record(
        actor=actor,
        action="round.open",
        target=round,
        changes=field_changes(before, snapshot(round, ["status", "opened_at"])),
    )
    closing = _closing_time(round)
    notify(
        recipients=eligible_voters(round),
        subject=format_lazy(gettext_lazy("Prioritisation open: {title}"), title=round.title),
        body=lambda user: (
            _(
                "Give your priorities among %(count)s themes in “%(space)s” until %(when)s. You "
                "can change your ballot until then; it stays secret."
            )
            % {"count": len(themes), "space": round.space.name, "when": closing(user)}
        ),
        url=round.get_absolute_url(),
        kind="round_open",
    )
    return round


def _close(round: PrioritisationRound, actor, *, at) -> PrioritisationRound:
    _transition(round, RoundStatus.CLOSED)
    before = snapshot(round, ["status", "closed_at"])
    round.status = RoundStatus.CLOSED
    round.closed_at = at
    round.save()
    audit_record(
        actor=actor,
        action="round.close",
        target=round,
        changes=field_changes(before, snapshot(round, ["status", "closed_at"])),
    )
    cast = round.ballots.count()
    notify(
        recipients=eligible_voters(round),
        subject=format_lazy(
            gettext_lazy("Results of the prioritisation: {title}"), title=round.title
        ),
        body=lambda user: (
            ngettext(
                "The round is closed and its results are published; %(count)s ballot was cast.",
                "The round is closed and its results are published; %(count)s ballots were cast.",
                cast,
            )
            % {"count": cast}
        ),
        url=round.get_absolute_url(),
        kind="round_closed",
        email=False,
    )
    return round


@transaction.atomic
def round_close(*, round: PrioritisationRound, actor) -> PrioritisationRound:
    """The secretariat closes the round before its closing time: no ballot is taken after."""
    round = _locked(round)
    now = timezone.now()
    return _close(round, actor, at=min(now, round.closes_at))


def rounds_close_due(*, now: datetime.datetime | None = None) -> int:
    """Closes the open rounds whose closing time has passed (run from cron); returns how many.
    Ballots are refused after the closing time in any case; this publishes the results."""
    now = now or timezone.now()
    closed = 0
    for pk in rounds_due(now).values_list("pk", flat=True):
        with transaction.atomic():
            round = _locked(PrioritisationRound(pk=pk))
            if round.status == RoundStatus.OPEN and round.closes_at <= now:
                _close(round, None, at=round.closes_at)
                closed += 1
    return closed


# --- ballots --------------------------------------------------------------------------------------


def _dot_entries(round, themes: dict[int, Theme], points: dict[int, int]) -> list[BallotEntry]:
    if any(value is None or value < 0 for value in points.values()):
        raise ValidationError(_("Points cannot be negative."))
    total = sum(points.values())
    if total > round.points:
        raise ValidationError(
            ngettext(
                "You gave %(total)s points; you have %(points)s at most.",
                "You gave %(total)s points; you have %(points)s at most.",
                total,
            )
            % {"total": total, "points": round.points}
        )
    if total == 0:
        raise ValidationError(_("Give at least one point to one theme."))
    return [
        BallotEntry(theme=themes[theme_id], points=value)
        for theme_id, value in points.items()
        if value > 0
    ]


def _ranked_entries(themes: dict[int, Theme], ranks: dict[int, int | None]) -> list[BallotEntry]:
    given = {theme_id: rank for theme_id, rank in ranks.items() if rank}
    if not given:
        raise ValidationError(_("Rank at least your first choice."))
    values = sorted(given.values())
    if len(set(values)) != len(values):
        raise ValidationError(_("Two themes cannot have the same rank."))
    if values != list(range(1, len(values) + 1)):
        raise ValidationError(
            _("Ranks go from 1 without gaps: rank your first %(count)s choices 1 to %(count)s.")
            % {"count": len(values)}
        )
    return [BallotEntry(theme=themes[theme_id], rank=rank) for theme_id, rank in given.items()]


@transaction.atomic
def ballot_cast(
    *,
    round: PrioritisationRound,
    voter,
    points: dict[int, int] | None = None,
    ranks: dict[int, int | None] | None = None,
) -> Ballot:
    """Casts or replaces the voter's ballot: `points` ({theme id: points}) for dot voting,
    `ranks` ({theme id: rank, 1 first}) for a ranking. Refused after the close."""
    round = _locked(round)
    if round.status != RoundStatus.OPEN or round.closes_at <= timezone.now():
        raise ValidationError(_("This round is not open for voting."))
    membership = voting_membership(round, voter)
    if membership is None:
        raise ValidationError(_("You are not among the voters of this round."))
    themes = {theme.pk: theme for theme in round.themes.all()}
    given = points if round.method == RoundMethod.DOT_VOTING else ranks
    if given is None:
        raise ValidationError(_("The ballot does not match the round's method."))
    unknown = set(given) - set(themes)
    if unknown:
        raise ValidationError(_("The ballot names a theme that is not in this round."))
    if round.method == RoundMethod.DOT_VOTING:
        entries = _dot_entries(round, themes, given)
    else:
        entries = _ranked_entries(themes, given)

    try:
        with transaction.atomic():
            ballot, created = Ballot.objects.get_or_create(
                round=round, voter=voter, defaults={"college": membership.college}
            )
    except IntegrityError:  # the same ballot sent twice at once
        ballot, created = Ballot.objects.get(round=round, voter=voter), False
    if not created:
        ballot.entries.all().delete()
        ballot.college = membership.college
        ballot.save(update_fields=["college", "updated_at"])
    for entry in entries:
        entry.ballot = ballot
    BallotEntry.objects.bulk_create(entries)
    # That a ballot was cast, never what it says: the ballot is secret.
    audit_record(
        actor=voter,
        action="ballot.cast" if created else "ballot.change",
        target=round,
    )
    return ballot
