"""Who may do what with a space's lessons, recommendations, charter and capitalisation reports.

Every predicate accepts the space or one of its objects, and reasons on the space (and, for
visibility, on the object).

- Reading: a public object of a public space is shown to everyone — for the charter and the
  reports, once a version has been published (a new version being prepared after that stays
  visible: its earlier version was public); members read what is not restricted, drafts included,
  since they review them; a restricted object is for the secretariat, approvers and site
  administrators.
- The register: the secretariat writes lessons and recommendations and follows them up; the
  space's investment officers capture them from the pilot analyses of their tools, and read every
  entry (those captured from a restricted tool are restricted).
- The charter and the reports: the secretariat writes them, in draft only; members comment; an
  approver of the space approves; the secretariat or an approver publishes.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.rules import is_public_space, role_predicates
from palabre.spaces.selectors import roles_of
from palabre.workflow.models import Approvable


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    if hasattr(obj, "recommendation"):  # a follow-up update
        obj = obj.recommendation
    if hasattr(obj, "section"):  # a charter article
        obj = obj.section.charter
    if hasattr(obj, "charter"):  # a charter section or college
        obj = obj.charter
    return getattr(obj, "space", None)


def _target(obj):
    if hasattr(obj, "recommendation"):
        return obj.recommendation
    return obj


is_member, is_secretariat, is_approver = role_predicates(space_of)


@rules.predicate
def is_investment_officer(user, obj) -> bool:
    space = space_of(obj)
    return space is not None and Role.INVESTMENT_OFFICER in roles_of(user).get(space.pk, set())


@rules.predicate
def is_public(user, obj) -> bool:
    """Public, in a public space; an approvable document once a version has been published."""
    target = _target(obj)
    space = space_of(obj)
    if space is None or isinstance(target, Space):
        return False
    if isinstance(target, Approvable) and not (target.is_published or target.version > 1):
        return False
    return target.visibility == Visibility.PUBLIC and space.visibility == Visibility.PUBLIC


@rules.predicate
def is_restricted(user, obj) -> bool:
    target = _target(obj)
    return not isinstance(target, Space) and target.visibility == Visibility.RESTRICTED


@rules.predicate
def is_register_entry(user, obj) -> bool:
    from .models import Lesson, Recommendation

    return isinstance(_target(obj), Lesson | Recommendation)


can_manage = is_secretariat | is_site_admin
# Investment officers read every entry of the register: those they capture from a restricted
# tool are restricted too.
can_view = (
    is_public
    | (is_member & ~is_restricted)
    | is_secretariat
    | is_approver
    | is_site_admin
    | (is_investment_officer & is_register_entry)
)

# Object: the space.
rules.add_perm("knowledge.view_register", is_public_space | is_member | is_site_admin)
rules.add_perm("knowledge.add_lesson", can_manage | is_investment_officer)
rules.add_perm("knowledge.add_recommendation", can_manage | is_investment_officer)
rules.add_perm("knowledge.add_charter", can_manage)
rules.add_perm("knowledge.add_report", can_manage)
# Object: a lesson, a recommendation, a follow-up update, the charter or a report.
rules.add_perm("knowledge.view", can_view)
rules.add_perm("knowledge.edit_entry", can_view & (can_manage | is_investment_officer))
rules.add_perm("knowledge.follow_up", can_view & can_manage)
rules.add_perm("knowledge.edit_charter", can_manage)
rules.add_perm("knowledge.review_charter", (is_member & can_view) | is_site_admin)
rules.add_perm("knowledge.approve_charter", is_approver)
rules.add_perm("knowledge.publish_charter", can_manage | is_approver)
rules.add_perm("knowledge.edit_report", can_manage)
rules.add_perm("knowledge.review_report", (is_member & can_view) | is_site_admin)
rules.add_perm("knowledge.approve_report", is_approver)
rules.add_perm("knowledge.publish_report", can_manage | is_approver)
