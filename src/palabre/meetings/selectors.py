"""Reading meetings: which ones a user may see, and one meeting found or hidden."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Role, Visibility
from palabre.spaces.selectors import roles_of, space_for

from .models import Meeting


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Public meetings of public spaces, members' meetings of the user's spaces, the restricted
    ones they are invited to, and every meeting of the spaces they run."""
    meetings = Meeting.objects.with_relations()
    if is_site_admin.test(user):
        return meetings
    visible = Q(visibility=Visibility.PUBLIC, space__visibility=Visibility.PUBLIC)
    roles = roles_of(user)
    if roles:
        visible |= Q(visibility=Visibility.MEMBERS, space_id__in=list(roles))
        managed = [space for space, held in roles.items() if Role.SECRETARIAT in held]
        visible |= Q(space_id__in=managed)
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is not None:
        visible |= Q(invitations__person=person)
    return meetings.filter(visible).distinct() if person is not None else meetings.filter(visible)


def meeting_for(user, slug: str, pk: int) -> Meeting:
    """The meeting if the user may see it; 404 otherwise, so that hidden meetings stay unknown.

    An anonymous visitor may be a member who followed an e-mail link: for a meeting of a space
    they can see, the view's permission check sends them to the login page instead."""
    space = space_for(user, slug)
    meeting = get_object_or_404(Meeting.objects.with_relations(), space=space, pk=pk)
    if user.is_authenticated and not user.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting
