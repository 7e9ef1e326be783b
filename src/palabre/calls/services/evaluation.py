"""The committee of a call: naming and removing evaluators, their declaration of interests, their
scores and the moment they hand them in.

An evaluator scores independently: once handed in, the scores are locked (they are what the
ranking counts). Declaring a conflict of interest withdraws the evaluator: the seat is removed
(with the scores it held) and the audit trail keeps the declaration.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record

from ..models import Call, CallStatus, Evaluator, Score, Submission

SCORING_STATUSES = {CallStatus.DRAFT, CallStatus.PUBLISHED}


def _refuse_once_closed(call: Call) -> None:
    if call.status not in SCORING_STATUSES:
        raise ValidationError(
            _("The technical scoring of this call is closed: its committee can no longer change."),
            code="scoring_closed",
        )


@transaction.atomic
def evaluator_add(*, call: Call, email: str, actor) -> Evaluator:
    _refuse_once_closed(call)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account uses this e-mail address.")}, code="no_account"
        )
    if call.submissions.filter(applicant=user).exists():
        raise ValidationError(
            {
                "email": _("%(user)s submitted an offer to this call and cannot evaluate it.")
                % {"user": user}
            },
            code="applicant",
        )
    if call.evaluators.filter(user=user).exists():
        raise ValidationError(
            {"email": _("%(user)s is already on the committee.") % {"user": user}},
            code="already_evaluator",
        )
    evaluator = Evaluator.objects.create(call=call, user=user)
    audit_record(actor=actor, action="calls.evaluator_add", target=call, note=str(user))
    return evaluator


@transaction.atomic
def evaluator_remove(*, evaluator: Evaluator, actor) -> None:
    _refuse_once_closed(evaluator.call)
    audit_record(
        actor=actor,
        action="calls.evaluator_remove",
        target=evaluator.call,
        note=str(evaluator.user),
    )
    evaluator.delete()


@transaction.atomic
def declare_no_conflict(*, evaluator: Evaluator, actor) -> Evaluator:
    if evaluator.no_conflict_declared_at is None:
        evaluator.no_conflict_declared_at = timezone.now()
        evaluator.save(update_fields=["no_conflict_declared_at"])
        audit_record(
            actor=actor, action="calls.no_conflict", target=evaluator.call, note=str(evaluator.user)
        )
    return evaluator


@transaction.atomic
def declare_conflict(*, evaluator: Evaluator, actor) -> None:
    """The evaluator withdraws: no seat means no access to the submissions and no score."""
    if evaluator.submitted_at is not None:
        raise ValidationError(
            _("Your scores are already handed in; ask the secretariat."), code="scores_submitted"
        )
    audit_record(
        actor=actor, action="calls.conflict", target=evaluator.call, note=str(evaluator.user)
    )
    evaluator.delete()


def _refuse_unless_scoring(evaluator: Evaluator) -> None:
    if evaluator.no_conflict_declared_at is None:
        raise ValidationError(
            _("Declare that you have no conflict of interest first."), code="not_declared"
        )
    if evaluator.submitted_at is not None:
        raise ValidationError(
            _("Your scores were handed in on %(date)s and can no longer change.")
            % {"date": date_format(timezone.localtime(evaluator.submitted_at), "DATETIME_FORMAT")},
            code="scores_submitted",
        )
    if evaluator.call.status != CallStatus.PUBLISHED or timezone.now() < evaluator.call.closes_at:
        raise ValidationError(
            _("Offers are scored between the deadline and the close of the technical scoring."),
            code="not_scoring",
        )


@transaction.atomic
def score_save(
    *, evaluator: Evaluator, submission: Submission, criterion, value, comment: str = ""
) -> Score:
    _refuse_unless_scoring(evaluator)
    if criterion.call_id != evaluator.call_id or criterion.is_price:
        raise ValidationError(
            _("Only the technical criteria of this call are scored."), code="not_technical"
        )
    if submission.call_id != evaluator.call_id or not submission.is_current:
        raise ValidationError(
            _("This submission was replaced by a later one and is not scored."), code="not_current"
        )
    value = Decimal(value)
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError({"value": _("A score goes from 0 to 100.")}, code="out_of_range")
    score, _created = Score.objects.update_or_create(
        evaluator=evaluator,
        submission=submission,
        criterion=criterion,
        defaults={"value": value, "comment": comment.strip()},
    )
    return score


@transaction.atomic
def sheet_save(*, evaluator: Evaluator, submission: Submission, entries) -> None:
    """A score sheet at once: `entries` are (criterion, value, comment); one refusal saves none."""
    for criterion, value, comment in entries:
        score_save(
            evaluator=evaluator,
            submission=submission,
            criterion=criterion,
            value=value,
            comment=comment,
        )


def missing_scores(evaluator: Evaluator) -> list[str]:
    """“Applicant: criterion” for each score still to give; empty when the sheet is complete.

    Every current offer is scored, the ineligible ones too: leaving them out would tell the
    evaluator, before the financial parts open, which offers went over the ceiling."""
    call = evaluator.call
    criteria = list(call.criteria.filter(is_price=False))
    submissions = list(call.submissions.filter(is_current=True).order_by("applicant_name", "pk"))
    given = set(
        evaluator.scores.filter(submission__in=submissions).values_list(
            "submission_id", "criterion_id"
        )
    )
    return [
        f"{submission.applicant_name}: {criterion.name}"
        for submission in submissions
        for criterion in criteria
        if (submission.pk, criterion.pk) not in given
    ]


@transaction.atomic
def scores_submit(*, evaluator: Evaluator, actor) -> Evaluator:
    evaluator = Evaluator.objects.select_for_update().select_related("call").get(pk=evaluator.pk)
    _refuse_unless_scoring(evaluator)
    missing = missing_scores(evaluator)
    if missing:
        raise ValidationError(
            _("Still to score: %(missing)s.") % {"missing": "; ".join(missing)},
            code="scores_missing",
        )
    evaluator.submitted_at = timezone.now()
    evaluator.save(update_fields=["submitted_at"])
    audit_record(
        actor=actor, action="calls.scores_submit", target=evaluator.call, note=str(evaluator.user)
    )
    return evaluator
