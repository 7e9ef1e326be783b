from django.db.models import Q, QuerySet

from .models import Membership, Space, Visibility


def roles_of(user) -> dict[int, set[str]]:
    """Current roles of a user per space id, computed once per request and kept on the user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_palabre_roles", None)
    if cached is None:
        cached = {}
        rows = (
            Membership.objects.current().filter(person__user=user).values_list("space_id", "role")
        )
        for space_id, role in rows:
            cached.setdefault(space_id, set()).add(role)
        user._palabre_roles = cached
    return cached


def spaces_visible_to(user) -> QuerySet[Space]:
    spaces = Space.objects.select_related("country", "region", "parent")
    if user.is_authenticated and user.is_staff:
        return spaces
    member_of = list(roles_of(user))
    return spaces.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=member_of))
