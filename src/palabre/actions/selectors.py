"""Reading action plans: which plans a user may see, a plan's actions with their lateness, its
summary and timeline, an action's history, the links between minutes and plans, the exports."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from palabre.audit.selectors import history_of
from palabre.core.rules import is_site_admin
from palabre.documents.charts.timeline import TimelineRow, timeline
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.selectors import roles_of, space_for
from palabre.workflow.models import State

from .models import (
    CLOSED_STATUSES,
    Action,
    ActionPlan,
    ActionStatus,
    ProgressUpdate,
)

ADOPTED_STATES = (State.APPROVED, State.PUBLISHED)


# --- plans -------------------------------------------------------------------------------------


def plans_visible_to(user, space: Space) -> QuerySet[ActionPlan]:
    """The space's plans this user may read (the same rule as `actions.view_plan`), with the
    counts their cards show."""
    plans = ActionPlan.objects.filter(space=space).select_related("space")
    roles = roles_of(user).get(space.pk, set())
    if not (is_site_admin.test(user) or roles & {Role.SECRETARIAT, Role.APPROVER}):
        visible = Q(
            visibility=Visibility.PUBLIC,
            space__visibility=Visibility.PUBLIC,
        ) & (Q(workflow_state=State.PUBLISHED) | Q(version__gt=1))
        if roles:
            visible |= ~Q(visibility=Visibility.RESTRICTED)
        plans = plans.filter(visible)
    today = timezone.localdate()
    return (
        plans.annotate(
            action_count=Count("actions", distinct=True),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
            late_count=Count("actions", filter=_late_q("actions__", today), distinct=True),
        )
        .prefetch_related("countries")
        .order_by("-period_start", "pk")
    )


def plan_for(user, slug: str, pk: int) -> ActionPlan:
    """The plan if the user may see it; 404 otherwise. An anonymous visitor of a plan they may
    not read yet is sent to the login page by the view's permission check instead."""
    space = space_for(user, slug)
    plan = get_object_or_404(
        ActionPlan.objects.select_related("space", "approved_by", "created_by"),
        space=space,
        pk=pk,
    )
    if user.is_authenticated and not user.has_perm("actions.view_plan", plan):
        raise Http404
    return plan


def draft_plans_of(space: Space) -> QuerySet[ActionPlan]:
    """The plans an action can still be added to."""
    return space.action_plans.filter(workflow_state=State.DRAFT).order_by("-period_start", "pk")


# --- actions -----------------------------------------------------------------------------------


def _late_q(prefix: str, today: dt.date) -> Q:
    """Not finished although the end date has passed, or declared delayed."""
    return ~Q(**{f"{prefix}status__in": list(CLOSED_STATUSES)}) & (
        Q(**{f"{prefix}end_date__lt": today}) | Q(**{f"{prefix}status": ActionStatus.DELAYED})
    )


def with_lateness(actions: QuerySet[Action], today: dt.date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return actions.annotate(late=ExpressionWrapper(_late_q("", today), output_field=BooleanField()))


def actions_of(plan: ActionPlan, today: dt.date | None = None) -> QuerySet[Action]:
    """Every action of the plan with what its row shows: lead, source meeting, theme, lateness."""
    actions = (
        plan.actions.select_related(
            "lead_organisation",
            "source_theme",
            "source_outcome__minutes__meeting",
        )
        .prefetch_related("partners")
        .order_by("number")
    )
    return with_lateness(actions, today)


def action_for(plan: ActionPlan, pk: int) -> Action:
    action = get_object_or_404(
        with_lateness(
            Action.objects.select_related(
                "lead_organisation",
                "source_theme",
                "source_outcome__minutes__meeting",
                "source_outcome__owner",
            ).prefetch_related("partners")
        ),
        plan=plan,
        pk=pk,
    )
    action.plan = plan
    return action


def lead_organisations_of(plan: ActionPlan):
    from palabre.directory.models import Organisation

    return Organisation.objects.filter(led_actions__plan=plan).distinct().order_by("name")


def themes_of(plan: ActionPlan):
    from palabre.deliberation.models import Theme

    return Theme.objects.filter(actions__plan=plan).distinct().order_by("title")


def retained_themes_for(plan: ActionPlan):
    """Retained themes of the space not yet carried by an action of this plan."""
    from palabre.deliberation.models import Theme, ThemeStatus

    return (
        Theme.objects.filter(space_id=plan.space_id, status=ThemeStatus.RETAINED)
        .exclude(actions__plan=plan)
        .order_by("title")
    )


def theme_choices(space: Space):
    """The themes an action may come from: retained ones and those already in the plan."""
    from palabre.deliberation.models import Theme, ThemeStatus

    return Theme.objects.filter(
        space=space, status__in=[ThemeStatus.RETAINED, ThemeStatus.IN_PLAN]
    ).order_by("title")


# --- the plan page -----------------------------------------------------------------------------


@dataclass
class PlanSummary:
    total: int = 0
    by_status: list = field(default_factory=list)  # (status, label, count)
    done: int = 0
    counted: int = 0  # not cancelled
    late: int = 0
    average_progress: int = 0
    budgets: list = field(default_factory=list)  # (currency, total)

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.counted) if self.counted else 0


def plan_summary(plan: ActionPlan, today: dt.date | None = None) -> PlanSummary:
    """Counts by status, the share done, the late ones, and the budget per currency; cancelled
    actions count in the statuses but neither in the share done nor in the budget."""
    today = today or timezone.localdate()
    actions = plan.actions.all()
    counts = dict(actions.values_list("status").annotate(n=Count("pk")).order_by())
    summary = PlanSummary(
        total=sum(counts.values()),
        by_status=[
            (status, label, counts.get(status, 0))
            for status, label in ActionStatus.choices
            if counts.get(status)
        ],
        done=counts.get(ActionStatus.DONE, 0),
    )
    live = actions.exclude(status=ActionStatus.CANCELLED)
    figures = live.aggregate(
        counted=Count("pk"),
        progress=Sum("progress"),
        late=Count("pk", filter=_late_q("", today)),
    )
    summary.counted = figures["counted"]
    summary.late = figures["late"]
    summary.average_progress = (
        round(figures["progress"] / figures["counted"]) if figures["counted"] else 0
    )
    budgets = (
        live.exclude(budget__isnull=True)
        .values_list("currency")
        .annotate(total=Sum("budget"))
        .order_by("currency")
    )
    summary.budgets = [(currency, total or Decimal(0)) for currency, total in budgets]
    return summary


def late_note(action: Action) -> str:
    if action.status == ActionStatus.DELAYED:
        return _("Delayed")
    return _("Late")


def plan_timeline(plan: ActionPlan, actions, today: dt.date | None = None):
    """The plan's actions as a timeline; the window covers the plan's period and any action
    that starts before or ends after it."""
    today = today or timezone.localdate()
    actions = list(actions)
    dates = [d for a in actions for d in (a.start_date, a.end_date) if d]
    start = min([plan.period_start, *dates])
    end = max([plan.period_end, *dates])
    rows = [
        TimelineRow(
            label=f"{action.number}. {action.title}",
            start=action.start_date,
            end=action.end_date,
            progress=action.progress,
            late=action.is_late(today),
            note=late_note(action)
            if action.is_late(today)
            else (action.get_status_display() if action.status in CLOSED_STATUSES else ""),
            muted=action.status == ActionStatus.CANCELLED,
            done=action.status == ActionStatus.DONE,
        )
        for action in actions
    ]
    late = sum(1 for row in rows if row.late)
    return timeline(
        rows,
        start=start,
        end=end,
        today=today,
        title=_("Timeline of %(plan)s") % {"plan": plan.title},
        description=ngettext(
            "%(count)s action from %(start)s to %(end)s, %(late)s late.",
            "%(count)s actions from %(start)s to %(end)s, %(late)s late.",
            len(rows),
        )
        % {
            "count": len(rows),
            "start": date_format(start, "DATE_FORMAT"),
            "end": date_format(end, "DATE_FORMAT"),
            "late": late,
        },
    )


# --- an action's page ----------------------------------------------------------------------------


def updates_of(action: Action) -> QuerySet[ProgressUpdate]:
    return action.updates.select_related("author").order_by("-date", "-pk")


def record_history(action: Action) -> list:
    """Who created and changed the action, newest first, with the fields each change touched."""
    labels = {
        "action.create": pgettext("history of an action", "Created"),
        "action.update": pgettext("history of an action", "Edited"),
        "action.progress": pgettext("history of an action", "Progress recorded"),
    }
    names = {f.name: str(f.verbose_name) for f in Action._meta.get_fields() if not f.auto_created}
    events = list(history_of(action))
    for event in events:
        event.label = labels.get(event.action, event.action)
        event.fields = [names.get(name, name) for name in event.changes]
    return events


# --- minutes and plans ---------------------------------------------------------------------------


@dataclass
class PlanLinks:
    """The actions that carry out the outcomes of a page, by outcome id, and whether this user
    may add an outcome to a plan."""

    by_outcome: dict
    can_promote: bool

    def of(self, outcome_id) -> list:
        return self.by_outcome.get(outcome_id, [])


def outcome_plan_links(user, outcomes=None, *, minutes=None) -> PlanLinks:
    """One query for a whole page of outcomes (the outcomes of a follow-up list, or all those of
    some minutes); the actions of plans this user may not read are left out."""
    if minutes is not None:
        actions = Action.objects.filter(source_outcome__minutes=minutes)
        space = minutes.meeting.space
    else:
        outcomes = list(outcomes or [])
        if not outcomes:
            return PlanLinks({}, False)
        actions = Action.objects.filter(source_outcome__in=[outcome.pk for outcome in outcomes])
        space = outcomes[0].minutes.meeting.space
    found = defaultdict(list)
    for action in actions.select_related("plan__space").order_by("plan__period_start", "number"):
        if user.has_perm("actions.view_plan", action.plan):
            found[action.source_outcome_id].append(action)
    return PlanLinks(dict(found), user.has_perm("actions.promote", space))


def source_meetings_visible_to(user, actions) -> set[int]:
    """Of the meetings the actions come from, those this user may see: the others are named by
    their date only, so that a public plan does not disclose a members' meeting."""
    from palabre.meetings.selectors import meetings_visible_to

    ids = {
        action.source_outcome.minutes.meeting_id
        for action in actions
        if action.source_outcome_id is not None
    }
    if not ids:
        return set()
    return set(meetings_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def promotion_initial(outcome) -> dict:
    """A decision or action item as the start of an action: its text as title (and objective when
    longer), the organisation of its owner as lead, its due date as the end."""
    text = " ".join(outcome.text.split())
    title = text if len(text) <= 250 else text[:249].rstrip() + "…"
    owner = outcome.owner
    return {
        "title": title,
        "objective": outcome.text if len(text) > 250 else "",
        "lead_organisation": owner.organisation_id if owner is not None else None,
        "start_date": outcome.minutes.meeting.starts_at.date(),
        "end_date": outcome.due_date,
    }


# --- exports and the document --------------------------------------------------------------------


def export_headers() -> list[str]:
    return [
        _("No."),
        _("Action"),
        _("Objective"),
        _("Lead organisation"),
        _("Partners"),
        _("Start date"),
        _("End date"),
        _("Budget"),
        _("Currency"),
        _("Status"),
        _("Progress (%)"),
        _("Late"),
        _("From the meeting"),
        _("Decision or action item"),
        _("Theme"),
        _("Latest update"),
    ]


def export_rows(actions: QuerySet[Action], user):
    actions = list(actions)
    visible = source_meetings_visible_to(user, actions)
    latest = {}
    updates = ProgressUpdate.objects.filter(action__in=[a.pk for a in actions]).order_by(
        "action_id", "-date", "-pk"
    )
    for update in updates.only("action_id", "date", "text"):
        latest.setdefault(update.action_id, update)
    for action in actions:
        outcome = action.source_outcome
        if outcome is not None and outcome.minutes.meeting_id not in visible:
            outcome = None
        update = latest.get(action.pk)
        yield [
            action.number,
            action.title,
            action.objective,
            str(action.lead_organisation or ""),
            ", ".join(str(partner) for partner in action.partners.all()),
            action.start_date.isoformat() if action.start_date else "",
            action.end_date.isoformat() if action.end_date else "",
            float(action.budget) if action.budget is not None else "",
            action.currency if action.budget is not None else "",
            action.get_status_display(),
            action.progress,
            _("yes") if action.late else "",
            outcome.minutes.meeting.title if outcome else "",
            outcome.text if outcome else "",
            str(action.source_theme or ""),
            f"{update.date.isoformat()} — {update.text}" if update else "",
        ]


def plan_document(plan: ActionPlan, today: dt.date | None = None) -> dict:
    """What the documents app needs to render or issue the plan (all but format and issuer).

    The plan shows the progress of its actions, which moves after adoption: each state of
    progress is its own archived document, keyed by the day and the latest update."""
    today = today or timezone.localdate()
    actions = list(actions_of(plan, today))
    latest = ProgressUpdate.objects.filter(action__plan=plan).order_by("-pk").first()
    return {
        "subject": plan,
        "kind": "action_plan",
        "title": plan.title,
        "template_name": "actions/documents/plan.html",
        "context": {
            "plan": plan,
            "actions": actions,
            "countries": list(plan.countries.all()),
            "summary": plan_summary(plan, today),
            "timeline": plan_timeline(plan, actions, today),
            "today": today,
            "is_adopted": plan.is_adopted,
        },
        "version": plan.version,
        "key": f"{today.isoformat()}-u{latest.pk if latest else 0}",
        "space": plan.space,
        "approved_by": plan.approved_by,
        "approved_at": plan.approved_at,
    }
