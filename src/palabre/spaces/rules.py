"""Who may do what in a space. Roles come from current memberships (see selectors.roles_of)."""

import rules

from palabre.core.rules import is_site_admin

from .models import Role, Visibility
from .selectors import roles_of

MANAGING_ROLES = {Role.SECRETARIAT}


@rules.predicate
def is_space_member(user, space) -> bool:
    return space is not None and space.pk in roles_of(user)


@rules.predicate
def is_space_secretariat(user, space) -> bool:
    return space is not None and bool(roles_of(user).get(space.pk, set()) & MANAGING_ROLES)


@rules.predicate
def is_space_approver(user, space) -> bool:
    return space is not None and Role.APPROVER in roles_of(user).get(space.pk, set())


@rules.predicate
def is_space_chair(user, space) -> bool:
    return space is not None and Role.CHAIR in roles_of(user).get(space.pk, set())


@rules.predicate
def is_public_space(user, space) -> bool:
    return space is not None and space.visibility == Visibility.PUBLIC


@rules.predicate
def is_member_of_any_space(user) -> bool:
    return bool(roles_of(user))


@rules.predicate
def is_secretariat_of_any_space(user) -> bool:
    return any(roles & MANAGING_ROLES for roles in roles_of(user).values())


rules.add_perm("spaces.view_space", is_public_space | is_space_member | is_site_admin)
rules.add_perm("spaces.view_members_area", is_space_member | is_site_admin)
rules.add_perm("spaces.manage_members", is_space_secretariat | is_site_admin)
rules.add_perm("spaces.change_space", is_space_secretariat | is_site_admin)
rules.add_perm("spaces.add_space", is_site_admin)
rules.add_perm("spaces.manage_colleges", is_space_secretariat | is_site_admin)


def role_predicates(space_of):
    """The member, secretariat and approver predicates for objects kept by a space, which
    `space_of(obj)` finds (it receives the space itself too)."""

    @rules.predicate
    def is_member(user, obj) -> bool:
        return is_space_member(user, space_of(obj))

    @rules.predicate
    def is_secretariat(user, obj) -> bool:
        return is_space_secretariat(user, space_of(obj))

    @rules.predicate
    def is_approver(user, obj) -> bool:
        return is_space_approver(user, space_of(obj))

    return is_member, is_secretariat, is_approver
