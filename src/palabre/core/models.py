from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class TranslatedNameMixin(models.Model):
    """Reference data named in both interface languages; `name` follows the active language."""

    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr

    def __str__(self) -> str:
        return self.name


class SiteIdentity(models.Model):
    """The visual identity that administrators configure; one row, read on every page."""

    name = models.CharField(_("platform name"), max_length=120, default="Palabre")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="identity/", blank=True)
    partner_logos = models.ImageField(_("partner logos banner"), upload_to="identity/", blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#7a4a1e", validators=[hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#2f6b3a", validators=[hex_colour]
    )
    funding_disclaimer = models.TextField(
        _("funding disclaimer"),
        blank=True,
        help_text=_("Shown in the footer of every page and on every issued document."),
    )

    class Meta:
        verbose_name = _("visual identity")
        verbose_name_plural = _("visual identity")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_identity")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "SiteIdentity":
        identity, _created = cls.objects.get_or_create(pk=1)
        return identity
