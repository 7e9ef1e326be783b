"""Discussion themes: proposed, supported, discussed in moderated threads, given a status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Space
from palabre.territories.models import Sector

# --- themes -------------------------------------------------------------------------------------


class ThemeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    RETAINED = "retained", _("Retained")
    IN_PLAN = "in_plan", _("In the action plan")
    SET_ASIDE = "set_aside", _("Set aside")


# The only place that says which status may follow which. Setting a theme aside needs a public
# reason; a theme set aside may be reopened for discussion.
THEME_TRANSITIONS: dict[str, set[str]] = {
    ThemeStatus.PROPOSED: {ThemeStatus.UNDER_DISCUSSION, ThemeStatus.SET_ASIDE},
    ThemeStatus.UNDER_DISCUSSION: {ThemeStatus.RETAINED, ThemeStatus.SET_ASIDE},
    ThemeStatus.RETAINED: {
        ThemeStatus.IN_PLAN,
        ThemeStatus.UNDER_DISCUSSION,
        ThemeStatus.SET_ASIDE,
    },
    ThemeStatus.IN_PLAN: set(),
    ThemeStatus.SET_ASIDE: {ThemeStatus.UNDER_DISCUSSION},
}


def theme_statuses_after(status: str) -> list[str]:
    return [s for s in ThemeStatus.values if s in THEME_TRANSITIONS[status]]


class Theme(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="themes", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    axis = models.CharField(
        _("axis"),
        max_length=120,
        blank=True,
        help_text=_("The reflection axis it belongs to, e.g. “Agriculture and processing”."),
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="themes", verbose_name=_("sectors")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_themes",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ThemeStatus.choices, default=ThemeStatus.PROPOSED
    )
    status_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Shown publicly with the status; required to set a theme aside."),
    )
    status_changed_at = models.DateTimeField(_("status changed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["space", "status"], name="theme_space_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ThemeStatus.SET_ASIDE) | ~models.Q(status_reason=""),
                name="theme_set_aside_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:theme", args=[self.space.slug, self.pk])

    def clean(self):
        if self.status == ThemeStatus.SET_ASIDE and not self.status_reason.strip():
            raise ValidationError({"status_reason": _("Say why the theme is set aside.")})


class ThemeSupport(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="supports", verbose_name=_("theme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="theme_supports",
        verbose_name=_("supporter"),
    )
    created_at = models.DateTimeField(_("supported on"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["theme", "user"], name="theme_support_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.theme}"


class ThemeComment(models.Model):
    """A comment, or a reply to one. Moderation hides it with a reason; it is never deleted."""

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="comments", verbose_name=_("theme")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="theme_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited on"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hidden_at__isnull=True) | ~models.Q(hidden_reason=""),
                name="theme_comment_hidden_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
