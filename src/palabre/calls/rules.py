"""Who may do what with a call.

- A published call of a public space is public (its page, terms of reference, grid, deadline);
  a draft is for the secretariat of its space and site administrators.
- The secretariat of the call's space (and site administrators) prepare it, publish it, name the
  evaluators, close the technical scoring and decide.
- Anyone signed in may submit while it is open (the deadline is the service's, to the second);
  an applicant sees only their own submissions.
- An evaluator sees nothing of the submissions before declaring no conflict of interest; then
  the technical parts; the financial parts and the ranking only once the technical scoring is
  closed. Views check that state themselves too, because site administrators pass every rule.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.rules import is_space_secretariat

from .models import Call, CallStatus


def call_of(obj) -> Call | None:
    if obj is None or isinstance(obj, Space):
        return None
    if isinstance(obj, Call):
        return obj
    if hasattr(obj, "submission"):  # a file or a score
        obj = obj.submission
    return getattr(obj, "call", None)


def space_of(obj) -> Space | None:
    if isinstance(obj, Space):
        return obj
    call = call_of(obj)
    return call.space if call is not None else None


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_published_public(user, obj) -> bool:
    call = call_of(obj)
    return (
        call is not None
        and call.status != CallStatus.DRAFT
        and call.space.visibility == Visibility.PUBLIC
    )


def _seat(user, obj):
    call = call_of(obj)
    if call is None or not user.is_authenticated:
        return None
    cache = getattr(user, "_palabre_call_seats", None)
    if cache is None:
        cache = user._palabre_call_seats = {}
    if call.pk not in cache:
        cache[call.pk] = call.evaluators.filter(user=user).first()
    return cache[call.pk]


@rules.predicate
def is_evaluator(user, obj) -> bool:
    return _seat(user, obj) is not None


@rules.predicate
def declared_no_conflict(user, obj) -> bool:
    seat = _seat(user, obj)
    return seat is not None and seat.no_conflict_declared_at is not None


@rules.predicate
def financial_parts_open(user, obj) -> bool:
    call = call_of(obj)
    return call is not None and call.financial_parts_open


@rules.predicate
def is_applicant(user, submission) -> bool:
    return user.is_authenticated and getattr(submission, "applicant_id", None) == user.pk


can_manage = is_secretariat | is_site_admin

# Object: the space (creating a call) or the call.
rules.add_perm("calls.add_call", can_manage)
rules.add_perm("calls.view_call", is_published_public | can_manage | is_evaluator)
rules.add_perm("calls.manage_call", can_manage)
rules.add_perm("calls.submit", rules.is_authenticated & is_published_public)
# Object: a submission.
rules.add_perm("calls.view_submission", is_applicant | can_manage)
# Object: the call.
rules.add_perm("calls.declare_no_conflict", is_evaluator)
rules.add_perm("calls.evaluate", declared_no_conflict)
rules.add_perm("calls.view_financial", financial_parts_open & (declared_no_conflict | can_manage))
rules.add_perm("calls.view_ranking", financial_parts_open & (declared_no_conflict | can_manage))

# --- applicants part: the list of one's own submissions (each row is one's own).
rules.add_perm("calls.view_own_submissions", rules.is_authenticated)
