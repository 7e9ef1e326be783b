"""Action plans: a space's plan, or a bilateral plan between two countries, for a period.

A plan goes through the shared approval workflow; once approved it is *adopted* and its actions
no longer change, except through progress updates (status, progress, evidence), which are the
record of what was done. Each action says where it came from: a decision or action item of the
minutes, or a retained theme.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import amount_field, currency_field
from palabre.deliberation.models import Theme
from palabre.directory.models import Organisation
from palabre.meetings.models import Outcome
from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Country
from palabre.workflow.models import Approvable, State


class PlanKind(models.TextChoices):
    SPACE = "space", _("Plan of the space")
    BILATERAL = "bilateral", _("Bilateral plan between two countries")


class ActionPlan(Approvable):
    WORKFLOW_PERMISSIONS = {
        "edit": "actions.edit_plan",
        "review": "actions.review_plan",
        "submit": "actions.edit_plan",
        "send_back": "actions.edit_plan",
        "approve": "actions.approve_plan",
        "publish": "actions.publish_plan",
        "new_version": "actions.edit_plan",
    }

    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("space"),
        help_text=_("The space whose secretariat keeps the plan up to date."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="bilateral_plans",
        verbose_name=_("countries"),
        help_text=_("A bilateral plan is between two countries."),
    )
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    context = models.TextField(_("context"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="plan_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:plan", args=[self.space.slug, self.pk])

    @property
    def is_adopted(self) -> bool:
        return self.workflow_state in (State.APPROVED, State.PUBLISHED)

    def clean(self):
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        from .services import plan_sections

        return plan_sections(self)

    def workflow_check(self, action: str) -> None:
        from .services import plan_check

        plan_check(plan=self, action=action)

    def workflow_done(self, action: str, actor) -> None:
        from .services import plan_transitioned

        plan_transitioned(plan=self, action=action, actor=actor)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.CANCELLED})


class ActionQuerySet(models.QuerySet):
    def late(self, today=None):
        """Not finished although their end date has passed, or declared delayed."""
        today = today or timezone.localdate()
        return self.exclude(status__in=CLOSED_STATUSES).filter(
            models.Q(end_date__lt=today) | models.Q(status=ActionStatus.DELAYED)
        )


class Action(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    objective = models.TextField(_("objective"), blank=True)
    source_outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("from the minutes"),
        help_text=_("The decision or action item of a meeting this action carries out."),
    )
    source_theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("from the theme"),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_actions", verbose_name=_("partners")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = amount_field(_("budget"))
    currency = currency_field()
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_in_plan"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="action_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="action_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action", args=[self.plan.space.slug, self.plan_id, self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.status in CLOSED_STATUSES:
            return False
        return self.status == ActionStatus.DELAYED or bool(self.end_date and self.end_date < today)


def evidence_path(update: "ProgressUpdate", filename: str) -> str:
    return f"actions/evidence/{update.action.plan_id}/{update.action_id}/{filename}"


class ProgressUpdate(models.Model):
    """What was done, when, with the evidence; the action's status and progress follow it."""

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="updates", verbose_name=_("action")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="update_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} — {self.date}"
