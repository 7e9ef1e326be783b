"""The knowledge register: lessons learned, and the recommendations they lead to.

A lesson says what was learned, in which context, and what shows it (meetings, actions, incentive
tools); a recommendation says who should do what, how urgently, and is followed up by dated
updates until it is implemented or set aside.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.actions.models import Action
from palabre.directory.models import Organisation
from palabre.investment.models import IncentiveTool
from palabre.meetings.models import Meeting, Minutes, Outcome
from palabre.spaces.models import Space, Visibility


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Lesson(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(_("lesson"), help_text=_("What was learned, in one paragraph."))
    context = models.TextField(
        _("context"), blank=True, help_text=_("Where and when it was learned, and why it matters.")
    )
    learned_on = models.DateField(_("learned on"), default=timezone.localdate)
    source_minutes = models.ForeignKey(
        Minutes,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("captured from the minutes"),
    )
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="lessons", verbose_name=_("meetings")
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="lessons", verbose_name=_("actions")
    )
    tools = models.ManyToManyField(
        IncentiveTool, blank=True, related_name="lessons", verbose_name=_("incentive tools")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="lessons", verbose_name=_("tags"))
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-learned_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:lesson", args=[self.space.slug, self.pk])


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class FollowUp(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    SET_ASIDE = "set_aside", _("Set aside")


# The only place that says which follow-up status may follow which.
FOLLOW_UP_MOVES: dict[str, set[str]] = {
    FollowUp.PROPOSED: {FollowUp.ACCEPTED, FollowUp.SET_ASIDE},
    FollowUp.ACCEPTED: {FollowUp.IN_PROGRESS, FollowUp.IMPLEMENTED, FollowUp.SET_ASIDE},
    FollowUp.IN_PROGRESS: {FollowUp.IMPLEMENTED, FollowUp.SET_ASIDE, FollowUp.ACCEPTED},
    FollowUp.IMPLEMENTED: {FollowUp.IN_PROGRESS},
    FollowUp.SET_ASIDE: {FollowUp.PROPOSED},
}


class Recommendation(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(_("recommendation"))
    addressee_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations_received",
        verbose_name=_("addressed to"),
    )
    addressee = models.CharField(
        _("addressed to (other)"),
        max_length=200,
        blank=True,
        help_text=_("When the addressee is not in the directory: “the regional councils”…"),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("follow-up"), max_length=12, choices=FollowUp.choices, default=FollowUp.PROPOSED
    )
    due_date = models.DateField(_("expected by"), null=True, blank=True)
    lessons = models.ManyToManyField(
        Lesson, blank=True, related_name="recommendations", verbose_name=_("from the lessons")
    )
    source_outcome = models.OneToOneField(
        Outcome,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_recommendation",
        verbose_name=_("recommendation of the minutes"),
    )
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="recommendations", verbose_name=_("meetings")
    )
    tools = models.ManyToManyField(
        IncentiveTool,
        blank=True,
        related_name="recommendations",
        verbose_name=_("incentive tools"),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="recommendations", verbose_name=_("tags")
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:recommendation", args=[self.space.slug, self.pk])

    @property
    def addressed_to(self) -> str:
        if self.addressee_organisation_id:
            return str(self.addressee_organisation)
        return self.addressee


class RecommendationUpdate(models.Model):
    """A dated step of the follow-up: what happened, and the status it led to."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("recommendation"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    from_status = models.CharField(_("from"), max_length=12, choices=FollowUp.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=FollowUp.choices)
    text = models.TextField(_("what happened"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_to_status_display()}"
