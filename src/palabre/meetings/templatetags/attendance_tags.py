from django import template

from ..attendance_import import attendance_summary
from ..selectors_attendance import attendance_counts

register = template.Library()
register.simple_tag(attendance_summary, name="attendance_import_summary")


@register.simple_tag
def attendance_figures(meeting) -> dict:
    """`{% attendance_figures meeting as figures %}`: the counts the meeting page shows."""
    return attendance_counts(meeting)
