"""Who may do what with the prioritisation rounds of a space.

A round in preparation is the secretariat's; once open, whoever sees the space sees it (and the
number of ballots cast), and its results once it is closed. Only eligible voters vote: current
members of the space, or of the round's college, except observers (see selectors_rounds).
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space
from palabre.spaces.rules import is_public_space, is_space_member, is_space_secretariat

from ..models import PrioritisationRound, RoundStatus
from ..selectors_rounds import is_eligible, results_are_out


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    return obj.space


@rules.predicate
def is_member(user, obj) -> bool:
    return is_space_member(user, space_of(obj))


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_public(user, obj) -> bool:
    return is_public_space(user, space_of(obj))


@rules.predicate
def is_prepared(user, obj) -> bool:
    return isinstance(obj, PrioritisationRound) and obj.status != RoundStatus.DRAFT


@rules.predicate
def is_eligible_voter(user, obj) -> bool:
    return isinstance(obj, PrioritisationRound) and is_eligible(obj, user)


@rules.predicate
def has_results(user, obj) -> bool:
    return isinstance(obj, PrioritisationRound) and results_are_out(obj)


can_manage = is_secretariat | is_site_admin
can_see_space = is_public | is_member | is_site_admin

rules.add_perm("deliberation.view_rounds", can_see_space)  # object: the space
rules.add_perm("deliberation.view_round", (is_prepared & can_see_space) | can_manage)
rules.add_perm("deliberation.manage_rounds", can_manage)  # object: the space or the round
rules.add_perm("deliberation.vote_round", is_prepared & is_eligible_voter)
rules.add_perm("deliberation.view_round_results", has_results & can_see_space)
