"""Calls for expertise and for projects: terms of reference, the documents an applicant must
send, the weighted criteria, the submissions (only an applicant's latest one counts), and the
committee's independent scores.

Times are stored in UTC; `time_zone` is the one the call states its deadline in, so that the
deadline reads the same for an applicant in Dakar and one in Montréal.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.core.currencies import amount_field, currency_field
from palabre.spaces.models import Space

TIME_ZONES = sorted(zoneinfo.available_timezones())


class CallKind(models.TextChoices):
    EXPERTISE = "expertise", _("Call for expertise")
    PROJECTS = "projects", _("Call for projects")


class PriceFormula(models.TextChoices):
    LOWEST_OVER_OFFER = "lowest_over_offer", _("Lowest price ÷ offer price × weight")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("call", "Published")
    SCORING_CLOSED = "scoring_closed", _("Technical scoring closed")
    DECIDED = "decided", _("Decided")


class Call(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="calls", verbose_name=_("space")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CallKind.choices)
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    terms_file = models.FileField(
        _("terms of reference (file)"), upload_to="calls/terms/", blank=True
    )
    opens_at = models.DateTimeField(_("opens on"))
    closes_at = models.DateTimeField(_("closes on"))
    time_zone = models.CharField(
        _("time zone of the deadline"),
        max_length=64,
        default="Africa/Abidjan",
        choices=[(name, name) for name in TIME_ZONES],
    )
    budget_ceiling = amount_field(_("budget ceiling"))
    currency = currency_field()
    price_formula = models.CharField(
        _("price formula"),
        max_length=24,
        choices=PriceFormula.choices,
        default=PriceFormula.LOWEST_OVER_OFFER,
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    results_on = models.DateField(_("notification date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    technical_closed_at = models.DateTimeField(
        _("technical scoring closed on"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A call must close after it opens.")})

    def get_absolute_url(self) -> str:
        return reverse("calls:call", args=[self.pk])

    def is_open(self, at=None) -> bool:
        """Accepting submissions: published, and between its opening and its deadline."""
        at = at or timezone.now()
        return self.status == CallStatus.PUBLISHED and self.opens_at <= at < self.closes_at

    @property
    def financial_parts_open(self) -> bool:
        return self.status in (CallStatus.SCORING_CLOSED, CallStatus.DECIDED)


class Part(models.TextChoices):
    TECHNICAL = "technical", _("Technical offer")
    FINANCIAL = "financial", _("Financial offer")


class RequiredDocument(models.Model):
    """A document every submission must (or may) hold, with the file types and size allowed."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="required_documents", verbose_name=_("call")
    )
    label = models.CharField(_("document"), max_length=200)
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    extensions = models.CharField(
        _("file types allowed"),
        max_length=100,
        default=".pdf",
        help_text=_("Extensions separated by commas, for example: .pdf, .docx"),
    )
    max_megabytes = models.PositiveSmallIntegerField(
        _("largest size (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    is_required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["call", "part", "order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def extension_list(self) -> list[str]:
        return [e.strip().lower() for e in self.extensions.split(",") if e.strip()]


class Criterion(models.Model):
    """A criterion of the grid, with its weight in percent; the price criterion is scored by the
    call's price formula, the others by the evaluators from 0 to 100."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_price = models.BooleanField(_("price criterion"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call"], condition=models.Q(is_price=True), name="one_price_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=0) & models.Q(weight__lte=100),
                name="criterion_weight_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class Submission(models.Model):
    """One sending of an applicant's offer; a new sending replaces the previous one, which is
    kept (for the record) but no longer counts."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="call_submissions",
        verbose_name=_("applicant"),
    )
    applicant_name = models.CharField(_("applicant (person, firm or association)"), max_length=200)
    price = amount_field(_("price of the financial offer"))
    submitted_at = models.DateTimeField(_("submitted on"), default=timezone.now)
    is_current = models.BooleanField(_("counts"), default=True)
    is_eligible = models.BooleanField(_("eligible"), default=True)
    ineligibility_reason = models.CharField(_("why not eligible"), max_length=300, blank=True)
    receipt_checksum = models.CharField(_("receipt checksum (SHA-256)"), max_length=64)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["call", "-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                condition=models.Q(is_current=True),
                name="one_current_submission_per_applicant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} — {self.call.reference}"


def submission_file_path(item: "SubmissionFile", filename: str) -> str:
    return f"calls/{item.submission.call_id}/{item.submission_id}/{filename}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files", verbose_name=_("submission")
    )
    requirement = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    file = models.FileField(_("file"), upload_to=submission_file_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "requirement"], name="one_file_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return self.file.name


class Evaluator(models.Model):
    """A member of the committee for one call. Sees nothing before declaring no conflict of
    interest; scores independently and sees the others' scores only after submitting."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="evaluators", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluator"),
    )
    no_conflict_declared_at = models.DateTimeField(
        _("declared no conflict of interest on"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("scores submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.call.reference}"


class Score(models.Model):
    evaluator = models.ForeignKey(
        Evaluator, on_delete=models.CASCADE, related_name="scores", verbose_name=_("evaluator")
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="scores", verbose_name=_("submission")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(
        _("score (0–100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "submission", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=100),
                name="score_between_0_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
