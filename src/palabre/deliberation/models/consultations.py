"""Pol.is-style consultations: statements, agree / disagree / pass votes, their analysis."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.spaces.models import Space, Visibility

from .themes import Theme

# --- consultations --------------------------------------------------------------------------------


class ConsultationStatus(models.TextChoices):
    # A consultation is feminine in French: its labels need their own context.
    DRAFT = "draft", pgettext_lazy("consultation", "In preparation")
    OPEN = "open", pgettext_lazy("consultation", "Open")
    CLOSED = "closed", pgettext_lazy("consultation", "Closed")


CONSULTATION_TRANSITIONS: dict[str, set[str]] = {
    ConsultationStatus.DRAFT: {ConsultationStatus.OPEN},
    ConsultationStatus.OPEN: {ConsultationStatus.CLOSED},
    ConsultationStatus.CLOSED: {ConsultationStatus.OPEN},
}


class Consultation(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("theme"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    participants_may_submit = models.BooleanField(
        _("participants may submit statements"), default=True
    )
    statement_max_length = models.PositiveSmallIntegerField(
        _("longest statement (characters)"),
        default=280,
        validators=[MinValueValidator(40), MaxValueValidator(1000)],
    )
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:consultation", args=[self.space.slug, self.pk])

    @property
    def is_open_now(self) -> bool:
        """Open and not past its closing date: participants may vote and submit."""
        return self.status == ConsultationStatus.OPEN and (
            self.closes_at is None or timezone.now() < self.closes_at
        )

    @property
    def is_over(self) -> bool:
        """Closed, or open past its closing date: its results are final."""
        return self.status == ConsultationStatus.CLOSED or (
            self.status == ConsultationStatus.OPEN
            and self.closes_at is not None
            and self.closes_at <= timezone.now()
        )


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Statement(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("consultation"),
    )
    text = models.CharField(_("statement"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("author"),
    )
    is_seed = models.BooleanField(
        _("seed statement"),
        default=False,
        help_text=_("Written by the organisers to start the conversation."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("submitted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "status"], name="statement_consultation_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=StatementStatus.REJECTED)
                | ~models.Q(moderation_reason=""),
                name="statement_rejected_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass / unsure")


class StatementVote(models.Model):
    # Denormalised from the statement: the analysis reads a whole consultation's votes at once.
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="votes", verbose_name=_("consultation")
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="votes", verbose_name=_("statement")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="statement_votes",
        verbose_name=_("participant"),
    )
    value = models.SmallIntegerField(
        pgettext_lazy("consultation", "vote"), choices=VoteValue.choices
    )
    voted_at = models.DateTimeField(_("voted on"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("consultation", "vote")
        verbose_name_plural = pgettext_lazy("consultation", "votes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="statement_vote_once"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=[-1, 0, 1]), name="statement_vote_value"
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "participant"], name="vote_consultation_person")
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.get_value_display()} {self.statement_id}"


class ConsultationAnalysis(models.Model):
    """One run of the analysis; the page shows the latest. Participants stay anonymous: the map
    stores positions and groups, not who they are."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="analyses",
        verbose_name=_("consultation"),
    )
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )
    computed_at = models.DateTimeField(_("computed on"), auto_now_add=True)
    participant_count = models.PositiveIntegerField(_("participants"), default=0)
    statement_count = models.PositiveIntegerField(_("statements"), default=0)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    group_count = models.PositiveSmallIntegerField(_("opinion groups"), default=0)
    silhouette = models.FloatField(_("silhouette score"), null=True, blank=True)
    explained_variance = models.JSONField(_("explained variance"), default=list)
    # Written by deliberation.analysis.Analysis.results():
    # {"min_votes": 7, "voters": n,
    #  "groups": [{"size": n, "centre": [x, y],
    #              "representative": [{"id", "direction", "ratio", "repness"}]}],
    #  "points": [[x, y, group], …] (a sample of at most MAP_POINTS), "points_total": n,
    #  "statements": [{"id", "agree": [per group], "disagree": [...], "pass": [...],
    #                  "total": {"agree", "disagree", "pass"}, "consensus": "agree" | "disagree"
    #                  | None, "spread": float | None}],
    #  "consensus": [ids, strongest first], "divisive": [ids, most divisive first]}
    results = models.JSONField(_("results"), default=dict)

    class Meta:
        verbose_name = _("consultation analysis")
        verbose_name_plural = _("consultation analyses")
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.consultation} ({self.computed_at:%Y-%m-%d %H:%M})"
