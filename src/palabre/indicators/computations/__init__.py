"""The registered computation rules. Importing this package registers them all."""

from . import actions, investment, meetings, participation  # noqa: F401
from .base import DIMENSIONS, RULES, UNKNOWN, Breakdown, Part, Result, Rule, Scope, register

__all__ = ["DIMENSIONS", "RULES", "UNKNOWN", "Breakdown", "Part", "Result", "Rule", "Scope"]
__all__ += ["register"]
