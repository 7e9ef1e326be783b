"""Reading consultations: which ones a user sees, the next statement to vote on, the votes as a
matrix for the analysis, the latest analysis and what its pages and report show."""

import datetime
import itertools
import random
import string
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palabre.accounts.models import User
from palabre.core.rules import is_site_admin
from palabre.jobs.models import Job, JobStatus
from palabre.spaces.models import Membership, Role, Space, Visibility
from palabre.spaces.selectors import roles_of, space_for

from .analysis import AGREE, VoteMatrix, vote_matrix
from .models import (
    Consultation,
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)

ANALYSIS_JOB = "deliberation.consultation_analysis"
# A job older than this that still says "running" was lost (a worker killed mid-way).
ANALYSIS_STALE_AFTER = datetime.timedelta(hours=1)
# Votes read from the database per round trip by the analysis.
VOTE_CHUNK = 20_000
# How long the counts of votes per statement that order the voting page are kept.
VOTE_COUNTS_SECONDS = 60


# --- which consultations ------------------------------------------------------------------------


def consultations_of(space: Space, user) -> QuerySet[Consultation]:
    """The consultations of a space this user may see (see rules/consultations.py), with the
    number of accepted statements and of participants, newest first."""
    consultations = Consultation.objects.filter(space=space).select_related("space", "theme")
    roles = roles_of(user).get(space.pk, set())
    if not (is_site_admin.test(user) or Role.SECRETARIAT in roles):
        visible = ~Q(status=ConsultationStatus.DRAFT)
        if not roles:
            visible &= Q(visibility=Visibility.PUBLIC) & Q(space__visibility=Visibility.PUBLIC)
        consultations = consultations.filter(visible)
    return with_counts(consultations)


def with_counts(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    accepted = (
        Statement.objects.filter(consultation=OuterRef("pk"), status=StatementStatus.ACCEPTED)
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    participants = (
        StatementVote.objects.filter(consultation=OuterRef("pk"))
        .order_by()
        .values("consultation")
        .annotate(n=Count("participant", distinct=True))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    return consultations.annotate(
        statement_total=Coalesce(Subquery(accepted, output_field=IntegerField()), zero),
        participant_total=Coalesce(Subquery(participants, output_field=IntegerField()), zero),
    )


def consultation_for(user, slug: str, pk: int) -> Consultation:
    """The consultation if the user may see it; 404 otherwise, so that hidden ones stay unknown.
    An anonymous visitor of a consultation they may not see is sent to the login page by the
    view's permission check instead: they may be a member who followed a link."""
    space = space_for(user, slug)
    consultation = get_object_or_404(
        Consultation.objects.select_related("space", "theme", "created_by"), space=space, pk=pk
    )
    if user.is_authenticated and not user.has_perm("deliberation.view_consultation", consultation):
        raise Http404
    return consultation


def members_to_tell(space: Space) -> QuerySet[User]:
    """The current members of the space with an active account."""
    people = Membership.objects.current().filter(space=space).values("person_id")
    return User.objects.filter(is_active=True, person__in=people).order_by("pk")


# --- voting -------------------------------------------------------------------------------------


def accepted_statements(consultation: Consultation) -> QuerySet[Statement]:
    return consultation.statements.filter(status=StatementStatus.ACCEPTED)


def vote_counts(consultation: Consultation) -> dict[int, int]:
    """Votes per statement, kept for a minute in the cache: counting 450,000 votes at every
    vote would make the voting page slow; slightly old counts spread the votes as well."""
    key = f"deliberation:consultation:{consultation.pk}:vote-counts"
    counts = cache.get(key)
    if counts is None:
        rows = (
            StatementVote.objects.filter(consultation=consultation)
            .order_by()
            .values_list("statement_id")
            .annotate(n=Count("pk"))
        )
        counts = dict(rows)
        cache.set(key, counts, VOTE_COUNTS_SECONDS)
    return counts


def next_statement(consultation: Consultation, user) -> Statement | None:
    """The next statement to show this participant: never one they voted on; the one with the
    fewest votes so far, so that votes spread over every statement, at random among equals."""
    if not user.is_authenticated:
        return None
    mine = set(
        StatementVote.objects.filter(consultation=consultation, participant=user).values_list(
            "statement_id", flat=True
        )
    )
    left = [
        pk
        for pk in accepted_statements(consultation).values_list("pk", flat=True)
        if pk not in mine
    ]
    if not left:
        return None
    counts = vote_counts(consultation)
    fewest = min(counts.get(pk, 0) for pk in left)
    chosen = random.choice([pk for pk in left if counts.get(pk, 0) == fewest])
    return Statement.objects.get(pk=chosen)


@dataclass
class VotingProgress:
    total: int
    voted: int

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.voted)

    @property
    def percent(self) -> int:
        return round(100 * self.voted / self.total) if self.total else 0


def voting_progress(consultation: Consultation, user) -> VotingProgress:
    total = accepted_statements(consultation).count()
    voted = 0
    if user.is_authenticated:
        voted = StatementVote.objects.filter(
            consultation=consultation,
            participant=user,
            statement__status=StatementStatus.ACCEPTED,
        ).count()
    return VotingProgress(total=total, voted=voted)


def votes_of(consultation: Consultation, user) -> QuerySet[StatementVote]:
    """This participant's votes on the statements still accepted, the latest first."""
    return (
        StatementVote.objects.filter(
            consultation=consultation,
            participant=user,
            statement__status=StatementStatus.ACCEPTED,
        )
        .select_related("statement")
        .order_by("-voted_at", "-pk")
    )


def own_statements(consultation: Consultation, user) -> QuerySet[Statement]:
    """What this participant submitted, moderated or not (they see why one was rejected)."""
    if not user.is_authenticated:
        return Statement.objects.none()
    return consultation.statements.filter(author=user, is_seed=False).order_by("-created_at")


# --- moderation ---------------------------------------------------------------------------------


def statements_to_moderate(consultation: Consultation) -> QuerySet[Statement]:
    """Every statement, the oldest submitted first (the queue is read from the top); the
    authors' names are shown to the secretariat, which moderates."""
    return (
        consultation.statements.select_related("author", "moderated_by")
        .annotate(vote_total=Count("votes"))
        .order_by("created_at", "pk")
    )


def status_counts(consultation: Consultation) -> dict[str, int]:
    counts = dict.fromkeys(StatementStatus.values, 0)
    rows = consultation.statements.order_by().values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts


# --- analysis -----------------------------------------------------------------------------------


def vote_matrix_of(consultation: Consultation) -> VoteMatrix:
    """Every vote on the accepted statements as a matrix, read as plain numbers in chunks:
    450,000 votes never become model instances."""
    statement_ids = list(
        accepted_statements(consultation).order_by("pk").values_list("pk", flat=True)
    )
    rows = (
        StatementVote.objects.filter(consultation=consultation)
        .order_by()
        .values_list("participant_id", "statement_id", "value")
        .iterator(chunk_size=VOTE_CHUNK)
    )
    chunks = [np.zeros((0, 3), dtype=np.int64)]
    while chunk := list(itertools.islice(rows, VOTE_CHUNK)):
        chunks.append(np.array(chunk, dtype=np.int64))
    votes = np.concatenate(chunks)
    return vote_matrix(votes[:, 0], votes[:, 1], votes[:, 2], statement_ids=statement_ids)


def latest_analysis(consultation: Consultation) -> ConsultationAnalysis | None:
    return consultation.analyses.order_by("-computed_at", "-pk").first()


def analysis_jobs(consultation: Consultation) -> QuerySet[Job]:
    return Job.objects.filter(name=ANALYSIS_JOB, params__consultation_id=consultation.pk)


def analysis_job(consultation: Consultation) -> Job | None:
    """The latest analysis job of this consultation, finished or not."""
    return analysis_jobs(consultation).order_by("-created_at").first()


def analysis_running(consultation: Consultation) -> Job | None:
    recent = timezone.now() - ANALYSIS_STALE_AFTER
    return (
        analysis_jobs(consultation)
        .filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING], created_at__gte=recent)
        .order_by("-created_at")
        .first()
    )


# --- results ------------------------------------------------------------------------------------


def group_letter(index: int) -> str:
    return string.ascii_uppercase[index % 26]


@dataclass
class GroupShare:
    """A group's part of the votes on one statement, as the pages and the report show it."""

    letter: str
    agree: int
    disagree: int
    passed: int

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passed

    def percent(self, count: int) -> int:
        return round(100 * count / self.votes) if self.votes else 0

    @property
    def agree_percent(self) -> int:
        return self.percent(self.agree)

    @property
    def disagree_percent(self) -> int:
        return self.percent(self.disagree)

    @property
    def pass_percent(self) -> int:
        return max(0, 100 - self.agree_percent - self.disagree_percent) if self.votes else 0


@dataclass
class StatementResult:
    statement: Statement
    total: GroupShare
    groups: list[GroupShare]
    consensus: str | None  # "agree", "disagree" or None
    spread: float | None
    divisive: bool

    @property
    def consensus_agrees(self) -> bool:
        return self.consensus == AGREE

    @property
    def spread_percent(self) -> int | None:
        return None if self.spread is None else round(100 * self.spread)


@dataclass
class Representative:
    """A statement that sets a group apart, and how the group voted on it."""

    row: StatementResult
    direction: str  # "agree" or "disagree"
    group: int

    @property
    def agrees(self) -> bool:
        return self.direction == AGREE

    @property
    def percent(self) -> int:
        share = self.row.groups[self.group]
        return share.agree_percent if self.agrees else share.disagree_percent


@dataclass
class GroupResult:
    index: int
    letter: str
    size: int
    percent: int
    representative: list[Representative] = field(default_factory=list)


@dataclass
class Results:
    analysis: ConsultationAnalysis
    groups: list[GroupResult]
    statements: list[StatementResult]  # every statement of the analysis still accepted
    consensus: list[StatementResult]
    divisive: list[StatementResult]
    placed: int
    min_votes: int

    @property
    def by_id(self) -> dict[int, StatementResult]:
        return {row.statement.pk: row for row in self.statements}


def analysis_results(analysis: ConsultationAnalysis) -> Results:
    """The stored results with the statements' texts: one query, whatever their number.
    Statements rejected since the analysis are left out."""
    data = analysis.results or {}
    rows = data.get("statements", [])
    texts = Statement.objects.filter(
        pk__in=[row["id"] for row in rows], status=StatementStatus.ACCEPTED
    ).in_bulk()
    group_count = len(data.get("groups", []))
    statements = []
    for row in rows:
        statement = texts.get(row["id"])
        if statement is None:
            continue
        total = row.get("total", {})
        groups = [
            GroupShare(group_letter(g), row["agree"][g], row["disagree"][g], row["pass"][g])
            for g in range(group_count)
        ]
        statements.append(
            StatementResult(
                statement=statement,
                total=GroupShare(
                    "", total.get("agree", 0), total.get("disagree", 0), total.get("pass", 0)
                ),
                groups=groups,
                consensus=row.get("consensus"),
                spread=row.get("spread"),
                divisive=False,
            )
        )
    by_id = {row.statement.pk: row for row in statements}
    divisive = [by_id[i] for i in data.get("divisive", []) if i in by_id]
    for row in divisive:
        row.divisive = True
    placed = data.get("points_total", 0)
    groups = []
    for index, group in enumerate(data.get("groups", [])):
        groups.append(
            GroupResult(
                index=index,
                letter=group_letter(index),
                size=group["size"],
                percent=round(100 * group["size"] / placed) if placed else 0,
                representative=[
                    Representative(by_id[item["id"]], item["direction"], index)
                    for item in group.get("representative", [])
                    if item["id"] in by_id
                ],
            )
        )
    return Results(
        analysis=analysis,
        groups=groups,
        statements=statements,
        consensus=[by_id[i] for i in data.get("consensus", []) if i in by_id],
        divisive=divisive,
        placed=placed,
        min_votes=data.get("min_votes", 0),
    )


STATEMENT_SORTS = {
    "votes": lambda row: (-row.total.votes, row.statement.pk),
    "agree": lambda row: (-row.total.agree_percent, -row.total.votes, row.statement.pk),
    "disagree": lambda row: (-row.total.disagree_percent, -row.total.votes, row.statement.pk),
    "divisive": lambda row: (
        -(row.spread if row.spread is not None else -1),
        row.statement.pk,
    ),
    "oldest": lambda row: (row.statement.created_at, row.statement.pk),
}


def filter_statement_results(
    results: Results, *, q: str = "", kind: str = "", sort: str = "votes"
) -> list[StatementResult]:
    """The per-statement table: search in the text, consensus / divisive / seed / submitted
    only, sorted by votes, agreement, disagreement, division or age."""
    rows = results.statements
    words = q.casefold().split()
    if words:
        rows = [row for row in rows if all(w in row.statement.text.casefold() for w in words)]
    if kind == "consensus":
        rows = [row for row in rows if row.consensus]
    elif kind == "divisive":
        rows = [row for row in rows if row.divisive]
    elif kind == "seed":
        rows = [row for row in rows if row.statement.is_seed]
    elif kind == "submitted":
        rows = [row for row in rows if not row.statement.is_seed]
    return sorted(rows, key=STATEMENT_SORTS.get(sort, STATEMENT_SORTS["votes"]))


def opinion_map(
    analysis: ConsultationAnalysis, *, width: int = 640, height: int = 420, legend: bool = True
):
    """The map of participants as inline SVG: dots coloured (and shaped) by group, the groups'
    centres labelled, no name. Without `legend`, the page writes it (see `map_legend`)."""
    from palabre.documents.charts.scatter import Series, scatter

    data = analysis.results or {}
    groups = data.get("groups", [])
    placed = data.get("points_total", 0)
    shown = len(data.get("points", []))
    series = [
        Series(
            label=ngettext(
                "Group %(letter)s: %(count)s participant",
                "Group %(letter)s: %(count)s participants",
                group["size"],
            )
            % {"letter": group_letter(g), "count": group["size"]},
            short=group_letter(g),
            centre=tuple(group["centre"]),
        )
        for g, group in enumerate(groups)
    ]
    description = _(
        "Each dot is a participant, placed by how they voted: people who voted alike are close. "
        "%(groups)s opinion groups, %(placed)s participants on the map."
    ) % {"groups": len(groups), "placed": placed}
    if shown < placed:
        description += " " + _("A sample of %(shown)s of them is drawn.") % {"shown": shown}
    return scatter(
        [tuple(point) for point in data.get("points", [])],
        series=series,
        title=_("Opinion map of the participants"),
        description=description,
        width=width,
        height=height,
        legend=legend,
    )


def map_legend(results: "Results") -> list[tuple]:
    """(marker, words) per group, for a legend written in HTML: readable on a phone, where the
    map's own legend would shrink with it."""
    from palabre.documents.charts.scatter import swatch

    return [
        (
            swatch(group.index),
            ngettext(
                "Group %(letter)s: %(count)s participant",
                "Group %(letter)s: %(count)s participants",
                group.size,
            )
            % {"letter": group.letter, "count": group.size},
        )
        for group in results.groups
    ]


def statement_table(results: Results) -> tuple[list[str], list[list]]:
    """Headers and rows of the statements' statistics, for CSV and XLSX."""
    letters = [group.letter for group in results.groups]
    headers = [
        _("No."),
        _("Statement"),
        _("Seed statement"),
        _("Votes"),
        _("Agree"),
        _("Disagree"),
        _("Pass"),
        _("Agree (%)"),
        _("Disagree (%)"),
        _("Consensus"),
        _("Divisive"),
        _("Spread of agreement between groups (%)"),
    ]
    for letter in letters:
        headers += [
            _("Group %(letter)s: agree") % {"letter": letter},
            _("Group %(letter)s: disagree") % {"letter": letter},
            _("Group %(letter)s: pass") % {"letter": letter},
            _("Group %(letter)s: agree (%%)") % {"letter": letter},
        ]
    consensus_labels = {AGREE: _("agreed by every group"), "disagree": _("rejected by every group")}
    rows = []
    for row in sorted(results.statements, key=lambda row: row.statement.pk):
        line = [
            row.statement.pk,
            row.statement.text,
            _("yes") if row.statement.is_seed else _("no"),
            row.total.votes,
            row.total.agree,
            row.total.disagree,
            row.total.passed,
            row.total.agree_percent,
            row.total.disagree_percent,
            consensus_labels.get(row.consensus, ""),
            _("yes") if row.divisive else _("no"),
            "" if row.spread_percent is None else row.spread_percent,
        ]
        for group in row.groups:
            line += [group.agree, group.disagree, group.passed, group.agree_percent]
        rows.append(line)
    return headers, rows


def consultation_document(consultation: Consultation, analysis: ConsultationAnalysis) -> dict:
    """What the documents app needs to render or issue the report (all but format and issuer).
    One archived report per analysis: a new analysis gives a new document."""
    results = analysis_results(analysis)
    return {
        "subject": consultation,
        "kind": "consultation_report",
        "title": _("Consultation report — %(title)s") % {"title": consultation.title},
        "template_name": "deliberation/documents/consultation_report.html",
        "context": {
            "consultation": consultation,
            "space": consultation.space,
            "analysis": analysis,
            "results": results,
            "map": opinion_map(analysis, width=600, height=400),
            "statements": sorted(results.statements, key=STATEMENT_SORTS["votes"]),
        },
        "key": f"analysis-{analysis.pk}",
        "space": consultation.space,
    }
