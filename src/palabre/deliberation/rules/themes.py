"""Who may do what with the themes of a space.

Every predicate accepts the space, a theme or one of its comments and reasons on the space. Any
current member proposes, supports and comments (observers and diaspora members abroad included);
the secretariat changes statuses; the secretariat and the chair moderate the comments (the chair
leads the debates of the space, so they keep them civil too).
"""

import datetime

import rules
from django.utils import timezone

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space
from palabre.spaces.rules import (
    is_public_space,
    is_space_chair,
    is_space_member,
    is_space_secretariat,
)

from ..models import Theme, ThemeComment, ThemeStatus

# How long the author of a comment may still correct it.
COMMENT_EDIT_WINDOW = datetime.timedelta(minutes=15)


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    if isinstance(obj, ThemeComment):
        obj = obj.theme
    return obj.space


@rules.predicate
def is_member(user, obj) -> bool:
    return is_space_member(user, space_of(obj))


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_chair(user, obj) -> bool:
    return is_space_chair(user, space_of(obj))


@rules.predicate
def is_public(user, obj) -> bool:
    return is_public_space(user, space_of(obj))


@rules.predicate
def is_own_proposal_still_proposed(user, theme) -> bool:
    return (
        isinstance(theme, Theme)
        and user.is_authenticated
        and theme.proposed_by_id == user.pk
        and theme.status == ThemeStatus.PROPOSED
    )


@rules.predicate
def is_own_recent_comment(user, comment) -> bool:
    return (
        isinstance(comment, ThemeComment)
        and user.is_authenticated
        and comment.author_id == user.pk
        and not comment.is_hidden
        and timezone.now() - comment.created_at <= COMMENT_EDIT_WINDOW
    )


can_manage = is_secretariat | is_site_admin
can_take_part = is_member | is_site_admin

rules.add_perm("deliberation.view_themes", is_public | is_member | is_site_admin)
rules.add_perm("deliberation.propose_theme", can_take_part)  # object: the space
rules.add_perm("deliberation.edit_theme", (is_own_proposal_still_proposed & is_member) | can_manage)
rules.add_perm("deliberation.manage_themes", can_manage)  # statuses
rules.add_perm("deliberation.support_theme", can_take_part)
rules.add_perm("deliberation.comment_theme", can_take_part)
rules.add_perm("deliberation.edit_comment", is_own_recent_comment & is_member)
rules.add_perm("deliberation.moderate_comments", is_secretariat | is_chair | is_site_admin)
