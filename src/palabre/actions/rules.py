"""Who may do what with the action plans of a space, their actions and their progress.

Every predicate accepts the space, a plan, an action or a progress update, and reasons on the
space (and, for visibility, on the plan).

- Reading a plan: a public plan of a public space is shown to everyone once it has been published
  (a new version being prepared after that stays visible: its earlier version was public); the
  members of the space read every plan that is not restricted, drafts included, since they are
  its reviewers; a restricted plan is for the secretariat, the approvers and site administrators.
- Writing the plan and its actions: the secretariat (and site administrators), in draft only.
- Approving: an approver of the space; publishing: the secretariat or an approver.
- Recording progress: the secretariat (and site administrators), and the members of the space
  whose directory entry belongs to the action's lead organisation — they are the ones doing it.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.rules import is_space_approver, is_space_member, is_space_secretariat


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    plan = plan_of(obj)
    return plan.space if plan is not None else None


def plan_of(obj):
    """The plan of a plan, an action or a progress update; None for a space."""
    if obj is None or isinstance(obj, Space):
        return None
    if hasattr(obj, "action"):  # a progress update
        obj = obj.action
    return getattr(obj, "plan", obj)


@rules.predicate
def is_member(user, obj) -> bool:
    return is_space_member(user, space_of(obj))


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_approver(user, obj) -> bool:
    return is_space_approver(user, space_of(obj))


@rules.predicate
def was_published(user, obj) -> bool:
    """Published now, or being revised after a publication (a new version starts only from a
    published one, so any version after the first was preceded by a public one)."""
    plan = plan_of(obj)
    return plan is not None and (plan.is_published or plan.version > 1)


@rules.predicate
def is_public_plan(user, obj) -> bool:
    plan = plan_of(obj)
    return (
        plan is not None
        and plan.visibility == Visibility.PUBLIC
        and plan.space.visibility == Visibility.PUBLIC
    )


@rules.predicate
def is_restricted_plan(user, obj) -> bool:
    plan = plan_of(obj)
    return plan is not None and plan.visibility == Visibility.RESTRICTED


@rules.predicate
def leads_the_action(user, obj) -> bool:
    """A member of the space whose organisation leads the action."""
    action = obj.action if hasattr(obj, "action") else obj
    organisation_id = getattr(action, "lead_organisation_id", None)
    if not user.is_authenticated or organisation_id is None:
        return False
    person = getattr(user, "person", None)
    return person is not None and person.organisation_id == organisation_id


can_manage = is_secretariat | is_site_admin
can_view = (
    (was_published & is_public_plan)
    | (is_member & ~is_restricted_plan)
    | is_secretariat
    | is_approver
    | is_site_admin
)

# Object: the space.
rules.add_perm("actions.add_plan", can_manage)
# Object: a plan (or one of its actions).
rules.add_perm("actions.view_plan", can_view)
rules.add_perm("actions.edit_plan", can_manage)
rules.add_perm("actions.review_plan", (is_member & can_view) | is_site_admin)
rules.add_perm("actions.approve_plan", is_approver)
rules.add_perm("actions.publish_plan", can_manage | is_approver)
# Object: an action.
rules.add_perm("actions.update_progress", can_view & (can_manage | (is_member & leads_the_action)))
# Object: the space; the plan chosen is checked with edit_plan.
rules.add_perm("actions.promote", can_manage)
