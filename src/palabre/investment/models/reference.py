from django.db import models
from django.utils.translation import gettext_lazy as _

from palabre.core.models import TranslatedNameMixin


class SupportKind(TranslatedNameMixin):
    """What an investor brings and a project needs: money, but also mentoring, expertise
    missions, networks... Reference data shared by opportunities and investor profiles, so that
    matching compares like with like."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of support")
        verbose_name_plural = _("kinds of support")
        ordering = ["order", "code"]
