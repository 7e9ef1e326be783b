"""Preparing a meeting: its framing note and agenda."""


def framing_note_transitioned(*, note, action: str, actor) -> None:
    """Tells the people concerned that the framing note moved in the workflow."""


def framing_note_check(*, note, action: str) -> None:
    """Raises ValidationError when the note is not ready for `action`."""
