from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")


# Labels of the kinds the apps issue; an unlisted kind still shows, from its code.
KIND_LABELS = {
    "framing_note": _("Framing note"),
    "sign_in_sheet": _("Sign-in sheet"),
    "minutes": _("Minutes"),
    "certificate": _("Certificate"),
    "charter": _("Charter"),
    "report": _("Report"),
    "action_plan": _("Action plan"),
    "pilot_sheet": _("Pilot sheet"),
    "evaluation_report": _("Evaluation report"),
    "capitalisation_report": _("Capitalisation report"),
    "sample": _("Sample document"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize())


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
}


class IssuedDocument(models.Model):
    """A document as it was issued, kept byte for byte so that its checksum proves it later.

    Never edited, never deleted: a correction is a new version."""

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject type")
    )
    object_id = models.CharField(_("subject id"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    key = models.CharField(
        _("key"),
        max_length=80,
        blank=True,
        help_text=_("Tells apart several documents of one subject, e.g. one certificate a person."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    format = models.CharField(_("format"), max_length=4, choices=DocumentFormat.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=200)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    space = models.ForeignKey(
        "spaces.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("space"),
    )
    issued_at = models.DateTimeField(_("issued on"), default=timezone.now, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # The name printed on the document stays true even once the account is gone.
    approved_by_name = models.CharField(_("approver's name"), max_length=200, blank=True)
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "key", "version", "format"],
                name="one_issue_per_document_version_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version}, {self.get_format_display()})"

    def get_kind_display(self) -> str:
        return kind_label(self.kind)

    @property
    def content_type_header(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def extension(self) -> str:
        return self.format
