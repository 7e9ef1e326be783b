"""The one approval workflow: draft → in review → approved → published.

Framing notes, minutes, the charter and reports inherit `Approvable`; what happened to them is kept
in the generic tables below, so that every approvable thing shares one history, one comment thread
per section and one archive of its approved versions.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    SEND_BACK = "send_back", _("Send back to draft")
    APPROVE = "approve", _("Approve")
    PUBLISH = "publish", _("Publish")
    NEW_VERSION = "new_version", _("Start a new version")


# The only place that says which action moves which state where.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    Action.SUBMIT: ({State.DRAFT}, State.IN_REVIEW),
    Action.SEND_BACK: ({State.IN_REVIEW, State.APPROVED}, State.DRAFT),
    Action.APPROVE: ({State.IN_REVIEW}, State.APPROVED),
    Action.PUBLISH: ({State.APPROVED}, State.PUBLISHED),
    Action.NEW_VERSION: ({State.PUBLISHED}, State.DRAFT),
}


# What a transition writes; the content fields belong to the editors.
WORKFLOW_FIELDS = ["workflow_state", "version", "approved_by", "approved_at", "published_at"]


def actions_from(state: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if state in sources]


class Approvable(models.Model):
    """A document that goes through the workflow. Subclasses say what their sections are, which
    space they belong to and which permission each action needs."""

    # action → rules permission name, checked against the approvable object itself; "edit" is
    # changing the content of a draft, "review" is commenting.
    WORKFLOW_PERMISSIONS: dict[str, str] = {}

    workflow_state = models.CharField(
        _("approval state"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.workflow_state == State.DRAFT

    @property
    def is_published(self) -> bool:
        return self.workflow_state == State.PUBLISHED

    def workflow_permission(self, action: str) -> str:
        return self.WORKFLOW_PERMISSIONS[action]

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        """(key, title, text) of each section, in reading order: what reviewers comment on and
        what a version's difference compares."""
        raise NotImplementedError

    def frozen_sections(self) -> list[list[str]]:
        """The sections as an approved version keeps them, and as they are compared with it: in
        the site's language, whoever looks, so that labels the platform writes ("Decision",
        "deliberative vote") never show as changes between two readers' languages."""
        with translation.override(settings.LANGUAGE_CODE):
            return [[str(part) for part in section] for section in self.workflow_sections()]

    def workflow_check(self, action: str) -> None:
        """Raise ValidationError when the content is not ready for `action`."""

    def workflow_done(self, action: str, actor) -> None:
        """Called after a transition is stored (notifications, for instance)."""


class GenericTarget(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Transition(GenericTarget):
    version = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=12, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("on"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("workflow transition")
        verbose_name_plural = _("workflow transitions")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="transition_target")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} (v{self.version})"


class ReviewComment(GenericTarget):
    version = models.PositiveIntegerField(_("version"))
    section = models.CharField(_("section"), max_length=60)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="comment_target")]

    def __str__(self) -> str:
        return self.text[:80]


class Revision(GenericTarget):
    """The content of a version as it was approved; it never changes afterwards."""

    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    sections = models.JSONField(_("sections"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved on"))
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("approved version")
        verbose_name_plural = _("approved versions")
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version"], name="revision_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"
