"""Expressions of interest: an investor tells an opportunity's officers and promoter that they
are interested, and those follow it through its statuses until a commitment or a refusal.

The statuses move forward one step at a time, each with its date and a note; either side may
decline at any step, and a commitment may still fall through (committed → declined, with a
reason). Declined is final: a new discussion would need the investor to say so again.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.audit.services import audit_record
from palabre.core.currencies import DEFAULT_CURRENCY
from palabre.core.permissions import check_perm
from palabre.notifications.services import notify

from ..models import (
    ExpressionOfInterest,
    InterestStatus,
    InterestStatusChange,
    InvestorProfile,
    Opportunity,
)
from ..selectors.interests import officer_users_of

S = InterestStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.IN_CONTACT, S.DECLINED}),
    S.IN_CONTACT: frozenset({S.MEETING_HELD, S.DECLINED}),
    S.MEETING_HELD: frozenset({S.COMMITTED, S.DECLINED}),
    S.COMMITTED: frozenset({S.DECLINED}),
    S.DECLINED: frozenset(),
}


def allowed_statuses(interest: ExpressionOfInterest) -> list[str]:
    """The statuses the interest may move to, in the order of the pipeline."""
    return [status for status in S.values if status in TRANSITIONS[interest.status]]


def already_expressed() -> ValidationError:
    return ValidationError(
        _("You have already expressed an interest in this opportunity."), code="interest_repeated"
    )


@transaction.atomic
def interest_express(
    *,
    opportunity: Opportunity,
    investor: InvestorProfile,
    actor,
    message: str,
    amount_considered=None,
    currency: str = DEFAULT_CURRENCY,
    support_offered=(),
    share_contact: bool = True,
) -> ExpressionOfInterest:
    """The investor's own expression of interest in an opportunity they may see, while it is
    open or in discussion; one per investor and opportunity."""
    check_perm(actor, "investment.express_interest", opportunity)
    # Locks the profile: two quick clicks make one expression of interest, not an error page.
    investor = InvestorProfile.objects.select_for_update().get(pk=investor.pk)
    if investor.user_id != actor.pk:
        raise ValidationError(_("You can express an interest only with your own profile."))
    if not opportunity.accepts_interest:
        raise ValidationError(
            _("This opportunity is %(status)s: it no longer takes expressions of interest.")
            % {"status": opportunity.get_status_display().lower()},
            code="interest_closed",
        )
    if not message.strip():
        raise ValidationError({"message": _("Say a few words about your interest.")})
    if ExpressionOfInterest.objects.filter(opportunity=opportunity, investor=investor).exists():
        raise already_expressed()
    interest = ExpressionOfInterest(
        opportunity=opportunity,
        investor=investor,
        message=message.strip(),
        amount_considered=amount_considered,
        currency=currency,
        share_contact=share_contact,
        status=S.RECEIVED,
        status_changed_at=timezone.now(),
    )
    interest.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:
        raise already_expressed() from error
    interest.support_offered.set(support_offered)
    InterestStatusChange.objects.create(
        interest=interest, from_status="", to_status=S.RECEIVED, by=actor
    )
    audit_record(
        actor=actor,
        action="investment.interest_express",
        target=interest,
        changes={"status": ["", S.RECEIVED], "share_contact": [None, share_contact]},
    )
    _announce_new(interest)
    return interest


@transaction.atomic
def interest_status_change(
    *,
    interest: ExpressionOfInterest,
    actor,
    status: str,
    date: datetime.date | None = None,
    note: str = "",
) -> ExpressionOfInterest:
    """Move the interest one step (see TRANSITIONS), dated; the investor is told."""
    check_perm(actor, "investment.change_interest_status", interest)
    interest = (
        ExpressionOfInterest.objects.select_for_update()
        .select_related("investor__user", "opportunity")
        .get(pk=interest.pk)
    )
    today = timezone.localdate()
    date = date or today
    note = note.strip()
    current = interest.status
    if status not in TRANSITIONS[current]:
        allowed = [str(S(choice).label).lower() for choice in allowed_statuses(interest)]
        if allowed:
            text = _(
                "An expression of interest “%(current)s” cannot become “%(status)s”; it can "
                "become: %(allowed)s."
            ) % {
                "current": S(current).label,
                "status": S(status).label if status in S.values else status,
                "allowed": _(", ").join(allowed),
            }
        else:
            text = _("A declined expression of interest cannot change any more.")
        raise ValidationError({"status": text}, code="interest_status_not_allowed")
    if current == S.COMMITTED and not note:
        raise ValidationError(
            {"note": _("Say why the commitment fell through.")}, code="interest_note_required"
        )
    if date > today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    last = interest.status_changes.order_by("-date", "-pk").first()
    earliest = last.date if last else timezone.localdate(interest.created_at)
    if date < earliest:
        raise ValidationError(
            {
                "date": _("The date cannot be before the previous step (%(date)s).")
                % {"date": date_format(earliest, "DATE_FORMAT")}
            }
        )
    interest.status = status
    interest.status_changed_at = timezone.now()
    interest.save(update_fields=["status", "status_changed_at"])
    InterestStatusChange.objects.create(
        interest=interest, from_status=current, to_status=status, date=date, note=note, by=actor
    )
    audit_record(
        actor=actor,
        action="investment.interest_status",
        target=interest,
        changes={"status": [current, status]},
        note=f"{date.isoformat()}: {note}" if note else date.isoformat(),
    )
    _announce_status(interest, note)
    return interest


def _announce_new(interest: ExpressionOfInterest) -> None:
    opportunity, investor = interest.opportunity, interest.investor
    recipients = list(officer_users_of(opportunity.space))
    if opportunity.promoter_id:
        recipients.append(opportunity.promoter)
    notify(
        recipients=[user for user in recipients if user.pk != investor.user_id],
        subject=format_lazy(
            gettext_lazy("Expression of interest in “{title}”"), title=opportunity.title
        ),
        body=lambda user: (
            _("%(investor)s (%(country)s) is interested: %(message)s")
            % {
                "investor": investor.name,
                "country": investor.country_of_residence.name,
                "message": Truncator(interest.message).chars(300),
            }
        ),
        url=interest.get_absolute_url(),
        kind="investment.interest_received",
    )


def _announce_status(interest: ExpressionOfInterest, note: str) -> None:
    notify(
        recipients=[interest.investor.user],
        subject=lambda user: (
            _("Your interest in “%(title)s”: %(status)s")
            % {"title": interest.opportunity.title, "status": interest.get_status_display()}
        ),
        body=lambda user: note,
        url=interest.get_absolute_url(),
        kind="investment.interest_status",
    )
