"""Meetings, workshops and trainings of a space, from the framing note to the approved minutes.

Times are stored in UTC; `time_zone` is the venue's, so that every viewer sees the time in their
own zone with the venue's beside it.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.directory.models import Person
from palabre.spaces.models import Space, Visibility
from palabre.workflow.models import Approvable

DEFAULT_TIME_ZONE = "Africa/Abidjan"


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value})


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee meeting")
    EXCHANGE_WORKSHOP = "exchange_workshop", _("Exchange workshop")
    THEMATIC_WORKSHOP = "thematic_workshop", _("Thematic workshop")
    TRAINING = "training", _("Training")
    DIASPORA_FORUM = "diaspora_forum", _("Diaspora forum")
    FIELD_VISIT = "field_visit", _("Field visit")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ParticipationMode(models.TextChoices):
    """How one person takes part; a hybrid meeting has both."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("space", "space__country")


class Meeting(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    mode = models.CharField(_("mode"), max_length=12, choices=MeetingMode.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_(
            "Public: anyone can see it and register. Members only: the space's members. "
            "Restricted: only the invited people and the secretariat."
        ),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("venue time zone"),
        max_length=60,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Places in the room; beyond it, registrations go to the waiting list."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    description = models.TextField(_("description"), blank=True)
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("For trainings: one objective per line.")
    )
    cancellation_reason = models.CharField(_("cancellation reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["space", "starts_at"], name="meeting_space_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.space.slug, self.pk])

    @property
    def is_training(self) -> bool:
        return self.kind == MeetingKind.TRAINING

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def venue_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def offers_in_person(self) -> bool:
        return self.mode in (MeetingMode.IN_PERSON, MeetingMode.HYBRID)

    @property
    def offers_online(self) -> bool:
        return self.mode in (MeetingMode.ONLINE, MeetingMode.HYBRID)

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.offers_in_person and not self.venue:
            errors["venue"] = _("Give the venue of a meeting held in person.")
        if self.offers_online and not self.online_url:
            errors["online_url"] = _("Give the online link of a meeting held online.")
        if errors:
            raise ValidationError(errors)


class AgendaItemKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PRESENTATION = "presentation", _("Presentation")
    DISCUSSION = "discussion", _("Discussion")
    WORKING_GROUPS = "working_groups", _("Working groups")
    DECISION = "decision", _("Decision")
    BREAK = "break", _("Break")
    CLOSING = "closing", _("Closing")
    OTHER = "other", _("Other")


class FramingNote(Approvable):
    """The note de cadrage: why the meeting is held and what it should produce."""

    WORKFLOW_PERMISSIONS = {
        "edit": "meetings.edit_framing_note",
        "review": "meetings.review_framing_note",
        "submit": "meetings.edit_framing_note",
        "send_back": "meetings.edit_framing_note",
        "approve": "meetings.approve_framing_note",
        "publish": "meetings.publish_framing_note",
        "new_version": "meetings.edit_framing_note",
    }

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="framing_note", verbose_name=_("meeting")
    )
    context = models.TextField(_("context"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    reflection_axes = models.TextField(_("reflection axes"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    target_participants = models.TextField(_("target participants"), blank=True)

    TEXT_SECTIONS = [
        "context",
        "objectives",
        "reflection_axes",
        "expected_results",
        "target_participants",
    ]

    class Meta:
        verbose_name = _("framing note")
        verbose_name_plural = _("framing notes")

    def __str__(self) -> str:
        return str(_("Framing note — %(meeting)s") % {"meeting": self.meeting.title})

    def get_absolute_url(self) -> str:
        return reverse("meetings:framing_note", args=[self.meeting.space.slug, self.meeting_id])

    def workflow_check(self, action: str) -> None:
        from .services.framing import framing_note_check

        framing_note_check(note=self, action=action)

    def workflow_done(self, action: str, actor) -> None:
        from .services.framing import framing_note_transitioned

        framing_note_transitioned(note=self, action=action, actor=actor)

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        sections = [
            (name, str(self._meta.get_field(name).verbose_name).capitalize(), getattr(self, name))
            for name in self.TEXT_SECTIONS
        ]
        agenda = "\n".join(item.as_text() for item in self.meeting.agenda_items.all())
        sections.append(("agenda", str(_("Agenda")), agenda))
        return sections


class AgendaItem(models.Model):
    """A point of the agenda; part of the framing note, and the frame of the minutes' notes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.DISCUSSION
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    minutes_notes = models.TextField(
        _("notes of the discussion"), blank=True, help_text=_("Written in the minutes.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def as_text(self) -> str:
        details = [str(self.get_kind_display())]
        if self.duration_minutes:
            details.append(str(_("%(minutes)s min") % {"minutes": self.duration_minutes}))
        if self.speaker:
            details.append(self.speaker)
        return f"{self.order}. {self.title} ({', '.join(details)})"


class InvitationChannel(models.TextChoices):
    MEMBERS = "members", _("All members")
    COLLEGE = "college", _("College")
    PERSON = "person", _("Chosen person")


class Invitation(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person")
    )
    channel = models.CharField(_("invited as"), max_length=10, choices=InvitationChannel.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationSource(models.TextChoices):
    ACCOUNT = "account", _("Online, signed in")
    PUBLIC_FORM = "public_form", _("Online, public form")
    SECRETARIAT = "secretariat", _("By the secretariat")


class Registration(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    mode = models.CharField(
        _("taking part"),
        max_length=12,
        choices=ParticipationMode.choices,
        default=ParticipationMode.IN_PERSON,
    )
    source = models.CharField(_("registered"), max_length=12, choices=RegistrationSource.choices)
    registered_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    promoted_at = models.DateTimeField(
        _("promoted from the waiting list on"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent on"), null=True, blank=True)
    # Lets someone without an account cancel from the link in their confirmation e-mail.
    token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="registration_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting} ({self.get_status_display()})"


class AttendanceSource(models.TextChoices):
    CHECK_IN = "check_in", _("Checked in on the day")
    WALK_IN = "walk_in", _("Walk-in")
    ONLINE = "online", _("Online")
    SIGN_IN_SHEET = "sign_in_sheet", _("Typed from the sign-in sheet")


class AttendanceQuerySet(models.QuerySet):
    def present(self):
        return self.filter(removed_at__isnull=True)


class Attendance(models.Model):
    """Someone was there. Removing a line is soft and audited: attendance counts."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    mode = models.CharField(
        _("taking part"),
        max_length=12,
        choices=ParticipationMode.choices,
        default=ParticipationMode.IN_PERSON,
    )
    source = models.CharField(_("recorded"), max_length=15, choices=AttendanceSource.choices)
    checked_in_at = models.DateTimeField(_("checked in on"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    removed_at = models.DateTimeField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=300, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(removed_at__isnull=True),
                name="attendance_once_per_person",
                violation_error_message=_("This person is already on the attendance list."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


class Minutes(Approvable):
    """The compte rendu (or actes): what was said and decided, approved then published."""

    WORKFLOW_PERMISSIONS = {
        "edit": "meetings.edit_minutes",
        "review": "meetings.review_minutes",
        "submit": "meetings.edit_minutes",
        "send_back": "meetings.edit_minutes",
        "approve": "meetings.approve_minutes",
        "publish": "meetings.publish_minutes",
        "new_version": "meetings.edit_minutes",
    }

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("meeting")
    )
    summary = models.TextField(_("summary"), blank=True)
    visibility = models.CharField(
        _("published to"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_("Who can read the minutes once they are published."),
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(_("Minutes — %(meeting)s") % {"meeting": self.meeting.title})

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes", args=[self.meeting.space.slug, self.meeting_id])

    def workflow_check(self, action: str) -> None:
        from .services.minutes import minutes_check

        minutes_check(minutes=self, action=action)

    def workflow_done(self, action: str, actor) -> None:
        from .services.minutes import minutes_transitioned

        minutes_transitioned(minutes=self, action=action, actor=actor)

    def workflow_sections(self) -> list[tuple[str, str, str]]:
        sections = [("summary", str(_("Summary")), self.summary)]
        for item in self.meeting.agenda_items.all():
            sections.append((f"item-{item.pk}", str(item), item.minutes_notes))
        outcomes = list(self.outcomes.select_related("owner"))
        for kind, label in OutcomeKind.choices:
            lines = [outcome.as_text() for outcome in outcomes if outcome.kind == kind]
            sections.append((f"outcomes-{kind}", str(label), "\n".join(lines)))
        return sections


class OutcomeKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    RECOMMENDATION = "recommendation", _("Recommendation")
    ACTION_ITEM = "action_item", _("Action item")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.Model):
    """A decision, recommendation or action item recorded in the minutes."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("minutes")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["minutes", "kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="action_item") | ~models.Q(status=""),
                name="outcome_action_item_has_status",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self):
        if self.kind == OutcomeKind.ACTION_ITEM and not self.owner_id:
            raise ValidationError({"owner": _("An action item needs someone responsible for it.")})
        if self.kind != OutcomeKind.ACTION_ITEM and (self.owner_id or self.due_date):
            raise ValidationError(_("Only action items have someone responsible and a due date."))

    def as_text(self) -> str:
        if self.kind != OutcomeKind.ACTION_ITEM:
            return self.text
        details = [str(self.owner)] if self.owner_id else []
        if self.due_date:
            details.append(self.due_date.isoformat())
        details.append(str(self.get_status_display()))
        return f"{self.text} ({', '.join(details)})"


score_validators = [MinValueValidator(0), MaxValueValidator(100)]


class TrainingAssessment(models.Model):
    """A participant's scores (out of 100) before and after a training."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("training")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("participant")
    )
    pre_score = models.DecimalField(
        _("score before"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )
    post_score = models.DecimalField(
        _("score after"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="assessment_once_per_person"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(pre_score__isnull=True)
                    | models.Q(pre_score__gte=0, pre_score__lte=100)
                )
                & (
                    models.Q(post_score__isnull=True)
                    | models.Q(post_score__gte=0, post_score__lte=100)
                ),
                name="assessment_scores_between_0_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"

    @property
    def gain(self):
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score


rating_validators = [MinValueValidator(1), MaxValueValidator(5)]


class SatisfactionResponse(models.Model):
    """One answer to a training's satisfaction survey, from 1 (poor) to 5 (excellent).

    Anonymous on purpose: the person is kept only to allow one answer each."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("training")
    )
    respondent = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondent"),
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=rating_validators)
    content = models.PositiveSmallIntegerField(
        _("relevance of the content"), validators=rating_validators
    )
    facilitation = models.PositiveSmallIntegerField(
        _("quality of the facilitation"), validators=rating_validators
    )
    organisation = models.PositiveSmallIntegerField(
        _("organisation and logistics"), validators=rating_validators
    )
    would_recommend = models.BooleanField(_("would recommend it"), default=True)
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("answered on"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        ordering = ["meeting", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="satisfaction_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5)
                & models.Q(content__gte=1, content__lte=5)
                & models.Q(facilitation__gte=1, facilitation__lte=5)
                & models.Q(organisation__gte=1, organisation__lte=5),
                name="satisfaction_ratings_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.overall}/5"
