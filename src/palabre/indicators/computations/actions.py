"""Activities carried out under each bilateral action plan.

Only adopted plans count (approved, published, or revised after a publication) whose period has
begun by the end of the figure's period: a draft, or next year's plan, is not yet a commitment
and would pull the lowest count down to nothing.

An action counts when it was done by the end of the period: for a period that reaches today, its
current status; for an earlier one, the status of its latest progress update dated by then (an
action whose status was never reported by then was not done yet). The logframe asks for so many
activities per plan, so the figure is the lowest count among the plans.
"""

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.actions.models import Action, ActionPlan, ActionStatus, PlanKind, ProgressUpdate
from palabre.workflow.models import State

from ..models import Unit
from .base import Breakdown, Part, Result, Rule, Scope, register


def bilateral_plans(scope: Scope) -> QuerySet[ActionPlan]:
    adopted = Q(workflow_state__in=[State.APPROVED, State.PUBLISHED]) | Q(version__gt=1)
    return ActionPlan.objects.filter(
        adopted,
        space_id__in=scope.space_ids,
        kind=PlanKind.BILATERAL,
        period_start__lte=scope.end,
    )


def actions_done(scope: Scope) -> QuerySet[Action]:
    actions = Action.objects.filter(plan__in=bilateral_plans(scope))
    if scope.reaches_today:
        return actions.filter(status=ActionStatus.DONE)
    reported = (
        ProgressUpdate.objects.filter(action_id=OuterRef("pk"), date__lte=scope.end)
        .order_by("-date", "-pk")
        .values("status")[:1]
    )
    return actions.annotate(
        status_then=Coalesce(Subquery(reported), Value(""), output_field=CharField())
    ).filter(status_then=ActionStatus.DONE)


def count_per_plan(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    plans = list(bilateral_plans(scope).order_by("title", "pk").values_list("pk", "title"))
    done = dict(
        actions_done(scope)
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"))
        .values_list("plan_id", "n")
    )
    parts = [Part(str(pk), title, done.get(pk, 0)) for pk, title in plans]
    if not parts:
        return Result(value=None, explanation=_("There is no adopted bilateral plan to count."))
    lowest = min(parts, key=lambda part: part.value)
    return Result(
        value=lowest.value,
        breakdowns=[Breakdown("plan", parts, note=_("The figure is the lowest of these counts."))]
        if "plan" in dimensions
        else [],
        explanation=_(
            "The lowest count among the %(plans)s bilateral plans: %(count)s activities done "
            "under “%(plan)s”."
        )
        % {"plans": len(parts), "count": lowest.value, "plan": lowest.label},
    )


def action_records(scope: Scope, dimension: str = "", key: str = "") -> QuerySet[Action]:
    actions = actions_done(scope)
    if dimension == "plan":
        actions = actions.filter(plan_id=int(key) if key.isdigit() else 0)
    return actions.select_related("plan", "plan__space", "lead_organisation").order_by(
        "plan__title", "plan_id", "number"
    )


register(
    Rule(
        key="activities_per_bilateral_plan",
        label=gettext_lazy("Activities carried out per bilateral action plan"),
        unit=Unit.NUMBER,
        dimensions=("plan",),
        compute=count_per_plan,
        records=action_records,
        records_kind="actions",
        description=gettext_lazy(
            "Actions done under each bilateral plan; the figure is that of the plan with the "
            "fewest."
        ),
    )
)
