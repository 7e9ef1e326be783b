"""Reading a space's charter: who may see it, its sections with their numbered articles and what
they cite, its composition, and the document made of it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.directory.models import Gender, Person
from palabre.spaces.models import Space, Visibility, Vote
from palabre.spaces.selectors import space_for
from palabre.workflow.selectors import revisions_of

from ..models import Charter, CharterArticle, CharterSection, Lesson, Recommendation
from ..services.charter import numbered_articles


def charter_of(space: Space) -> Charter | None:
    return Charter.objects.select_related("space", "approved_by").filter(space=space).first()


def charter_for(user, slug: str) -> Charter:
    """The charter if the user may see it; 404 otherwise. An anonymous visitor of a charter not
    published yet is sent to the login page by the view's permission check instead."""
    charter = get_object_or_404(
        Charter.objects.select_related("space", "approved_by"), space=space_for(user, slug)
    )
    if user.is_authenticated and not user.has_perm("knowledge.view", charter):
        raise Http404
    return charter


def reads_current_version(user, charter: Charter) -> bool:
    """Reviewers and editors read the version being prepared; the public reads the one that was
    published until the next one is."""
    return charter.is_published or user.has_perm("knowledge.review_charter", charter)


def published_revision(charter: Charter):
    return revisions_of(charter).filter(published_at__isnull=False).order_by("-version").first()


@dataclass
class Chapter:
    section: CharterSection
    articles: list[tuple[int, CharterArticle]] = field(default_factory=list)


def charter_contents(charter: Charter, may_cite: Callable) -> list[Chapter]:
    """Sections in order, each with its articles and their numbers through the whole charter;
    an empty section is kept, so that the secretariat can fill it. Each article's `cited` holds
    the (label, item) of each lesson and recommendation it cites that `may_cite(item)` lets the
    reader see."""
    sections = {
        section.pk: Chapter(section) for section in charter.sections.order_by("order", "pk")
    }
    for number, article in numbered_articles(charter):
        article.cited = [
            (label, item)
            for label, items in (
                (_("Lesson"), article.lessons.all()),
                (_("Recommendation"), article.recommendations.all()),
            )
            for item in items
            if may_cite(item)
        ]
        sections[article.section_id].articles.append((number, article))
    return list(sections.values())


def composition_of(charter: Charter) -> dict:
    colleges = list(charter.colleges.all())
    return {
        "colleges": colleges,
        "total_seats": sum(college.seats for college in colleges),
        "deliberative_seats": sum(
            college.seats for college in colleges if college.vote == Vote.DELIBERATIVE
        ),
    }


def women_share(space: Space) -> dict:
    """The share of women among the current members, and whether it can be told at all: a
    member whose gender is not recorded makes the minimum share impossible to check."""
    today = timezone.localdate()
    current = Q(memberships__space=space, memberships__start_date__lte=today) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    )
    people = Person.objects.filter(current).distinct()
    counts = people.aggregate(
        total=Count("pk", distinct=True),
        women=Count("pk", filter=Q(gender=Gender.FEMALE), distinct=True),
        unknown=Count("pk", filter=Q(gender=""), distinct=True),
    )
    total = counts["total"]
    return {
        "checkable": bool(total) and not counts["unknown"],
        "unknown": counts["unknown"],
        "total": total,
        "percent": round(100 * counts["women"] / total) if total else None,
    }


def citable_lessons(space: Space):
    return Lesson.objects.filter(space=space).order_by("title")


def citable_recommendations(space: Space):
    return Recommendation.objects.filter(space=space).order_by("title")


def charter_document(charter: Charter) -> dict:
    """What the documents app needs to render or issue the charter (all but format and issuer).
    A version's content no longer changes once approved, so the version is its key."""
    return {
        "subject": charter,
        "kind": "charter",
        "title": charter.title,
        "template_name": "knowledge/charter/document.html",
        "context": {
            "charter": charter,
            "space": charter.space,
            # The document travels beyond the space: it names only what is public.
            "sections": charter_contents(
                charter, lambda item: item.visibility == Visibility.PUBLIC
            ),
            **composition_of(charter),
        },
        "version": charter.version,
        "space": charter.space,
        "approved_by": charter.approved_by,
        "approved_at": charter.approved_at,
    }
