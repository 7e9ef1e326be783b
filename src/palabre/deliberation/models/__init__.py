"""Deliberation in a space: discussion themes, prioritisation rounds and Pol.is-style consultations.

Themes are proposed by any member (diaspora members from abroad included), supported once per
person and discussed in threaded comments that moderators may hide (never delete). Rounds let a
college or the whole space spread points over, or rank, a set of themes with a secret ballot.
Consultations gather short statements and agree / disagree / pass votes, from which the analysis
finds opinion groups, consensus and division.
"""

from .consultations import (
    CONSULTATION_TRANSITIONS,
    Consultation,
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
    VoteValue,
)
from .rounds import (
    ROUND_TRANSITIONS,
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
)
from .themes import (
    THEME_TRANSITIONS,
    Theme,
    ThemeComment,
    ThemeStatus,
    ThemeSupport,
    theme_statuses_after,
)

__all__ = [
    "CONSULTATION_TRANSITIONS",
    "ROUND_TRANSITIONS",
    "THEME_TRANSITIONS",
    "Ballot",
    "BallotEntry",
    "Consultation",
    "ConsultationAnalysis",
    "ConsultationStatus",
    "PrioritisationRound",
    "RoundMethod",
    "RoundStatus",
    "Statement",
    "StatementStatus",
    "StatementVote",
    "Theme",
    "ThemeComment",
    "ThemeStatus",
    "ThemeSupport",
    "VoteValue",
    "theme_statuses_after",
]
