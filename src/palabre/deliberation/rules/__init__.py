"""Permissions of deliberation, one module per part; importing them registers the rules."""

from . import consultations, rounds, themes  # noqa: F401
