"""Capitalisation reports: for a stage or a period, what was done, what it gave, what was learned.

The figures are assembled from the data into `figures` when the draft is made (and again when the
secretariat refreshes it, in draft only), so that an approved report keeps saying what its
approver read even as the data moves on. The narrative sections are written by the secretariat.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Space, Visibility
from palabre.workflow.models import Approvable

from .register import Lesson, Recommendation


class CapitalisationReport(Approvable):
    WORKFLOW_PERMISSIONS = {
        "edit": "knowledge.edit_report",
        "review": "knowledge.review_report",
        "submit": "knowledge.edit_report",
        "send_back": "knowledge.edit_report",
        "approve": "knowledge.approve_report",
        "publish": "knowledge.publish_report",
        "new_version": "knowledge.edit_report",
    }

    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="capitalisation_reports",
        verbose_name=_("space"),
    )
    title = models.CharField(_("title"), max_length=250)
    stage = models.CharField(
        _("stage"),
        max_length=200,
        blank=True,
        help_text=_("The stage of the process it capitalises, for instance “Constitution”."),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    context = models.TextField(_("context"), blank=True)
    process = models.TextField(_("process"), blank=True)
    results = models.TextField(_("results"), blank=True)
    replication = models.TextField(_("conditions for replication"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    assembled_at = models.DateTimeField(_("figures assembled on"), null=True, blank=True)
    lessons = models.ManyToManyField(
        Lesson, blank=True, related_name="reports", verbose_name=_("lessons")
    )
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="reports", verbose_name=_("recommendations")
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("capitalisation report")
        verbose_name_plural = _("capitalisation reports")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:report", args=[self.space.slug, self.pk])

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        from ..services.reports import report_sections

        return report_sections(self)

    def workflow_check(self, action: str) -> None:
        from ..services.reports import report_check

        report_check(report=self, action=action)

    def workflow_done(self, action: str, actor) -> None:
        from ..services.reports import report_transitioned

        report_transitioned(report=self, action=action, actor=actor)
