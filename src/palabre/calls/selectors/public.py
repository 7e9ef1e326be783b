"""Reading calls: those a visitor may see (the rule of `calls.view_call` as one filter), one
call with what its page shows, the open ones for the feed."""

import zoneinfo
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.rules import MANAGING_ROLES
from palabre.spaces.selectors import roles_of

from ..models import Call, CallStatus
from ..services.submissions import deadline_text


def _secretariat_space_ids(user) -> list[int]:
    return [space_id for space_id, held in roles_of(user).items() if held & MANAGING_ROLES]


def calls_visible_to(user) -> QuerySet[Call]:
    """Published calls of public spaces; every call of the spaces whose secretariat the user
    is, and those they evaluate; all for site administrators."""
    calls = Call.objects.select_related("space")
    if is_site_admin.test(user):
        return calls
    visible = ~Q(status=CallStatus.DRAFT) & Q(space__visibility=Visibility.PUBLIC)
    if user.is_authenticated:
        visible |= Q(space_id__in=_secretariat_space_ids(user)) | Q(evaluators__user=user)
    # The evaluators' join could repeat a call; a subquery on the ids keeps one row each.
    return calls.filter(pk__in=Call.objects.filter(visible).values("pk"))


def call_for(user, pk: int) -> Call:
    """The call if the user may see it; 404 otherwise, so that a draft stays unknown."""
    call = get_object_or_404(Call.objects.select_related("space", "created_by"), pk=pk)
    if not user.has_perm("calls.view_call", call):
        raise Http404
    return call


def open_calls(now=None) -> QuerySet[Call]:
    """Open calls of public spaces, the nearest deadline first: what the feed announces."""
    now = now or timezone.now()
    return (
        Call.objects.filter(
            status=CallStatus.PUBLISHED,
            space__visibility=Visibility.PUBLIC,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .select_related("space")
        .order_by("closes_at", "pk")
    )


def secretariat_spaces_of(user) -> QuerySet[Space]:
    """The spaces a user may prepare a call for."""
    spaces = Space.objects.order_by("name")
    if is_site_admin.test(user):
        return spaces
    return spaces.filter(pk__in=_secretariat_space_ids(user))


@dataclass(frozen=True)
class Deadline:
    own: str  # in the call's time zone, named
    visitor: str  # in the visitor's, named; empty when it is the same


def deadline_of(call: Call, user) -> Deadline:
    visitor_zone = getattr(user, "time_zone", "") if user.is_authenticated else ""
    visitor = ""
    if visitor_zone and visitor_zone != call.time_zone:
        try:
            local = timezone.localtime(call.closes_at, zoneinfo.ZoneInfo(visitor_zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            local = None
        if local is not None:
            visitor = f"{formats.date_format(local, 'DATETIME_FORMAT')} ({visitor_zone})"
    return Deadline(own=deadline_text(call), visitor=visitor)


def call_grid_of(call: Call) -> dict:
    """The criteria and required documents of a call, with the running total of the weights."""
    criteria = list(call.criteria.all())
    total = sum((c.weight for c in criteria), 0)
    running, lines = 0, []
    for criterion in criteria:
        running += criterion.weight
        lines.append((criterion, running))
    return {
        "criteria": lines,
        "weight_total": total,
        "documents": list(call.required_documents.all()),
    }
