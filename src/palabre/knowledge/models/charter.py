"""The charter (cahier des charges) of a concertation space: numbered articles in sections, its
colleges and seats, and the rules that make it work, approved and versioned by the workflow."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Space, Visibility, Vote
from palabre.workflow.models import Approvable

from .register import Lesson, Recommendation


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simple majority of the votes cast")
    ABSOLUTE = "absolute", _("Absolute majority of the deliberative members")
    TWO_THIRDS = "two_thirds", _("Two-thirds majority of the votes cast")


class Charter(Approvable):
    WORKFLOW_PERMISSIONS = {
        "edit": "knowledge.edit_charter",
        "review": "knowledge.review_charter",
        "submit": "knowledge.edit_charter",
        "send_back": "knowledge.edit_charter",
        "approve": "knowledge.approve_charter",
        "publish": "knowledge.publish_charter",
        "new_version": "knowledge.edit_charter",
    }

    space = models.OneToOneField(
        Space, on_delete=models.PROTECT, related_name="charter", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=250)
    preamble = models.TextField(_("preamble"), blank=True)
    women_minimum_percent = models.PositiveSmallIntegerField(
        _("minimum share of women (%)"), default=30, validators=[MaxValueValidator(100)]
    )
    plenary_per_year = models.PositiveSmallIntegerField(
        _("plenary sessions a year"), default=2, validators=[MinValueValidator(1)]
    )
    bureau_per_year = models.PositiveSmallIntegerField(
        _("bureau meetings a year"), default=4, validators=[MinValueValidator(1)]
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of deliberative members)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    majority = models.CharField(
        _("vote when consensus fails"),
        max_length=12,
        choices=Majority.choices,
        default=Majority.TWO_THIRDS,
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
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(women_minimum_percent__lte=100),
                name="charter_women_share_within_100",
            ),
            models.CheckConstraint(
                condition=models.Q(quorum_percent__gte=1, quorum_percent__lte=100),
                name="charter_quorum_within_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:charter", args=[self.space.slug])

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        from ..services.charter import charter_sections

        return charter_sections(self)

    def workflow_check(self, action: str) -> None:
        from ..services.charter import charter_check

        charter_check(charter=self, action=action)

    def workflow_done(self, action: str, actor) -> None:
        from ..services.charter import charter_transitioned

        charter_transitioned(charter=self, action=action, actor=actor)


class CharterCollege(models.Model):
    """A college as the charter sets it: how many seats, and whether its members vote."""

    charter = models.ForeignKey(
        Charter, on_delete=models.CASCADE, related_name="colleges", verbose_name=_("charter")
    )
    name = models.CharField(_("college"), max_length=120)
    description = models.CharField(_("who sits in it"), max_length=300, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    vote = models.CharField(_("vote"), max_length=15, choices=Vote.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("college of the charter")
        verbose_name_plural = _("colleges of the charter")
        ordering = ["charter", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "name"], name="charter_college_unique"),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="charter_college_seats"),
        ]

    def __str__(self) -> str:
        return self.name


class SectionKind(models.TextChoices):
    CONTEXT = "context", _("Context and rationale")
    OBJECTIVES = "objectives", _("Objectives")
    MISSIONS = "missions", _("Missions")
    COMPOSITION = "composition", _("Format and composition")
    BODIES = "bodies", _("Bodies")
    FUNCTIONING = "functioning", _("Functioning")
    PRIORITIES = "priorities", _("Thematic priorities")
    RESOURCES = "resources", _("Resources and financing")
    MONITORING = "monitoring", _("Monitoring and evaluation")
    REVISION = "revision", _("Revision")
    OTHER = "other", _("Other provisions")


class CharterSection(models.Model):
    charter = models.ForeignKey(
        Charter, on_delete=models.CASCADE, related_name="sections", verbose_name=_("charter")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("section of the charter")
        verbose_name_plural = _("sections of the charter")
        ordering = ["charter", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class CharterArticle(models.Model):
    """An article; its number follows from its place in the charter, so inserting one renumbers
    the others instead of leaving gaps."""

    section = models.ForeignKey(
        CharterSection, on_delete=models.CASCADE, related_name="articles", verbose_name=_("section")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    lessons = models.ManyToManyField(
        Lesson, blank=True, related_name="charter_articles", verbose_name=_("lessons cited")
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        blank=True,
        related_name="charter_articles",
        verbose_name=_("recommendations cited"),
    )

    class Meta:
        verbose_name = _("article of the charter")
        verbose_name_plural = _("articles of the charter")
        ordering = ["section__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title
