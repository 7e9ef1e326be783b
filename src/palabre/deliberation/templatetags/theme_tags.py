"""The bar chart of a round's results, on the page and in the document (server-side SVG)."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palabre.documents.charts.bars import Bar, horizontal_bars

from ..models import RoundMethod

register = template.Library()

# The first few themes stand out; the rest are drawn in a lighter colour.
HIGHLIGHTED = 3


@register.simple_tag
def round_chart(ranking, results, width: int = 640):
    """`{% round_chart ranking results %}`: one bar per theme, best first, score written."""
    unit = _("points")
    many = len(ranking.rows) > HIGHLIGHTED
    bars = [
        Bar(
            label=f"{row.position}. {row.title}",
            value=row.score,
            note=ngettext("%(count)s voter", "%(count)s voters", row.voters)
            % {"count": row.voters},
            highlighted=many and row.position <= HIGHLIGHTED,
        )
        for row in ranking.rows
    ]
    method = _("Borda points") if results.method == RoundMethod.RANKING else _("points given")
    return horizontal_bars(
        bars,
        title=_("%(scope)s: %(method)s per theme") % {"scope": ranking.label, "method": method},
        description=_("%(count)s ballots; scores in %(unit)s, best first.")
        % {"count": ranking.ballots, "unit": unit},
        width=width,
    )
