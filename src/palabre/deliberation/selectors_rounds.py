"""Reading prioritisation rounds: who votes, what they see, and the results.

How a round is counted (stated on the results page and in the document):

- Dot voting: each voter spreads at most N points over the themes (fewer is allowed; an empty
  ballot is not); a theme's score is the sum of its points.
- Ranking (Borda count): each voter ranks all the themes or only their first k choices; among n
  themes, a theme ranked r gets n − r + 1 points, an unranked theme 0; the score is the sum.
- Ties: more voters who gave the theme points (or ranked it) first; then the title in
  alphabetical order. Positions are always distinct; tied themes are marked as such.
- Voters: current members of the space (or of the round's college) except observers, with an
  account. A ballot counts in the college of the voter when they voted; members without a college
  form a group of their own in the results per college.
- Secrecy: nobody reads another's ballot; results appear only once the round is closed; a
  college with fewer than three ballots is shown together with other small ones (see
  `college_groups`), so that its voters cannot deduce each other's ballots.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.spaces.models import College, Membership, Role
from palabre.spaces.selectors import space_for

from .models import (
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
    Theme,
    ThemeStatus,
)

# A group of voters whose results are shown on their own has at least this many ballots.
MIN_GROUP = 3

# --- who votes ------------------------------------------------------------------------------------


def voting_memberships(round: PrioritisationRound) -> QuerySet[Membership]:
    """The current memberships that give a vote in this round."""
    memberships = (
        Membership.objects.current()
        .filter(space_id=round.space_id, person__user__isnull=False)
        .exclude(role=Role.OBSERVER)
    )
    if round.college_id:
        memberships = memberships.filter(college_id=round.college_id)
    return memberships


def voting_membership(round: PrioritisationRound, user) -> Membership | None:
    """The membership through which the user votes, or None; kept on the user for the request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_palabre_voting", {})
    if round.pk not in cache:
        cache[round.pk] = (
            voting_memberships(round)
            .filter(person__user=user)
            # A membership with a college goes first: the ballot counts in that college.
            .order_by(F("college__order").asc(nulls_last=True), "college__name", "pk")
            .select_related("college")
            .first()
        )
    return cache[round.pk]


def is_eligible(round: PrioritisationRound, user) -> bool:
    return voting_membership(round, user) is not None


def eligible_voters(round: PrioritisationRound) -> QuerySet:
    user_ids = voting_memberships(round).values("person__user")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def results_are_out(round: PrioritisationRound) -> bool:
    """Closed by the secretariat, or past its closing time (even before the hourly close)."""
    if round.status == RoundStatus.CLOSED:
        return True
    return round.status == RoundStatus.OPEN and round.closes_at <= timezone.now()


# --- which rounds ---------------------------------------------------------------------------------


def _count(manager, field: str) -> Coalesce:
    counted = (
        manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def rounds_of(user, space) -> QuerySet[PrioritisationRound]:
    """The rounds of a space the user may see: those in preparation for the secretariat only."""
    rounds = (
        PrioritisationRound.objects.filter(space=space)
        .select_related("space", "college")
        .annotate(
            theme_count=_count(PrioritisationRound.themes.through.objects, "prioritisationround"),
            ballot_count=_count(Ballot.objects, "round"),
        )
    )
    if not user.has_perm("deliberation.manage_rounds", space):
        rounds = rounds.exclude(status=RoundStatus.DRAFT)
    if user.is_authenticated:
        return rounds.annotate(
            voted=Exists(Ballot.objects.filter(round=OuterRef("pk"), voter=user))
        )
    return rounds.annotate(voted=Value(False))


def round_for(user, slug: str, pk: int) -> PrioritisationRound:
    """The round if the user may see it; 404 otherwise (a round in preparation stays unknown)."""
    space = space_for(user, slug)
    round = get_object_or_404(
        PrioritisationRound.objects.select_related("space", "college", "created_by"),
        space=space,
        pk=pk,
    )
    if round.status == RoundStatus.DRAFT and not user.has_perm("deliberation.manage_rounds", space):
        raise Http404
    return round


def round_themes(round: PrioritisationRound) -> list[Theme]:
    return list(round.themes.order_by("title", "pk"))


def themes_for_a_round(space) -> QuerySet[Theme]:
    """The themes a round may be held on: those still being discussed or retained."""
    return Theme.objects.filter(
        space=space,
        status__in=[ThemeStatus.PROPOSED, ThemeStatus.UNDER_DISCUSSION, ThemeStatus.RETAINED],
    ).order_by("title", "pk")


# --- ballots --------------------------------------------------------------------------------------


def my_ballot(round: PrioritisationRound, user) -> Ballot | None:
    """The user's own ballot, with its entries; nobody else's is ever read for a page."""
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(round=round, voter=user).prefetch_related("entries__theme").first()


def ballot_values(ballot: Ballot | None, method: str) -> dict[int, int]:
    """{theme id: points or rank} of a ballot, to fill the voting form again."""
    if ballot is None:
        return {}
    attribute = "points" if method == RoundMethod.DOT_VOTING else "rank"
    return {entry.theme_id: getattr(entry, attribute) for entry in ballot.entries.all()}


@dataclass
class CollegeTurnout:
    name: str
    ballots: int


@dataclass
class Turnout:
    """What everyone may know while the round is open: how many voted, never who or what."""

    ballots: int
    eligible: int
    colleges: list[CollegeTurnout] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return round(100 * self.ballots / self.eligible) if self.eligible else None


def turnout(round: PrioritisationRound, *, per_college: bool = False) -> Turnout:
    ballots = Ballot.objects.filter(round=round)
    result = Turnout(ballots=ballots.count(), eligible=eligible_voters(round).count())
    if per_college:
        rows = (
            ballots.values("college__name", "college__order")
            .annotate(n=Count("pk"))
            .order_by("college__order", "college__name")
        )
        result.colleges = [
            CollegeTurnout(row["college__name"] or _("No college"), row["n"]) for row in rows
        ]
    return result


# --- results --------------------------------------------------------------------------------------


@dataclass
class ThemeScore:
    theme: Theme
    score: int
    voters: int  # voters who gave it points, or ranked it
    position: int = 0
    tied: bool = False  # same score and voters as a neighbour: placed by the tie-break

    @property
    def title(self) -> str:
        return self.theme.title


@dataclass
class Ranking:
    label: str
    ballots: int
    rows: list[ThemeScore]
    college: College | None = None

    @property
    def top_score(self) -> int:
        return max((row.score for row in self.rows), default=0)


@dataclass
class RoundResults:
    method: str
    points: int
    theme_count: int
    overall: Ranking
    colleges: list[Ranking]
    pooled: bool = False  # small colleges are shown together
    min_group: int = MIN_GROUP

    @property
    def ballots(self) -> int:
        return self.overall.ballots


def entry_score(method: str, theme_count: int, points: int | None, rank: int | None) -> int:
    """What one ballot gives one theme: its points, or n − r + 1 for rank r of n (Borda)."""
    if method == RoundMethod.RANKING:
        return theme_count - rank + 1 if rank else 0
    return points or 0


def rank_themes(
    themes: Iterable[Theme], entries: Iterable[tuple[int, int | None, int | None]], *, method, n
) -> list[ThemeScore]:
    """The ranking of `themes` from ballot entries (theme id, points, rank), by the rules above."""
    scores: dict[int, int] = defaultdict(int)
    voters: dict[int, int] = defaultdict(int)
    for theme_id, points, rank in entries:
        value = entry_score(method, n, points, rank)
        if value > 0:
            scores[theme_id] += value
            voters[theme_id] += 1
    rows = [ThemeScore(theme, scores[theme.pk], voters[theme.pk]) for theme in themes]
    rows.sort(key=lambda row: (-row.score, -row.voters, row.theme.title.casefold(), row.theme.pk))
    for position, row in enumerate(rows, start=1):
        row.position = position
    for before, after in zip(rows, rows[1:], strict=False):
        if (before.score, before.voters) == (after.score, after.voters):
            before.tied = after.tied = True
    return rows


def college_groups(ballots: dict, colleges: dict) -> list[tuple[str, list]]:
    """The groups of the results per college: (label, college ids). A college (or the members
    without one) with fewer than MIN_GROUP ballots is not shown alone, since its voters could
    deduce each other's ballots: the small ones are shown together, or, if even together they
    are too few, with the smallest group shown (else the overall minus the others would give
    them away). Fewer than two groups: nothing to show beside the overall."""

    def label(pk):
        return colleges[pk].name if pk else _("Members without a college")

    ordered = sorted(
        ballots, key=lambda pk: (0, colleges[pk].order, colleges[pk].name) if pk else (1, 0, "")
    )
    groups = [(label(pk), [pk]) for pk in ordered if ballots[pk] >= MIN_GROUP]
    small = [pk for pk in ordered if ballots[pk] < MIN_GROUP]
    if small and sum(ballots[pk] for pk in small) >= MIN_GROUP:
        groups.append((_("Other colleges, together"), small))
    elif small and groups:
        index = min(range(len(groups)), key=lambda i: sum(ballots[pk] for pk in groups[i][1]))
        name, members = groups[index]
        groups[index] = (
            _("%(college)s, with the colleges of few ballots") % {"college": name},
            members + small,
        )
    return groups if len(groups) > 1 else []


def round_results(round: PrioritisationRound) -> RoundResults:
    """Overall and per college; three queries whatever the number of ballots."""
    themes = round_themes(round)
    n = len(themes)
    entries = list(
        BallotEntry.objects.filter(ballot__round=round).values_list(
            "ballot__college_id", "theme_id", "points", "rank"
        )
    )
    ballots_per_college = dict(
        Ballot.objects.filter(round=round)
        .values("college_id")
        .annotate(n=Count("pk"))
        .values_list("college_id", "n")
    )
    colleges = {
        college.pk: college
        for college in College.objects.filter(pk__in=[pk for pk in ballots_per_college if pk])
    }
    overall = Ranking(
        label=_("All voters"),
        ballots=sum(ballots_per_college.values()),
        rows=rank_themes(themes, [e[1:] for e in entries], method=round.method, n=n),
    )
    groups = [] if round.college_id else college_groups(ballots_per_college, colleges)
    per_college = [
        Ranking(
            label=label,
            ballots=sum(ballots_per_college[pk] for pk in members),
            rows=rank_themes(
                themes, [e[1:] for e in entries if e[0] in members], method=round.method, n=n
            ),
            college=colleges.get(members[0]) if len(members) == 1 else None,
        )
        for label, members in groups
    ]
    return RoundResults(
        method=round.method,
        points=round.points,
        theme_count=n,
        overall=overall,
        colleges=per_college,
        pooled=any(len(members) > 1 for _label, members in groups),
    )


def results_table(results: RoundResults) -> list[list]:
    """The rows of the CSV/XLSX export: one per theme and scope, no ballot of anyone."""
    rows = []
    for ranking in [results.overall, *results.colleges]:
        for row in ranking.rows:
            rows.append(
                [ranking.label, ranking.ballots, row.position, row.title, row.score, row.voters]
            )
    return rows


def method_statement(round: PrioritisationRound) -> str:
    """The counting rule in one sentence, as the results page and the document state it."""
    if round.method == RoundMethod.RANKING:
        return _(
            "Ranking (Borda count): each voter ranked all the themes or only their first "
            "choices; among %(n)s themes, a theme ranked r gets %(n)s − r + 1 points and an "
            "unranked theme 0. Ties are broken by the number of voters who ranked the theme, "
            "then alphabetically."
        ) % {"n": round.themes.count()}
    return _(
        "Dot voting: each voter spread at most %(points)s points over the themes; a theme's "
        "score is the sum of its points. Ties are broken by the number of voters who gave the "
        "theme points, then alphabetically."
    ) % {"points": round.points}


def rounds_due(now=None) -> QuerySet[PrioritisationRound]:
    return PrioritisationRound.objects.filter(
        status=RoundStatus.OPEN, closes_at__lte=now or timezone.now()
    )
