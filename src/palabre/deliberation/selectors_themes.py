"""Reading themes: the list of a space with its counts, one theme, its comment threads."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models import Value as V
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from palabre.spaces.selectors import space_for

from .models import Theme, ThemeComment, ThemeSupport


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().values("theme").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), V(0))


def themes_of(space, user) -> QuerySet[Theme]:
    """The themes of a space with their supports, visible comments and the user's own support:
    a fixed number of queries whatever the number of themes."""
    themes = (
        Theme.objects.filter(space=space)
        .select_related("space", "proposed_by")
        .prefetch_related("sectors")
        .annotate(
            support_count=_count(ThemeSupport.objects.filter(theme=OuterRef("pk"))),
            comment_count=_count(
                ThemeComment.objects.filter(theme=OuterRef("pk"), hidden_at__isnull=True)
            ),
        )
    )
    if user.is_authenticated:
        return themes.annotate(
            supported=Exists(ThemeSupport.objects.filter(theme=OuterRef("pk"), user=user))
        )
    return themes.annotate(supported=V(False))


def theme_for(user, slug: str, pk: int) -> Theme:
    """The theme if the user may see its space; 404 otherwise."""
    space = space_for(user, slug)
    return get_object_or_404(themes_of(space, user), pk=pk)


def axes_of(space) -> list[str]:
    """The axes already used in the space, to suggest them when proposing a theme."""
    return list(
        Theme.objects.filter(space=space)
        .exclude(axis="")
        .order_by("axis")
        .values_list("axis", flat=True)
        .distinct()
    )


def comment_threads(theme: Theme) -> list[ThemeComment]:
    """The comments of a theme, oldest first, each with its replies (one level)."""
    people = ("author", "hidden_by")
    replies = ThemeComment.objects.select_related(*people).order_by("created_at", "pk")
    return list(
        theme.comments.filter(parent__isnull=True)
        .select_related(*people)
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def comment_of(theme: Theme, pk: int) -> ThemeComment:
    return get_object_or_404(
        ThemeComment.objects.select_related("theme__space", "author", "parent"),
        theme=theme,
        pk=pk,
    )
