"""What other pages show of the action plans (the minutes: which action carries out which
decision) and the small pieces every plan page repeats (the adoption badge, a progress bar)."""

from django import template

from ..selectors import outcome_plan_links as _outcome_plan_links
from ..services.promotion import outcome_promotable

register = template.Library()


@register.simple_tag(takes_context=True)
def outcome_plan_links(context, outcomes):
    """`{% outcome_plan_links outcomes as plan_links %}`: one query for the page's outcomes (a
    list of outcomes, or minutes for all of theirs)."""
    user = context["request"].user
    if hasattr(outcomes, "outcomes"):  # minutes
        return _outcome_plan_links(user, minutes=outcomes)
    return _outcome_plan_links(user, outcomes)


@register.inclusion_tag("actions/_outcome_plans.html")
def outcome_in_plans(outcome, plan_links):
    """The actions an outcome became ("→ Action 3 of Plan 2027"), and the button that adds it to
    a plan for whoever may."""
    if plan_links is None:
        return {"links": [], "can_promote": False}
    return {
        "outcome": outcome,
        "links": plan_links.of(outcome.pk),
        "can_promote": plan_links.can_promote and outcome_promotable(outcome),
        "space": outcome.minutes.meeting.space,
    }


@register.inclusion_tag("actions/_plan_badge.html")
def plan_badge(plan):
    return {"plan": plan}


@register.inclusion_tag("actions/_progress.html")
def progress_bar(value, late=False):
    return {"value": value or 0, "late": late}


@register.filter
def basename(path) -> str:
    """The name of a stored file without its folders."""
    return str(path).rsplit("/", 1)[-1]
