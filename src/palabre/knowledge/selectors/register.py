"""Reading the register: which lessons and recommendations a user may see (the rule
`knowledge.view` as one filter), with what their cards link to, one entry for its page, the
knowledge of an incentive tool, and the recommendations of minutes with what became of them."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from palabre.actions.models import Action
from palabre.actions.selectors import plans_visible_to
from palabre.core.rules import is_site_admin
from palabre.investment.models import IncentiveTool
from palabre.investment.selectors.tools import tools_visible_to
from palabre.meetings.models import Meeting, Minutes, Outcome, OutcomeKind
from palabre.meetings.selectors import meetings_visible_to
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.selectors import roles_of, space_for

from ..models import Charter, CharterArticle, Lesson, Recommendation, RecommendationUpdate

# Investment officers write entries from the pilot analyses of tools that may be restricted:
# they must be able to read what they wrote.
SEES_ALL = {Role.SECRETARIAT, Role.APPROVER, Role.INVESTMENT_OFFICER}


def visible_q(user, space: Space, prefix: str = "") -> Q:
    """`knowledge.view` for the entries of one space: public ones of a public space, what is not
    restricted for members, everything for the secretariat, approvers, investment officers and site
    administrators."""
    roles = roles_of(user).get(space.pk, set())
    if is_site_admin.test(user) or roles & SEES_ALL:
        return Q()
    visible = Q(pk__in=[])
    if space.visibility == Visibility.PUBLIC:
        visible = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if roles:
        visible |= ~Q(**{f"{prefix}visibility": Visibility.RESTRICTED})
    return visible


def _links(user, space: Space, other) -> list[Prefetch]:
    """What a card links to, limited to what the user may open: a lesson's recommendations or a
    recommendation's lessons (`other`), its meetings and its tools; a lesson's actions too."""
    meetings = Meeting.objects.filter(pk__in=meetings_visible_to(user).values("pk")).select_related(
        "space"
    )
    tools = IncentiveTool.objects.filter(pk__in=tools_visible_to(user).values("pk"))
    return [
        Prefetch("tags"),
        Prefetch("meetings", queryset=meetings.order_by("-starts_at")),
        Prefetch("tools", queryset=tools.order_by("title")),
        Prefetch(
            "recommendations" if other is Recommendation else "lessons",
            queryset=other.objects.filter(visible_q(user, space)).select_related("space"),
        ),
    ]


def lessons_visible_to(user, space: Space) -> QuerySet[Lesson]:
    plans = list(plans_visible_to(user, space).values_list("pk", flat=True))
    actions = Action.objects.filter(plan_id__in=plans).select_related("plan__space")
    return (
        Lesson.objects.filter(space=space)
        .filter(visible_q(user, space))
        .select_related("space")
        .prefetch_related(
            *_links(user, space, Recommendation),
            Prefetch("actions", queryset=actions.order_by("plan_id", "number")),
        )
    )


def recommendations_visible_to(user, space: Space) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(space=space)
        .filter(visible_q(user, space))
        .select_related("space", "addressee_organisation")
        .prefetch_related(*_links(user, space, Lesson))
    )


def _entry_for(visible, model, user, slug: str, pk: int):
    """The entry if the user may see it; 404 otherwise. An anonymous visitor of an entry they
    may not read yet is sent to the login page by the view's permission check instead."""
    space = space_for(user, slug)
    entry = get_object_or_404(model.objects.select_related("space"), space=space, pk=pk)
    if user.has_perm("knowledge.view", entry):
        return visible(user, space).get(pk=pk)
    if user.is_authenticated:
        raise Http404
    return entry


def lesson_for(user, slug: str, pk: int) -> Lesson:
    return _entry_for(lessons_visible_to, Lesson, user, slug, pk)


def recommendation_for(user, slug: str, pk: int) -> Recommendation:
    return _entry_for(recommendations_visible_to, Recommendation, user, slug, pk)


def follow_up_of(recommendation: Recommendation) -> QuerySet[RecommendationUpdate]:
    return recommendation.updates.select_related("author").order_by("date", "pk")


def tool_knowledge(user, tool: IncentiveTool) -> dict[str, list]:
    """The lessons and recommendations of a tool the user may read, for its page and sheet."""
    space = tool.space
    visible = visible_q(user, space)
    return {
        "lessons": list(
            tool.lessons.filter(visible).select_related("space").order_by("learned_on", "pk")
        ),
        "recommendations": list(
            tool.recommendations.filter(visible)
            .select_related("space", "addressee_organisation")
            .order_by("created_at", "pk")
        ),
    }


def minutes_recommendations(minutes: Minutes) -> QuerySet[Outcome]:
    """The recommendations of the minutes, each with the register entry it became, if any."""
    return (
        minutes.outcomes.filter(kind=OutcomeKind.RECOMMENDATION)
        .select_related("knowledge_recommendation__space", "agenda_item")
        .order_by("order", "pk")
    )


def uses_of(user, entry: Lesson | Recommendation) -> dict:
    """Where a lesson or a recommendation is used, among what `user` may read: the charter's
    articles that cite it, with their numbers, and the capitalisation reports that include it."""
    cited = set(entry.charter_articles.values_list("pk", flat=True))
    charter = Charter.objects.filter(space_id=entry.space_id).select_related("space").first()
    articles = []
    if cited and charter is not None and user.has_perm("knowledge.view", charter):
        ordered = CharterArticle.objects.filter(section__charter=charter).order_by(
            "section__order", "section__pk", "order", "pk"
        )
        articles = [
            (number, pk, title)
            for number, (pk, title) in enumerate(ordered.values_list("pk", "title"), start=1)
            if pk in cited
        ]
    reports = [
        report
        for report in entry.reports.select_related("space").order_by("-period_end", "-pk")
        if user.has_perm("knowledge.view", report)
    ]
    return {"charter": charter if articles else None, "cited_in": articles, "reports": reports}
