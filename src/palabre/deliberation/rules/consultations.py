"""Who may do what with the consultations of a space.

- The secretariat of the space (and site administrators) prepare, open, close and moderate
  consultations and run the analysis; a consultation in preparation is theirs alone.
- Members of the space take part in every consultation of the space once it is open: they vote
  and submit statements. A **public** consultation of a public space is open to every signed-in
  user too, members or not: that is what makes a consultation of thousands possible.
- Whoever may take part sees the latest results while it is open (participants follow the map as
  it forms). Anonymous visitors read a public consultation's question and statements, and its
  results once it is over; to take part, or to follow the results before, they sign in.
- Participants stay anonymous: nobody, the secretariat included, sees who voted what.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.rules import is_space_member, is_space_secretariat

from ..models.consultations import Consultation, ConsultationStatus


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    consultation = getattr(obj, "consultation", obj)
    return consultation.space


def consultation_of(obj) -> Consultation | None:
    if obj is None or isinstance(obj, Space):
        return None
    return obj if isinstance(obj, Consultation) else obj.consultation


@rules.predicate
def is_member(user, obj) -> bool:
    return is_space_member(user, space_of(obj))


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_public_consultation(user, obj) -> bool:
    consultation = consultation_of(obj)
    return (
        consultation is not None
        and consultation.visibility == Visibility.PUBLIC
        and consultation.space.visibility == Visibility.PUBLIC
    )


@rules.predicate
def is_prepared(user, obj) -> bool:
    """Out of preparation: open, or closed."""
    consultation = consultation_of(obj)
    return consultation is not None and consultation.status != ConsultationStatus.DRAFT


@rules.predicate
def is_over(user, obj) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_over


can_manage = is_secretariat | is_site_admin
may_take_part = is_member | (is_public_consultation & rules.is_authenticated)
can_see = can_manage | (is_prepared & (is_member | is_public_consultation))
can_see_results = can_manage | (
    is_prepared & (is_member | (is_public_consultation & (rules.is_authenticated | is_over)))
)

rules.add_perm("deliberation.view_consultation", can_see)
rules.add_perm("deliberation.add_consultation", can_manage)  # object: the space
rules.add_perm("deliberation.manage_consultation", can_manage)
# Whether the consultation is open now is the services' business: they refuse with a message.
rules.add_perm("deliberation.take_part_consultation", can_see & may_take_part)
rules.add_perm("deliberation.view_consultation_results", can_see_results)
