"""The knowledge of a space: its register of lessons and recommendations, its charter and its
capitalisation reports; one module per part."""

from .charter import Charter, CharterArticle, CharterCollege, CharterSection, Majority, SectionKind
from .register import (
    FOLLOW_UP_MOVES,
    FollowUp,
    Lesson,
    Priority,
    Recommendation,
    RecommendationUpdate,
    Tag,
)
from .reports import CapitalisationReport

__all__ = [
    "FOLLOW_UP_MOVES",
    "CapitalisationReport",
    "Charter",
    "CharterArticle",
    "CharterCollege",
    "CharterSection",
    "FollowUp",
    "Lesson",
    "Majority",
    "Priority",
    "Recommendation",
    "RecommendationUpdate",
    "SectionKind",
    "Tag",
]
