"""Action plans through the workflow, and their actions.

A plan's content (its text and its actions) changes only while it is a draft; once approved it is
adopted and frozen, and only progress updates (services/progress.py) move its actions on. A new
version of a published plan (the workflow's "new version") makes it a draft again; the approved
version stays readable in the workflow's revisions.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes
from palabre.core.currencies import CURRENCY_CHOICES, DEFAULT_CURRENCY
from palabre.notifications.services import notify
from palabre.spaces.models import Visibility
from palabre.workflow.models import Action as WorkflowAction
from palabre.workflow.services import ensure_editable

from ..models import Action, ActionPlan, PlanKind

CURRENCIES = {code for code, _label in CURRENCY_CHOICES}


# --- the plan as a document of the workflow ------------------------------------------------------


def plan_sections(plan: ActionPlan) -> list[tuple[str, str, str]]:
    """What reviewers comment on and what a new version's difference compares."""
    actions = plan.actions.select_related("lead_organisation").order_by("number")
    return [
        ("context", str(_("Context")), plan.context),
        ("objectives", str(_("Objectives")), plan.objectives),
        (
            "actions",
            str(_("Actions")),
            "\n".join(
                f"{action.number}. {action.title}"
                f" ({action.lead_organisation or '—'}; {action.start_date or '?'} → "
                f"{action.end_date or '?'}"
                + (f"; {action.budget} {action.currency}" if action.budget is not None else "")
                + ")"
                for action in actions
            ),
        ),
    ]


def plan_check(*, plan: ActionPlan, action: str) -> None:
    if action == WorkflowAction.SUBMIT and not plan.actions.exists():
        raise ValidationError(_("The plan cannot be submitted without any action."))


def plan_transitioned(*, plan: ActionPlan, action: str, actor) -> None:
    """Reviewers hear that a draft awaits them, the secretariat that it was approved, and every
    member that the plan is published. Texts are callables: each in its recipient's language."""
    from palabre.meetings.selectors_minutes import reviewers_of, secretariat_users_of

    url = plan.get_absolute_url()
    if action == WorkflowAction.SUBMIT:
        notify(
            recipients=reviewers_of(plan.space).exclude(pk=actor.pk),
            subject=lambda user: _("Action plan to review: %(plan)s") % {"plan": plan.title},
            body=lambda user: _(
                "The draft action plan is open for your comments until it is approved."
            ),
            url=url,
            kind="action_plan.review_requested",
        )
    elif action == WorkflowAction.APPROVE:
        notify(
            recipients=secretariat_users_of(plan.space),
            subject=lambda user: _("Action plan adopted: %(plan)s") % {"plan": plan.title},
            body=lambda user: (
                _("%(approver)s approved version %(version)s; it can now be published.")
                % {"approver": actor.display_name, "version": plan.version}
            ),
            url=url,
            kind="action_plan.approved",
        )
    elif action == WorkflowAction.PUBLISH:
        notify(
            recipients=reviewers_of(plan.space).exclude(pk=actor.pk),
            subject=lambda user: _("Action plan published: %(plan)s") % {"plan": plan.title},
            body=lambda user: _("The adopted action plan is published; follow its progress here."),
            url=url,
            kind="action_plan.published",
        )


# --- the plan ----------------------------------------------------------------------------------

PLAN_FIELDS = ["kind", "title", "period_start", "period_end", "context", "objectives", "visibility"]


def _plan_state(plan: ActionPlan, countries: Iterable) -> dict:
    state = {name: getattr(plan, name) for name in PLAN_FIELDS}
    state["countries"] = ", ".join(sorted(country.iso2 for country in countries))
    return state


def _checked_countries(kind: str, countries) -> list:
    countries = [country for country in countries if country is not None]
    if kind == PlanKind.BILATERAL:
        if len({country.pk for country in countries}) != 2 or len(countries) != 2:
            raise ValidationError(
                {"countries": _("A bilateral plan is between exactly two different countries.")}
            )
    elif countries:
        raise ValidationError(
            {
                "countries": _(
                    "Only a bilateral plan names countries: leave them empty for a plan of "
                    "the space."
                )
            }
        )
    return countries


def _fill_plan(plan: ActionPlan, **fields) -> None:
    if fields["kind"] not in PlanKind.values:
        raise ValidationError({"kind": _("Choose a valid kind of plan.")})
    if fields["visibility"] not in Visibility.values:
        raise ValidationError({"visibility": _("Choose a valid visibility.")})
    for name, value in fields.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.full_clean(exclude=["space", "created_by"])


def plan_create(
    *,
    space,
    actor,
    kind: str,
    title: str,
    period_start,
    period_end,
    countries: Iterable = (),
    context: str = "",
    objectives: str = "",
    visibility: str = Visibility.PUBLIC,
) -> ActionPlan:
    countries = _checked_countries(kind, countries)
    plan = ActionPlan(space=space, created_by=actor)
    _fill_plan(
        plan,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        context=context,
        objectives=objectives,
        visibility=visibility,
    )
    with transaction.atomic():
        plan.save()
        plan.countries.set(countries)
        audit_record(
            actor=actor,
            action="action_plan.create",
            target=plan,
            changes=field_changes({}, _plan_state(plan, countries)),
        )
    return plan


def plan_update(
    *,
    plan: ActionPlan,
    actor,
    kind: str,
    title: str,
    period_start,
    period_end,
    countries: Iterable = (),
    context: str = "",
    objectives: str = "",
    visibility: str = Visibility.PUBLIC,
) -> ActionPlan:
    ensure_editable(plan)
    countries = _checked_countries(kind, countries)
    before = _plan_state(plan, plan.countries.all())
    _fill_plan(
        plan,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        context=context,
        objectives=objectives,
        visibility=visibility,
    )
    with transaction.atomic():
        _lock_draft(plan)
        changes = field_changes(before, _plan_state(plan, countries))
        if changes:
            plan.save(update_fields=PLAN_FIELDS)
            plan.countries.set(countries)
            audit_record(actor=actor, action="action_plan.update", target=plan, changes=changes)
    return plan


def _lock_draft(plan: ActionPlan) -> None:
    """Inside a transaction: the plan's row is locked and still a draft (a reviewer may have
    submitted or an approver approved it since the page was shown)."""
    current = ActionPlan.objects.select_for_update().values("workflow_state", "version")
    state = current.get(pk=plan.pk)
    plan.workflow_state, plan.version = state["workflow_state"], state["version"]
    ensure_editable(plan)


# --- its actions -------------------------------------------------------------------------------

ACTION_FIELDS = [
    "title",
    "objective",
    "lead_organisation",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "source_theme",
]


def _action_state(action: Action, partners: Iterable) -> dict:
    """Readable values for the audit log (names, not ids)."""
    state = {}
    for name in ACTION_FIELDS:
        value = getattr(action, name)
        state[name] = str(value) if value is not None and not isinstance(value, str) else value
    state["partners"] = ", ".join(sorted(str(partner) for partner in partners))
    return state


def _check_action(plan: ActionPlan, fields: dict, partners: list) -> None:
    title = fields["title"]
    if not title:
        raise ValidationError({"title": _("Give the action a title.")})
    start, end = fields["start_date"], fields["end_date"]
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    if (end and end < plan.period_start) or (start and start > plan.period_end):
        raise ValidationError(
            _(
                "The action must take place, at least in part, within the plan's period "
                "(%(start)s – %(end)s)."
            )
            % {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat()}
        )
    budget = fields["budget"]
    if budget is not None and budget < 0:
        raise ValidationError({"budget": _("A budget cannot be negative.")})
    if fields["currency"] not in CURRENCIES:
        raise ValidationError({"currency": _("Choose a currency from the list.")})
    lead = fields["lead_organisation"]
    if lead is not None and any(partner.pk == lead.pk for partner in partners):
        raise ValidationError(
            {"partners": _("The lead organisation cannot also be one of the partners.")}
        )
    theme = fields.get("source_theme")
    if theme is not None:
        from palabre.deliberation.models import ThemeStatus

        if theme.space_id != plan.space_id:
            raise ValidationError({"theme": _("This theme belongs to another space.")})
        if theme.status not in (ThemeStatus.RETAINED, ThemeStatus.IN_PLAN):
            raise ValidationError(
                {"theme": _("Only a theme the space has retained can lead to an action.")}
            )


def _mark_theme(theme, actor) -> None:
    """A retained theme that gets an action is now in the action plan (the themes' service
    records, audits and announces it)."""
    from palabre.deliberation.models import ThemeStatus

    if theme is not None and theme.status == ThemeStatus.RETAINED:
        from palabre.deliberation.services.themes import theme_mark_in_plan

        theme_mark_in_plan(theme=theme, actor=actor)


def _action_fields(
    *,
    title: str,
    objective: str = "",
    lead_organisation=None,
    start_date=None,
    end_date=None,
    budget=None,
    currency: str = DEFAULT_CURRENCY,
    theme=None,
) -> dict:
    """The fields an action's form or caller may set (status and progress follow the updates)."""
    return {
        "title": (title or "").strip(),
        "objective": (objective or "").strip(),
        "lead_organisation": lead_organisation,
        "start_date": start_date,
        "end_date": end_date,
        "budget": budget,
        "currency": currency or DEFAULT_CURRENCY,
        "source_theme": theme,
    }


def action_create(
    *,
    plan: ActionPlan,
    actor,
    fields: dict,
    partners: Iterable = (),
    source_outcome=None,
    note: str = "",
) -> Action:
    """The one way an action comes to be: numbered after the last one, in a draft plan."""
    ensure_editable(plan)
    partners = list(partners)
    _check_action(plan, fields, partners)
    with transaction.atomic():
        _lock_draft(plan)
        last = plan.actions.aggregate(last=Max("number"))["last"] or 0
        action = Action(plan=plan, number=last + 1, source_outcome=source_outcome, **fields)
        action.full_clean()
        action.save()
        action.partners.set(partners)
        _mark_theme(fields.get("source_theme"), actor)
        audit_record(
            actor=actor,
            action="action.create",
            target=action,
            changes=field_changes({}, _action_state(action, partners)),
            note=note,
        )
    return action


def action_add(*, plan: ActionPlan, actor, partners: Iterable = (), **fields) -> Action:
    """`fields`: those of `_action_fields` (title, objective, lead_organisation, dates, budget,
    currency, theme)."""
    return action_create(plan=plan, actor=actor, fields=_action_fields(**fields), partners=partners)


def action_update(*, action: Action, actor, partners: Iterable = (), **fields) -> Action:
    """What an action is changes only while its plan is a draft; its status and progress never
    change here (they follow the progress updates)."""
    plan = action.plan
    ensure_editable(plan)
    partners = list(partners)
    fields = _action_fields(**fields)
    _check_action(plan, fields, partners)
    before = _action_state(action, action.partners.all())
    with transaction.atomic():
        _lock_draft(plan)
        for name, value in fields.items():
            setattr(action, name, value)
        action.full_clean()
        changes = field_changes(before, _action_state(action, partners))
        if changes:
            action.save()
            action.partners.set(partners)
            _mark_theme(fields["source_theme"], actor)
            audit_record(actor=actor, action="action.update", target=action, changes=changes)
    return action


def action_delete(*, action: Action, actor) -> None:
    """Only from a draft, and never an action with a recorded past: cancel it instead. The
    numbers of the others do not change, so that what refers to them stays right."""
    plan = action.plan
    ensure_editable(plan)
    if action.updates.exists():
        raise ValidationError(
            _(
                "This action has progress updates: it cannot be deleted. Record a progress "
                "update with the status “cancelled” instead."
            )
        )
    with transaction.atomic():
        _lock_draft(plan)
        audit_record(
            actor=actor,
            action="action.delete",
            target=plan,
            changes={"action": [str(action), None]},
        )
        action.partners.clear()
        action.delete()
