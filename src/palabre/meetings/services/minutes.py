"""Recording a meeting: minutes, notes per agenda item, decisions, recommendations, action items."""


def minutes_transitioned(*, minutes, action: str, actor) -> None:
    """Tells the people concerned that the minutes moved in the workflow (published: attendees)."""


def minutes_check(*, minutes, action: str) -> None:
    """Raises ValidationError when the minutes are not ready for `action`."""
