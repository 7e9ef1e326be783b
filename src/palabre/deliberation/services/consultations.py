"""Running a consultation: prepare, open and close it, take statements and votes, moderate, and
analyse the votes into opinion groups (in a background job)."""

import contextlib
import re
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.jobs.models import Job
from palabre.jobs.services import job_start
from palabre.notifications.services import notify
from palabre.spaces.models import SpaceStatus, Visibility

from ..analysis import analyse
from ..models import (
    CONSULTATION_TRANSITIONS,
    Consultation,
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
    VoteValue,
)
from ..selectors_consultations import (
    ANALYSIS_JOB,
    analysis_running,
    members_to_tell,
    vote_matrix_of,
)

# What the secretariat may set on a consultation; the status follows from the actions.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "question",
        "description",
        "theme",
        "visibility",
        "participants_may_submit",
        "statement_max_length",
        "closes_at",
    }
)
# Changing these after the first vote would change what people voted on.
FROZEN_ONCE_OPEN = frozenset({"question"})
MIN_STATEMENT_LENGTH = 10
# The analysis, step by step, as the job reports its progress (done = steps finished).
ANALYSIS_STEPS = [
    ("load", gettext_lazy("Loading the votes")),
    ("pca", gettext_lazy("Placing the participants on the map (PCA)")),
    ("clustering", gettext_lazy("Finding the opinion groups (k-means)")),
    ("statistics", gettext_lazy("Counting the votes of each group")),
    ("save", gettext_lazy("Saving the results")),
]
STEP_INDEX = {name: index for index, (name, _label) in enumerate(ANALYSIS_STEPS)}


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable on a consultation: {', '.join(sorted(unknown))}")


def _check_theme(consultation: Consultation) -> None:
    if consultation.theme is not None and consultation.theme.space_id != consultation.space_id:
        raise ValidationError({"theme": _("Choose a theme of this space.")})


def _check_visibility(consultation: Consultation) -> None:
    if consultation.visibility not in (Visibility.PUBLIC, Visibility.MEMBERS):
        raise ValidationError({"visibility": _("A consultation is public or for members.")})


# --- the consultation ---------------------------------------------------------------------------


@transaction.atomic
def consultation_create(*, space, actor, **fields) -> Consultation:
    """A new consultation of the space, in preparation: nobody but the secretariat sees it."""
    _check_fields(fields)
    if space.status == SpaceStatus.CLOSED:
        raise ValidationError(_("A closed space holds no more consultations."))
    consultation = Consultation(space=space, created_by=actor)
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    _check_theme(consultation)
    _check_visibility(consultation)
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.create",
        target=consultation,
        changes=field_changes({}, snapshot(consultation, sorted(_attnames(fields)))),
    )
    return consultation


def _attnames(fields: dict) -> list[str]:
    return [f"{name}_id" if name == "theme" else name for name in fields]


@transaction.atomic
def consultation_update(*, consultation: Consultation, actor, **fields) -> Consultation:
    _check_fields(fields)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.DRAFT:
        frozen = [
            name
            for name in FROZEN_ONCE_OPEN
            if name in fields and fields[name] != getattr(consultation, name)
        ]
        if frozen and consultation.votes.exists():
            raise ValidationError(
                {"question": _("People have voted: the question can no longer change.")}
            )
    names = sorted(_attnames(EDITABLE_FIELDS))
    before = snapshot(consultation, names)
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    _check_theme(consultation)
    _check_visibility(consultation)
    consultation.save()
    changes = field_changes(before, snapshot(consultation, names))
    if changes:
        audit_record(
            actor=actor, action="consultation.update", target=consultation, changes=changes
        )
    return consultation


def consultation_statuses_after(status: str) -> list[str]:
    return [s for s in ConsultationStatus.values if s in CONSULTATION_TRANSITIONS[status]]


def consultation_set_status(*, consultation: Consultation, actor, status: str) -> Consultation:
    """Open (from preparation, or again after closing) or close. Opening tells the members of
    the space; closing starts the final analysis when there are votes."""
    with transaction.atomic():
        consultation = (
            Consultation.objects.select_for_update(of=("self",))
            .select_related("space")
            .get(pk=consultation.pk)
        )
        if status not in CONSULTATION_TRANSITIONS.get(consultation.status, set()):
            raise ValidationError(
                _("A consultation “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": consultation.get_status_display(),
                    "to": ConsultationStatus(status).label
                    if status in ConsultationStatus.values
                    else status,
                }
            )
        if status == ConsultationStatus.OPEN:
            _check_may_open(consultation)
        before = snapshot(consultation, ["status"])
        first_opening = consultation.status == ConsultationStatus.DRAFT
        consultation.status = status
        consultation.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=f"consultation.{'open' if status == ConsultationStatus.OPEN else 'close'}",
            target=consultation,
            changes=field_changes(before, snapshot(consultation, ["status"])),
        )
        if status == ConsultationStatus.OPEN and first_opening:
            _tell_members_it_opens(consultation)
    if status == ConsultationStatus.CLOSED and consultation.votes.exists():
        # An analysis already under way does the same.
        with contextlib.suppress(ValidationError):
            consultation_analysis_start(consultation=consultation, actor=actor)
    return consultation


def _check_may_open(consultation: Consultation) -> None:
    if consultation.space.status == SpaceStatus.CLOSED:
        raise ValidationError(_("A closed space holds no more consultations."))
    if not consultation.statements.filter(status=StatementStatus.ACCEPTED).exists():
        raise ValidationError(
            _("Add at least one statement to vote on before opening the consultation.")
        )
    if consultation.closes_at is not None and consultation.closes_at <= timezone.now():
        raise ValidationError(
            _("Its closing date has passed: set a later one (or none) before opening it.")
        )


def _tell_members_it_opens(consultation: Consultation) -> None:
    transaction.on_commit(
        lambda: notify(
            recipients=members_to_tell(consultation.space),
            subject=format_lazy(
                gettext_lazy("Consultation open: {title}"), title=consultation.title
            ),
            body=format_lazy(
                gettext_lazy(
                    "{question}\n\nVote on the statements of the other participants and add "
                    "your own: it takes a few minutes."
                ),
                question=consultation.question,
            ),
            url=consultation.get_absolute_url(),
            kind="consultation_open",
        )
    )


# --- statements ---------------------------------------------------------------------------------


def normalised_statement(text: str) -> str:
    """What makes two statements the same: letters and digits, without case or accents."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def _clean_text(consultation: Consultation, text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) < MIN_STATEMENT_LENGTH:
        raise ValidationError(
            {
                "text": _("Write a statement of at least %(min)s characters.")
                % {"min": MIN_STATEMENT_LENGTH}
            }
        )
    if len(text) > consultation.statement_max_length:
        raise ValidationError(
            {
                "text": _("A statement has at most %(max)s characters; this one has %(length)s.")
                % {"max": consultation.statement_max_length, "length": len(text)}
            }
        )
    key = normalised_statement(text)
    existing = consultation.statements.values_list("text", flat=True)
    if any(normalised_statement(other) == key for other in existing.iterator()):
        raise ValidationError({"text": _("This statement has already been submitted.")})
    return text


def _locked(consultation: Consultation) -> Consultation:
    """The consultation, locked: two statements submitted at once are checked one after the
    other for duplicates."""
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("space")
        .get(pk=consultation.pk)
    )


@transaction.atomic
def statement_submit(*, consultation: Consultation, author, text: str) -> Statement:
    """A participant's statement, waiting for moderation."""
    consultation = _locked(consultation)
    if not consultation.is_open_now:
        raise ValidationError(_("This consultation is not open: it takes no more statements."))
    if not consultation.participants_may_submit:
        raise ValidationError(_("In this consultation, only the organisers write statements."))
    statement = Statement.objects.create(
        consultation=consultation, author=author, text=_clean_text(consultation, text)
    )
    audit_record(actor=author, action="statement.submit", target=statement)
    return statement


@transaction.atomic
def statement_seed_add(*, consultation: Consultation, actor, text: str) -> Statement:
    """A statement of the organisers, to start the conversation: accepted at once."""
    consultation = _locked(consultation)
    if consultation.status == ConsultationStatus.CLOSED:
        raise ValidationError(_("This consultation is closed: it takes no more statements."))
    statement = Statement.objects.create(
        consultation=consultation,
        author=actor,
        text=_clean_text(consultation, text),
        is_seed=True,
        status=StatementStatus.ACCEPTED,
        moderated_by=actor,
        moderated_at=timezone.now(),
    )
    audit_record(actor=actor, action="statement.seed", target=statement)
    return statement


MODERATION = {"accept": StatementStatus.ACCEPTED, "reject": StatementStatus.REJECTED}


@transaction.atomic
def statement_moderate(
    *, statement: Statement, actor, decision: str, reason: str = ""
) -> Statement:
    """Accept or reject (with a reason the author reads) a statement; a decision may be
    reversed, with a reason too. Votes on a statement rejected later are kept but no longer
    counted."""
    if decision not in MODERATION:
        raise ValidationError(_("Choose to accept or reject the statement."))
    statement = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("consultation__space", "author")
        .get(pk=statement.pk)
    )
    status = MODERATION[decision]
    reason = " ".join((reason or "").split())
    if statement.status == status:
        raise ValidationError(
            _("This statement is already %(status)s.")
            % {"status": statement.get_status_display().lower()}
        )
    if status == StatementStatus.REJECTED and not reason:
        raise ValidationError(
            {"reason": _("Say why the statement is rejected: its author reads it.")}
        )
    if statement.status != StatementStatus.PENDING and not reason:
        raise ValidationError({"reason": _("Say why the earlier decision changes.")})
    fields = ["status", "moderation_reason", "moderated_by_id"]
    before = snapshot(statement, fields)
    statement.status = status
    statement.moderation_reason = reason[:300]
    statement.moderated_by = actor
    statement.moderated_at = timezone.now()
    statement.full_clean()
    statement.save()
    audit_record(
        actor=actor,
        action=f"statement.{decision}",
        target=statement,
        changes=field_changes(before, snapshot(statement, fields)),
        note=reason,
    )
    if not statement.is_seed and statement.author_id != getattr(actor, "pk", None):
        _tell_author(statement)
    return statement


def _tell_author(statement: Statement) -> None:
    consultation = statement.consultation
    if statement.status == StatementStatus.ACCEPTED:
        subject = format_lazy(
            gettext_lazy("Your statement is accepted: {title}"), title=consultation.title
        )
        body = format_lazy(
            gettext_lazy("“{text}” is now shown to the participants."), text=statement.text
        )
    else:
        subject = format_lazy(
            gettext_lazy("Your statement was not accepted: {title}"), title=consultation.title
        )
        body = format_lazy(
            gettext_lazy("“{text}”\nReason: {reason}"),
            text=statement.text,
            reason=statement.moderation_reason,
        )
    notify(
        recipients=[statement.author],
        subject=subject,
        body=body,
        url=consultation.get_absolute_url(),
        kind="consultation_statement",
        email=False,
    )


# --- votes --------------------------------------------------------------------------------------


def statement_vote(*, statement: Statement, participant, value) -> tuple[StatementVote, bool]:
    """Agree, disagree or pass on a statement; voting again changes the vote. Returns the vote
    and whether it changed an earlier one (a change is audited, without what was voted)."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in VoteValue.values:
        raise ValidationError(_("Choose agree, disagree or pass."))
    consultation = statement.consultation
    if not consultation.is_open_now:
        raise ValidationError(_("This consultation is not open: votes are no longer taken."))
    if statement.status != StatementStatus.ACCEPTED:
        raise ValidationError(_("This statement is not open to votes."))
    with transaction.atomic():
        vote, created = StatementVote.objects.get_or_create(
            statement=statement,
            participant=participant,
            defaults={"consultation": consultation, "value": value},
        )
        changed = not created and vote.value != value
        if changed:
            vote.value = value
            vote.save(update_fields=["value", "voted_at"])
            audit_record(
                actor=participant,
                action="statement.vote_change",
                target=statement,
                note="vote changed",  # not what was voted: votes stay anonymous
            )
    return vote, changed


# --- analysis -----------------------------------------------------------------------------------


def consultation_analysis_start(*, consultation: Consultation, actor) -> Job:
    """Runs the analysis in the background (in this process without workers); one at a time."""
    if analysis_running(consultation) is not None:
        raise ValidationError(_("An analysis of this consultation is already under way."))
    if not consultation.votes.exists():
        raise ValidationError(_("Nobody has voted yet: there is nothing to analyse."))
    return job_start(
        name=ANALYSIS_JOB,
        user=actor,
        params={"consultation_id": consultation.pk},
        label=_("Analysis of the consultation “%(title)s”") % {"title": consultation.title[:120]},
    )


def consultation_analysis_run(
    *,
    consultation: Consultation,
    actor=None,
    job: Job | None = None,
    on_step: Callable[[int], None] | None = None,
) -> ConsultationAnalysis:
    """Reads the votes, analyses them (see analysis.py) and stores the result; `on_step` is
    told the number of steps done (of ANALYSIS_STEPS) as each one begins."""

    def step(name: str) -> None:
        if on_step is not None:
            on_step(STEP_INDEX[name])

    step("load")
    matrix = vote_matrix_of(consultation)
    result = analyse(matrix, progress=step)
    step("save")
    with transaction.atomic():
        analysis = ConsultationAnalysis.objects.create(
            consultation=consultation,
            job=job,
            participant_count=result.voter_count,
            statement_count=result.statement_count,
            vote_count=result.vote_count,
            group_count=result.group_count,
            silhouette=None if result.silhouette is None else round(result.silhouette, 4),
            explained_variance=result.explained_variance,
            results=result.results(),
        )
        audit_record(
            actor=actor,
            action="consultation.analyse",
            target=consultation,
            note=f"{result.voter_count} participants, {result.vote_count} votes, "
            f"{result.group_count} groups",
        )
    return analysis
