"""Who may read and keep the indicators of a space.

- The dashboard's figures are aggregates: a public indicator of a public space is shown to
  everyone, members read every indicator that is not restricted.
- Opening a figure down to its records shows people and private records: the secretariat, the
  approvers (who must be able to check what they sign) and site administrators.
- The secretariat (and site administrators) define the indicators and enter the values measured
  by hand.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.rules import role_predicates


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    if hasattr(obj, "indicator"):  # an entered value
        obj = obj.indicator
    return obj.space


is_member, is_secretariat, is_approver = role_predicates(space_of)


@rules.predicate
def is_public(user, obj) -> bool:
    space = space_of(obj)
    if space is None or space.visibility != Visibility.PUBLIC:
        return False
    return isinstance(obj, Space) or _visibility(obj) == Visibility.PUBLIC


def _visibility(obj) -> str:
    indicator = obj.indicator if hasattr(obj, "indicator") else obj
    return indicator.visibility


@rules.predicate
def is_restricted(user, obj) -> bool:
    return not isinstance(obj, Space) and _visibility(obj) == Visibility.RESTRICTED


can_manage = is_secretariat | is_site_admin
can_view = is_public | (is_member & ~is_restricted) | is_secretariat | is_approver | is_site_admin

# Object: the space (its dashboard lists what each visitor may see) or an indicator.
rules.add_perm("indicators.view", can_view)
rules.add_perm("indicators.view_records", is_secretariat | is_approver | is_site_admin)
# Object: the space.
rules.add_perm("indicators.manage", can_manage)
# Object: an indicator.
rules.add_perm("indicators.enter_value", can_manage)
