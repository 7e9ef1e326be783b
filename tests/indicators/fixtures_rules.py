"""Small worlds for the investment, action and meeting rules, counted by hand in each docstring.

Every world belongs to a committee of Côte d'Ivoire with a space under it, plus a space elsewhere
whose records never count. Dates are in 2026; FIRST_HALF is January to June.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from palabre.actions.models import ActionPlan, ActionStatus, PlanKind
from palabre.indicators.computations import Scope
from palabre.indicators.selectors.figures import spaces_under
from palabre.investment.models import InterestStatus, PilotStage, StageChange, ToolKind
from palabre.investment.models import InterestStatusChange as StatusChange
from palabre.meetings.models import MeetingKind, MeetingMode, MeetingStatus, Minutes
from palabre.workflow.models import Revision, State
from tests.accounts.factories import make_user
from tests.actions.factories import ActionFactory, ActionPlanFactory, ProgressUpdateFactory
from tests.investment.factories import (
    ExchangeRateFactory,
    ExpressionOfInterestFactory,
    IncentiveToolFactory,
    InvestorProfileFactory,
    MobilisedAmountFactory,
    OpportunityFactory,
    region,
    sector,
)
from tests.meetings.factories import MeetingFactory, MinutesFactory
from tests.spaces.factories import SpaceFactory, country

FIRST_HALF = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
WHOLE_YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
CAP, ANA, PIL = PilotStage.CAPITALISED, PilotStage.ANALYSED, PilotStage.PILOTED
DONE, BUSY = ActionStatus.DONE, ActionStatus.IN_PROGRESS


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{text}T16:00:00+00:00")


@dataclass
class World:
    committee: object
    child: object
    elsewhere: object
    records: dict = field(default_factory=dict)

    def scope(self, dates=FIRST_HALF, countries=()) -> Scope:
        return Scope(
            space_ids=spaces_under(self.committee),
            country_id=self.committee.country_id,
            start=dates[0],
            end=dates[1],
            country_ids=tuple(country(iso2).pk for iso2 in countries),
        )


def world() -> World:
    committee = SpaceFactory(country=country("CI"))
    return World(
        committee,
        SpaceFactory(parent=committee, country=country("CI")),
        SpaceFactory(country=country("CI")),
    )


def tools() -> World:
    """Incentive tools and their stage changes (T7 belongs to the space elsewhere):

    tool  country space      kind           changes                                   stage now
    T1    CI      committee  one-stop shop  pil 2026-01-10, ana 02-01, cap 03-01        cap
    T2    CI      committee  one-stop shop  cap 2026-02-01, back to ana 05-01           ana
    T3    CI      child      guide          cap 2026-04-10                              cap
    T4    MA      committee  one-stop shop  cap 2026-09-01                              cap
    T5    MA      committee  one-stop shop  ana 2026-03-01                              ana
    T6    SN      committee  one-stop shop  cap 2025-11-01                              cap
    T7    CI      elsewhere  one-stop shop  cap 2026-02-01                              cap

    Capitalised at 30 June: CI 2 (T1 T3), MA 0, ML 0 (no tool), SN 1 (T6).
    At 31 March: CI 2 (T1 T2), MA 0, SN 1. At 31 December: CI 2, MA 1 (T4), SN 1.
    By kind at 30 June: one-stop shop 2 (T1 T6), guide 1 (T3).
    """
    book = world()
    officer = make_user()
    plan = [
        (
            "T1",
            "CI",
            book.committee,
            ToolKind.ONE_STOP_SHOP,
            [(PIL, "2026-01-10"), (ANA, "2026-02-01"), (CAP, "2026-03-01")],
        ),
        (
            "T2",
            "CI",
            book.committee,
            ToolKind.ONE_STOP_SHOP,
            [(CAP, "2026-02-01"), (ANA, "2026-05-01")],
        ),
        ("T3", "CI", book.child, ToolKind.GUIDE, [(CAP, "2026-04-10")]),
        ("T4", "MA", book.committee, ToolKind.ONE_STOP_SHOP, [(CAP, "2026-09-01")]),
        ("T5", "MA", book.committee, ToolKind.ONE_STOP_SHOP, [(ANA, "2026-03-01")]),
        ("T6", "SN", book.committee, ToolKind.ONE_STOP_SHOP, [(CAP, "2025-11-01")]),
        ("T7", "CI", book.elsewhere, ToolKind.ONE_STOP_SHOP, [(CAP, "2026-02-01")]),
    ]
    for name, iso2, space, kind, changes in plan:
        tool = IncentiveToolFactory(
            space=space, country=country(iso2), kind=kind, title=name, stage=changes[-1][0]
        )
        previous = PilotStage.IDENTIFIED
        for stage, when in changes:
            StageChange.objects.create(
                tool=tool, from_stage=previous, to_stage=stage, by=officer, at=at(when)
            )
            previous = stage
        book.records[name] = tool
    return book


def plans() -> World:
    """Bilateral plans of the committee, their actions and progress updates:

    plan  action  status now   updates (date: status)
    P1    A1      done         2026-03-01 in progress, 2026-05-10 done
    P1    A2      done         2026-08-01 done
    P1    A3      in progress  2026-02-01 in progress
    P2    A4      done         2026-02-01 done
    P2    A5      done         2026-06-30 done
    P2    A6      in progress  2026-04-01 done, 2026-05-01 in progress (reopened)
    S     A7      done         2026-02-01 done   (a plan of the space, not bilateral)
    X     A8      done         2026-02-01 done   (bilateral plan of the space elsewhere)
    D     A9      done         2026-02-01 done   (bilateral, still a draft: not adopted)
    N     A10     done         2026-02-01 done   (bilateral, adopted, but for 2027)

    Every plan is adopted (published) except D.

    Done at 30 June: P1 1 (A1), P2 2 (A4 A5): lowest 1, P1.
    Done today (current status): P1 2 (A1 A2), P2 2 (A4 A5): lowest 2.
    """
    book = world()
    plan_of = {
        "P1": ActionPlanFactory(space=book.committee, kind=PlanKind.BILATERAL, title="P1 CI–MA"),
        "P2": ActionPlanFactory(space=book.child, kind=PlanKind.BILATERAL, title="P2 CI–SN"),
        "S": ActionPlanFactory(space=book.committee, kind=PlanKind.SPACE, title="S"),
        "X": ActionPlanFactory(space=book.elsewhere, kind=PlanKind.BILATERAL, title="X"),
        "D": ActionPlanFactory(space=book.committee, kind=PlanKind.BILATERAL, title="D"),
        "N": ActionPlanFactory(
            space=book.committee,
            kind=PlanKind.BILATERAL,
            title="N",
            period_start=day("2027-01-01"),
            period_end=day("2027-12-31"),
        ),
    }
    ActionPlan.objects.exclude(title="D").update(workflow_state=State.PUBLISHED)
    book.records.update(plan_of)
    for name, plan, status, updates in [
        ("A1", "P1", DONE, [("2026-03-01", BUSY), ("2026-05-10", DONE)]),
        ("A2", "P1", DONE, [("2026-08-01", DONE)]),
        ("A3", "P1", BUSY, [("2026-02-01", BUSY)]),
        ("A4", "P2", DONE, [("2026-02-01", DONE)]),
        ("A5", "P2", DONE, [("2026-06-30", DONE)]),
        ("A6", "P2", BUSY, [("2026-04-01", DONE), ("2026-05-01", BUSY)]),
        ("A7", "S", DONE, [("2026-02-01", DONE)]),
        ("A8", "X", DONE, [("2026-02-01", DONE)]),
        ("A9", "D", DONE, [("2026-02-01", DONE)]),
        ("A10", "N", DONE, [("2026-02-01", DONE)]),
    ]:
        action = ActionFactory(plan=plan_of[plan], title=name, status=status)
        for when, update_status in updates:
            ProgressUpdateFactory(action=action, date=day(when), status=update_status)
        book.records[name] = action
    return book


def _revision(minutes, version: int, approved: str) -> None:
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(Minutes),
        object_id=minutes.pk,
        version=version,
        title=str(minutes),
        sections=[],
        approved_by=make_user(),
        approved_at=at(approved),
    )


def meetings() -> World:
    """Meetings and their minutes (X belongs to the space elsewhere):

    meeting  space      started     kind       mode       minutes
    M1       committee  2026-02-10  committee  in person  approved 02-20 (approved version kept)
    M2       child      2026-03-15  training   online     published, approved 03-20
    M3       committee  2026-04-01  committee  in person  approved 04-05, meeting cancelled
    M4       committee  2026-05-05  committee  hybrid     in review
    M5       committee  2026-06-20  committee  in person  approved 07-05
    M6       committee  2026-05-20  committee  in person  version 2 in draft, v1 approved 05-25
    M7       committee  2026-03-01  committee  in person  none
    X        elsewhere  2026-02-11  committee  in person  approved 02-20

    With minutes approved by 30 June: M1 M2 M6 = 3; committee 2, training 1;
    in person 2 (M1 M6), online 1 (M2), hybrid 0. By 31 December: M5 too, 4.
    """
    book = world()
    rows = [
        ("M1", book.committee, "2026-02-10", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
        ("M2", book.child, "2026-03-15", MeetingKind.TRAINING, MeetingMode.ONLINE),
        ("M3", book.committee, "2026-04-01", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
        ("M4", book.committee, "2026-05-05", MeetingKind.COMMITTEE, MeetingMode.HYBRID),
        ("M5", book.committee, "2026-06-20", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
        ("M6", book.committee, "2026-05-20", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
        ("M7", book.committee, "2026-03-01", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
        ("X", book.elsewhere, "2026-02-11", MeetingKind.COMMITTEE, MeetingMode.IN_PERSON),
    ]
    for name, space, starts, kind, mode in rows:
        book.records[name] = MeetingFactory(
            space=space, title=name, starts_at=at(starts), kind=kind, mode=mode
        )
    meeting = book.records
    meeting["M3"].status = MeetingStatus.CANCELLED
    meeting["M3"].cancellation_reason = "Report"
    meeting["M3"].save()

    def minutes(name, state, approved=None, version=1):
        return MinutesFactory(
            meeting=meeting[name],
            workflow_state=state,
            approved_at=at(approved) if approved else None,
            version=version,
        )

    _revision(minutes("M1", State.APPROVED, "2026-02-20"), 1, "2026-02-20")
    minutes("M2", State.PUBLISHED, "2026-03-20")  # no approved version on record: its own date
    _revision(minutes("M3", State.APPROVED, "2026-04-05"), 1, "2026-04-05")
    minutes("M4", State.IN_REVIEW)
    _revision(minutes("M5", State.APPROVED, "2026-07-05"), 1, "2026-07-05")
    _revision(minutes("M6", State.DRAFT, version=2), 1, "2026-05-25")
    _revision(minutes("X", State.APPROVED, "2026-02-20"), 1, "2026-02-20")
    return book


def interests() -> World:
    """Expressions of interest for opportunities (I6's belongs to the space elsewhere):

    interest  region     sector        investor lives in  steps (date: status)          now
    I1        San-Pédro  cocoa-coffee  FR                 03-01 committed               committed
    I2        San-Pédro  cocoa-coffee  FR                 02-01 committed, 04-01 declined declined
    I3        San-Pédro  cocoa-coffee  FR                 08-01 committed               committed
    I4        San-Pédro  cocoa-coffee  FR                 03-01 meeting held            meeting held
    I5        Gbôklé     agriculture   IT                 05-05 committed               committed
    I6        San-Pédro  cocoa-coffee  FR                 03-01 committed               committed

    Committed in the first half and not declined: I1 I5 = 2 (San-Pédro 1, Gbôklé 1; FR 1, IT 1;
    cocoa-coffee 1, agriculture 1). Over the year: I3 too, 3.
    """
    book = world()
    here = OpportunityFactory(space=book.committee, region=region("San-Pédro"))
    other = OpportunityFactory(
        space=book.child, region=region("Gbôklé"), sector=sector("agriculture")
    )
    away = OpportunityFactory(space=book.elsewhere)
    rows = [
        ("I1", here, "FR", [("2026-03-01", InterestStatus.COMMITTED)]),
        (
            "I2",
            here,
            "FR",
            [("2026-02-01", InterestStatus.COMMITTED), ("2026-04-01", InterestStatus.DECLINED)],
        ),
        ("I3", here, "FR", [("2026-08-01", InterestStatus.COMMITTED)]),
        ("I4", here, "FR", [("2026-03-01", InterestStatus.MEETING_HELD)]),
        ("I5", other, "IT", [("2026-05-05", InterestStatus.COMMITTED)]),
        ("I6", away, "FR", [("2026-03-01", InterestStatus.COMMITTED)]),
    ]
    for name, opportunity, iso2, steps in rows:
        interest = ExpressionOfInterestFactory(
            opportunity=opportunity,
            investor=InvestorProfileFactory(name=name, country_of_residence=country(iso2)),
            status=steps[-1][1],
        )
        previous = InterestStatus.RECEIVED
        for when, status in steps:
            StatusChange.objects.create(
                interest=interest, from_status=previous, to_status=status, date=day(when)
            )
            previous = status
        book.records[name] = interest
    return book


MUTUELLE, FONDS = "Mutuelle des Ivoiriens de Lyon", "Fonds diaspora Sénégal"


def amounts() -> World:
    """Amounts mobilised, with EUR at 655.957 XOF from 2026-01-01 and USD at 600 XOF only from
    2026-04-01 (the reporting currency is XOF):

    amount  tool (country)  date        given          source    in XOF
    a1      T1 (CI)         2026-02-01  1 000 000 XOF  Mutuelle  1 000 000.00
    a2      T1 (CI)         2026-03-01  1 000 EUR      —         655 957.00
    a3      T2 (SN)         2026-03-15  500 USD        Fonds     no rate yet: listed apart
    a4      T2 (SN)         2026-05-01  200 USD        Fonds     120 000.00
    a5      T1 (CI)         2026-08-01  300 000 XOF    Mutuelle  (second half)
    a6      T3 elsewhere    2026-02-01  5 000 000 XOF  Mutuelle  (not counted)

    First half: 1 775 957.00 XOF; CI 1 655 957.00, SN 120 000.00; Mutuelle 1 000 000.00,
    Fonds 120 000.00, not recorded 655 957.00; one amount (500 USD of 15 March) unconverted.
    """
    book = world()
    ExchangeRateFactory(currency="EUR", valid_from=day("2026-01-01"), rate=Decimal("655.957"))
    ExchangeRateFactory(currency="USD", valid_from=day("2026-04-01"), rate=Decimal("600"))
    tool = {
        "T1": IncentiveToolFactory(space=book.committee, country=country("CI")),
        "T2": IncentiveToolFactory(space=book.child, country=country("SN")),
        "T3": IncentiveToolFactory(space=book.elsewhere, country=country("CI")),
    }
    for name, on, amount, currency, source, when in [
        ("a1", "T1", "1000000", "XOF", MUTUELLE, "2026-02-01"),
        ("a2", "T1", "1000", "EUR", "", "2026-03-01"),
        ("a3", "T2", "500", "USD", FONDS, "2026-03-15"),
        ("a4", "T2", "200", "USD", FONDS, "2026-05-01"),
        ("a5", "T1", "300000", "XOF", MUTUELLE, "2026-08-01"),
        ("a6", "T3", "5000000", "XOF", MUTUELLE, "2026-02-01"),
    ]:
        book.records[name] = MobilisedAmountFactory(
            tool=tool[on], amount=Decimal(amount), currency=currency, source=source, date=day(when)
        )
    return book


def queries_of(rule, scope: Scope) -> int:
    """How many queries computing the rule with all its breakdowns takes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        rule.compute(scope, rule.dimensions)
    return len(context.captured_queries)


def parts(result, dimension: str) -> dict:
    breakdown = next(b for b in result.breakdowns if b.dimension == dimension)
    return {part.key: part.value for part in breakdown.parts}
