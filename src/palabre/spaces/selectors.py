from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from palabre.core.rules import is_site_admin

from .models import College, Membership, Role, Space, Visibility


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
    spaces = Space.objects.select_related("country", "parent").prefetch_related("regions")
    if is_site_admin.test(user):
        return spaces
    member_of = list(roles_of(user))
    return spaces.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=member_of))


def space_for(user, slug: str) -> Space:
    """The space if the user may see it; 404 otherwise, so hidden spaces stay unknown."""
    return get_object_or_404(spaces_visible_to(user), slug=slug)


def colleges_with_counts(space: Space) -> QuerySet[College]:
    today = timezone.localdate()
    current = Q(memberships__start_date__lte=today) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    )
    return space.colleges.annotate(
        member_count=Count("memberships__person", filter=current, distinct=True)
    )


def officers_of(space: Space) -> QuerySet[Membership]:
    """Current chair and secretariat: names only, shown on the public page."""
    return (
        Membership.objects.current()
        .filter(space=space, role__in=[Role.CHAIR, Role.SECRETARIAT])
        .select_related("person")
        .order_by("role", "person__last_name")
    )


def current_members(space: Space) -> QuerySet[Membership]:
    """Current memberships ordered by college, for the members' area (grouped by college)."""
    return (
        Membership.objects.current()
        .filter(space=space)
        .select_related("person", "college", "organisation")
        .order_by(
            F("college__order").asc(nulls_last=True),
            "college__name",
            "person__last_name",
            "person__first_name",
            "role",
        )
    )
