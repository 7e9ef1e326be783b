"""Diaspora investment: incentive tools piloted and capitalised, opportunities published by the
regions, investor profiles of the diaspora, their expressions of interest, and the dated exchange
rates that let amounts in several currencies be added up."""

from .investors import (
    ExpressionOfInterest,
    InterestStatus,
    InterestStatusChange,
    InvestorKind,
    InvestorProfile,
)
from .opportunities import Opportunity, OpportunityDocument, OpportunityStatus
from .rates import ExchangeRate
from .reference import SupportKind
from .tools import (
    STAGE_ORDER,
    IncentiveTool,
    MobilisedAmount,
    PilotActivity,
    PilotStage,
    StageChange,
    ToolKind,
)

__all__ = [
    "STAGE_ORDER",
    "ExchangeRate",
    "ExpressionOfInterest",
    "IncentiveTool",
    "InterestStatus",
    "InterestStatusChange",
    "InvestorKind",
    "InvestorProfile",
    "MobilisedAmount",
    "Opportunity",
    "OpportunityDocument",
    "OpportunityStatus",
    "PilotActivity",
    "PilotStage",
    "StageChange",
    "SupportKind",
    "ToolKind",
]
