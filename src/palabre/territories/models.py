from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palabre.core.models import TranslatedNameMixin


class Country(TranslatedNameMixin):
    """A country by its ISO 3166-1 codes."""

    iso2 = models.CharField(
        _("ISO alpha-2 code"), max_length=2, unique=True, validators=[RegexValidator(r"^[A-Z]{2}$")]
    )
    iso3 = models.CharField(
        _("ISO alpha-3 code"), max_length=3, unique=True, validators=[RegexValidator(r"^[A-Z]{3}$")]
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_fr"]


class Sector(TranslatedNameMixin):
    """An economic sector, shared by regions, people and later investment opportunities."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name_fr"]


class Language(TranslatedNameMixin):
    """A spoken language (ISO 639 code), reference data kept beside countries and sectors."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_fr"]


class Region(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="regions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=120)
    capital = models.CharField(_("capital"), max_length=120, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    population_source = models.CharField(
        _("population source"), max_length=120, blank=True, help_text=_("For example RGPH 2021.")
    )
    main_sectors = models.ManyToManyField(
        Sector, blank=True, related_name="regions", verbose_name=_("main sectors")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country__name_fr", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="region_unique_per_country")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:region_detail", args=[self.pk])
