"""Reading incentive tools: which tools a user may see (the rule `investment.view_tool` in SQL),
one tool for its pages, its results with the converted total, its stage track and history, and
what the pilot sheet shows."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.core.rules import is_site_admin
from palabre.documents.charts.bars import Bar, horizontal_bars
from palabre.spaces.models import Space, Visibility
from palabre.spaces.selectors import roles_of, spaces_visible_to

from ..models import STAGE_ORDER, IncentiveTool, PilotStage
from ..rules import OFFICER_ROLES
from ..services.rates import Total, total_of
from ..services.stages import allowed_stages, missing_to_reach

# The pilot sheet fits one page with the latest activities only; the tool's page lists them all.
SHEET_ACTIVITIES = 5


def tools_visible_to(user) -> QuerySet[IncentiveTool]:
    """The tools this user may read: public ones of public spaces, those of the spaces they
    belong to unless restricted, every tool of the spaces they are an officer of; all for site
    administrators. The same rule as `investment.view_tool`, as one filter."""
    tools = IncentiveTool.objects.select_related("space", "country", "region")
    if is_site_admin.test(user):
        return tools
    roles = roles_of(user)
    officer_of = [space_id for space_id, held in roles.items() if held & OFFICER_ROLES]
    visible = Q(visibility=Visibility.PUBLIC, space__visibility=Visibility.PUBLIC)
    if roles:
        visible |= Q(space_id__in=list(roles)) & ~Q(visibility=Visibility.RESTRICTED)
    if officer_of:
        visible |= Q(space_id__in=officer_of)
    return tools.filter(visible)


def tool_for(user, pk: int) -> IncentiveTool:
    """The tool if the user may see it; 404 otherwise. An anonymous visitor of a tool kept by a
    space they can see is sent to the login page by the view's permission check instead; a tool
    of a hidden space stays unknown to them."""
    tool = get_object_or_404(
        IncentiveTool.objects.select_related("space", "country", "region", "created_by"), pk=pk
    )
    if user.has_perm("investment.view_tool", tool):
        return tool
    if user.is_authenticated or not spaces_visible_to(user).filter(pk=tool.space_id).exists():
        raise Http404
    return tool


def officer_spaces_of(user) -> QuerySet[Space]:
    """The spaces a user may add a tool to."""
    spaces = Space.objects.select_related("country").order_by("name")
    if is_site_admin.test(user):
        return spaces
    roles = roles_of(user)
    return spaces.filter(pk__in=[pk for pk, held in roles.items() if held & OFFICER_ROLES])


# --- a tool's page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "current" or "ahead": said in words on the page, not by colour only


def stage_track(tool: IncentiveTool) -> list[Step]:
    index = tool.stage_index
    return [
        Step(
            label=str(label),
            state="done" if n < index else ("current" if n == index else "ahead"),
        )
        for n, label in enumerate(PilotStage.labels)
    ]


@dataclass(frozen=True)
class StageOption:
    label: str
    back: bool
    missing: dict  # per stage label, what the tool lacks to get there


def stage_options(tool: IncentiveTool) -> list[StageOption]:
    """The stages the tool may be moved to, each with what it lacks to get there, so that an
    officer sees it before trying."""
    labels = dict(PilotStage.choices)
    options = []
    for stage in allowed_stages(tool):
        back = STAGE_ORDER.index(stage) < tool.stage_index
        gaps = {} if back else missing_to_reach(tool, stage)
        options.append(
            StageOption(
                label=str(labels[stage]),
                back=back,
                missing={str(labels[step]): missing for step, missing in gaps.items()},
            )
        )
    return options


@dataclass(frozen=True)
class Results:
    people: int
    women: int
    men: int
    gender_unknown: int
    diaspora: int
    residents: int
    origin_unknown: int
    projects: int
    jobs: int
    amounts: list
    total: Total


def tool_results(tool: IncentiveTool, amounts=None) -> Results:
    """The measured results; the breakdowns' remainders are the people nobody recorded."""
    amounts = list(tool.amounts.order_by("-date", "-pk") if amounts is None else amounts)
    people = tool.people_reached
    return Results(
        people=people,
        women=tool.women_reached,
        men=tool.men_reached,
        gender_unknown=people - tool.women_reached - tool.men_reached,
        diaspora=tool.diaspora_reached,
        residents=tool.residents_reached,
        origin_unknown=people - tool.diaspora_reached - tool.residents_reached,
        projects=tool.projects_supported,
        jobs=tool.jobs_expected,
        amounts=amounts,
        total=total_of(amounts),
    )


def gender_chart(results: Results):
    """People reached by gender, as a small bar chart; None when nobody was counted."""
    if not results.people:
        return None
    bars = [
        Bar(label=_("Women"), value=results.women),
        Bar(label=_("Men"), value=results.men),
        Bar(label=_("Not recorded"), value=results.gender_unknown),
    ]
    return horizontal_bars(
        bars,
        title=_("People reached by gender"),
        description=_(
            "Of %(people)s people reached: women %(women)s, men %(men)s, not recorded %(unknown)s."
        )
        % {
            "women": results.women,
            "men": results.men,
            "unknown": results.gender_unknown,
            "people": results.people,
        },
        width=480,
    )


def stage_history(tool: IncentiveTool):
    return tool.stage_changes.select_related("by").order_by("-at", "-pk")


def _record(tool: IncentiveTool, knowledge: dict) -> dict:
    """What the page and the sheet both show; `knowledge`: the tool's lessons and
    recommendations the reader may see (knowledge.selectors.register.tool_knowledge)."""
    results = tool_results(tool)
    return {
        "partners": list(tool.partners.order_by("name")),
        "track": stage_track(tool),
        "results": results,
        "gender_chart": gender_chart(results),
        **knowledge,
    }


def tool_page(tool: IncentiveTool, knowledge: dict) -> dict:
    """Everything the tool's page shows besides the forms."""
    return {
        **_record(tool, knowledge),
        "activities": list(tool.activities.order_by("-date", "-pk")),
        "history": list(stage_history(tool)),
    }


# --- the pilot sheet -----------------------------------------------------------------------------


def tool_sheet(tool: IncentiveTool, knowledge: dict) -> dict:
    """What the documents app renders as the tool's one-page pilot sheet."""
    return {
        "template_name": "investment/tools/sheet.html",
        "title": _("Pilot sheet: %(title)s") % {"title": tool.title},
        "context": {
            **_record(tool, knowledge),
            "tool": tool,
            "space": tool.space,
            "activities": list(tool.activities.order_by("-date", "-pk")[:SHEET_ACTIVITIES]),
            "activity_count": tool.activities.count(),
            "today": timezone.localdate(),
        },
    }
