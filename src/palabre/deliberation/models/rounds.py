"""Prioritisation rounds: a secret ballot of points or ranks over a set of themes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.spaces.models import College, Space

from .themes import Theme

# --- prioritisation rounds ------------------------------------------------------------------------


class RoundMethod(models.TextChoices):
    DOT_VOTING = "dot_voting", _("Dot voting (points spread over the themes)")
    RANKING = "ranking", _("Ranking (Borda count)")


class RoundStatus(models.TextChoices):
    # A round ("tour", masculine in French) is open or closed: the labels need their context.
    DRAFT = "draft", pgettext_lazy("prioritisation round", "In preparation")
    OPEN = "open", pgettext_lazy("prioritisation round", "Open")
    CLOSED = "closed", pgettext_lazy("prioritisation round", "Closed")


ROUND_TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.DRAFT: {RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: set(),
}


class PrioritisationRound(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(
        _("method"), max_length=12, choices=RoundMethod.choices, default=RoundMethod.DOT_VOTING
    )
    points = models.PositiveSmallIntegerField(
        _("points per voter"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Dot voting: how many points each voter spreads over the themes."),
    )
    college = models.ForeignKey(
        College,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("college"),
        help_text=_("Only this college's members vote; empty: every member of the space."),
    )
    themes = models.ManyToManyField(Theme, related_name="rounds", verbose_name=_("themes"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    closes_at = models.DateTimeField(
        _("closes on"), help_text=_("Ballots can be changed until then.")
    )
    opened_at = models.DateTimeField(_("opened on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        ordering = ["-closes_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:round", args=[self.space.slug, self.pk])

    @property
    def is_open_now(self) -> bool:
        return self.status == RoundStatus.OPEN and timezone.now() < self.closes_at


class Ballot(models.Model):
    """One per voter and round, replaced as a whole until the close; secret to other voters."""

    round = models.ForeignKey(
        PrioritisationRound,
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("round"),
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("voter"),
    )
    # The voter's college when they voted, for the results per college.
    college = models.ForeignKey(
        College,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("college"),
    )
    cast_at = models.DateTimeField(_("cast on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed on"), auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="ballot_one_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.voter}"


class BallotEntry(models.Model):
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="entries", verbose_name=_("ballot")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot entry")
        verbose_name_plural = _("ballot entries")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "theme"], name="ballot_entry_once"),
            models.CheckConstraint(
                condition=models.Q(points__isnull=False) | models.Q(rank__isnull=False),
                name="ballot_entry_points_or_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.points if self.points is not None else self.rank}"
