"""Action plans, actions and progress updates for tests. A plan covers the current year, is a
public plan of its space and a draft unless adopted with `adopt`."""

import datetime

import factory
from django.db.models import Max
from django.utils import timezone

from palabre.actions.models import Action, ActionPlan, ActionStatus, PlanKind, ProgressUpdate
from palabre.deliberation.models import Theme, ThemeStatus
from palabre.spaces.models import Role, Visibility
from palabre.workflow.services import workflow_act
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory, member_user


def this_year(month: int = 1, day: int = 1) -> datetime.date:
    return datetime.date(timezone.localdate().year, month, day)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    space = factory.SubFactory(SpaceFactory)
    kind = PlanKind.SPACE
    title = factory.Sequence(lambda n: f"Plan d'action annuel n° {n}")
    period_start = factory.LazyFunction(lambda: this_year(1, 1))
    period_end = factory.LazyFunction(lambda: this_year(12, 31))
    context = "Les régions veulent associer leur diaspora à leur développement."
    objectives = "Ouvrir le guichet diaspora ; organiser le forum annuel."
    visibility = Visibility.PUBLIC
    created_by = factory.LazyFunction(make_user)


def _next_number(action) -> int:
    last = action.plan.actions.aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.LazyAttribute(_next_number)
    title = factory.Sequence(lambda n: f"Ouvrir le guichet diaspora n° {n}")
    objective = "Informer et orienter les investisseurs de la diaspora."
    start_date = factory.LazyAttribute(lambda a: a.plan.period_start)
    end_date = factory.LazyAttribute(lambda a: a.plan.period_end)
    status = ActionStatus.PLANNED
    progress = 0


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = factory.LazyFunction(timezone.localdate)
    text = "Les termes de référence sont validés."
    status = ActionStatus.IN_PROGRESS
    progress = 30
    author = factory.LazyFunction(make_user)


def retained_theme(space, title: str = "Transformation locale du cacao", **fields) -> Theme:
    return Theme.objects.create(
        space=space,
        title=title,
        description="Créer de la valeur ajoutée dans les trois régions.",
        axis="Agriculture et transformation",
        proposed_by=make_user(),
        status=fields.pop("status", ThemeStatus.RETAINED),
        **fields,
    )


def people_of(space) -> dict:
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        "member": member_user(space),
        "outsider": member_user(SpaceFactory()),
    }


def adopt(plan, people, *, publish: bool = True):
    """Submit, approve (and publish) through the workflow."""
    workflow_act(obj=plan, action="submit", actor=people["secretariat"])
    workflow_act(obj=plan, action="approve", actor=people["approver"])
    if publish:
        workflow_act(obj=plan, action="publish", actor=people["secretariat"])
    plan.refresh_from_db()
    return plan
