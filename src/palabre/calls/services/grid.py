"""The evaluation grid of a call: its weights must make 100 %, with at most one price
criterion, before the call can be published."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


def grid_check(criteria) -> None:
    criteria = list(criteria)
    if not criteria:
        raise ValidationError(_("The grid has no criterion."), code="grid_empty")
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            _("The weights make %(total)s %%; they must make 100 %%.") % {"total": total},
            code="grid_weights",
        )
    if sum(1 for c in criteria if c.is_price) > 1:
        raise ValidationError(_("A grid has one price criterion at most."), code="grid_prices")
