"""Preparing a meeting: its framing note and agenda."""


def framing_note_transitioned(*, note, action: str, actor) -> None:
    """Tells the people concerned that the framing note moved in the workflow."""
