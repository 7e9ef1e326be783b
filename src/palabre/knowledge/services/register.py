"""Writing the register: lessons and recommendations (typed in, captured from the minutes in one
step, or from the pilot analysis of an incentive tool), and the follow-up of a recommendation.

Every change is audited. What an entry links to (meetings, actions, tools, lessons) must belong
to its space; the follow-up moves only along FOLLOW_UP_MOVES.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.meetings.models import OutcomeKind
from palabre.workflow.models import State

from ..models import FOLLOW_UP_MOVES, FollowUp, Lesson, Recommendation, RecommendationUpdate, Tag

# Only minutes the meeting has approved say what it recommended: a draft may still change.
CAPTURABLE_STATES = (State.APPROVED, State.PUBLISHED)


def parse_tags(text: str) -> list[str]:
    """Comma-separated names, trimmed, without duplicates (case aside), in the order typed."""
    names: dict[str, str] = {}
    for name in (text or "").split(","):
        name = " ".join(name.split())[: Tag._meta.get_field("name").max_length]
        if name and name.casefold() not in names:
            names[name.casefold()] = name
    return list(names.values())


def _tags(names: Iterable[str]) -> list[Tag]:
    """The tags named, created on the fly; an existing tag is reused whatever its case."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    return tags


def _check_links(space, **links) -> None:
    """Links to another space's objects are refused (forms only offer the space's own)."""
    spaces = {
        "meetings": lambda item: item.space_id,
        "actions": lambda item: item.plan.space_id,
        "tools": lambda item: item.space_id,
        "lessons": lambda item: item.space_id,
    }
    for name, items in links.items():
        if any(spaces[name](item) != space.pk for item in items or ()):
            raise ValidationError({name: _("Choose only items of this space.")})


def _save(entry, *, actor, action: str, tags, links: dict, before: dict | None) -> None:
    """`before`: the fields as they were, for an update; None for a new entry."""
    _check_links(entry.space, **links)
    entry.full_clean(exclude=["created_by"])
    entry.save()
    if tags is not None:
        entry.tags.set(_tags(parse_tags(tags)))
    for name, items in links.items():
        if items is not None:
            getattr(entry, name).set(items)
    if before is None:
        changes = {"title": [None, entry.title]}
    else:
        changes = {
            name: [old, str(getattr(entry, name))]
            for name, old in before.items()
            if old != str(getattr(entry, name))
        }
    audit_record(actor=actor, action=action, target=entry, changes=changes)


def _apply(entry, allowed: tuple, fields: dict) -> dict:
    """Set the fields on the entry; what they were before, for the audit."""
    fields = _fields(allowed, fields)
    before = {name: str(getattr(entry, name)) for name in fields}
    for name, value in fields.items():
        setattr(entry, name, value)
    return before


LESSON_FIELDS = ("title", "statement", "context", "learned_on", "visibility")
RECOMMENDATION_FIELDS = (
    "title",
    "statement",
    "addressee_organisation",
    "addressee",
    "priority",
    "due_date",
    "visibility",
)


def _fields(allowed: tuple, fields: dict) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }


@transaction.atomic
def lesson_create(
    *, space, actor, tags: str = "", meetings=(), actions=(), tools=(), source_minutes=None, **f
) -> Lesson:
    lesson = Lesson(
        space=space, created_by=actor, source_minutes=source_minutes, **_fields(LESSON_FIELDS, f)
    )
    links = {"meetings": meetings, "actions": actions, "tools": tools}
    _save(
        lesson, actor=actor, action="knowledge.lesson_create", tags=tags, links=links, before=None
    )
    return lesson


@transaction.atomic
def lesson_update(
    *, lesson: Lesson, actor, tags=None, meetings=None, actions=None, tools=None, **f
) -> Lesson:
    # As stored, not as a form may have left it.
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    before = _apply(lesson, LESSON_FIELDS, f)
    links = {"meetings": meetings, "actions": actions, "tools": tools}
    _save(
        lesson, actor=actor, action="knowledge.lesson_update", tags=tags, links=links, before=before
    )
    return lesson


@transaction.atomic
def recommendation_create(
    *, space, actor, tags: str = "", lessons=(), meetings=(), tools=(), source_outcome=None, **f
) -> Recommendation:
    recommendation = Recommendation(
        space=space,
        created_by=actor,
        source_outcome=source_outcome,
        **_fields(RECOMMENDATION_FIELDS, f),
    )
    links = {"lessons": lessons, "meetings": meetings, "tools": tools}
    _save(
        recommendation,
        actor=actor,
        action="knowledge.recommendation_create",
        tags=tags,
        links=links,
        before=None,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    actor,
    tags=None,
    lessons=None,
    meetings=None,
    tools=None,
    **f,
) -> Recommendation:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    before = _apply(recommendation, RECOMMENDATION_FIELDS, f)
    links = {"lessons": lessons, "meetings": meetings, "tools": tools}
    _save(
        recommendation,
        actor=actor,
        action="knowledge.recommendation_update",
        tags=tags,
        links=links,
        before=before,
    )
    return recommendation


def allowed_moves(recommendation: Recommendation) -> list[str]:
    """The statuses the recommendation may move to, in the order of FollowUp."""
    return [s for s in FollowUp.values if s in FOLLOW_UP_MOVES[recommendation.status]]


@transaction.atomic
def follow_up(*, recommendation: Recommendation, actor, status: str, text: str, date=None):
    """A dated update: what happened, and the status it leads to (or the same status)."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    previous = recommendation.status
    if status != previous and status not in FOLLOW_UP_MOVES[previous]:
        raise ValidationError(
            {
                "status": _("A recommendation cannot go from “%(current)s” to “%(status)s”.")
                % {"current": FollowUp(previous).label, "status": FollowUp(status).label}
            }
        )
    if not text.strip():
        raise ValidationError({"text": _("Say what happened.")})
    update = RecommendationUpdate.objects.create(
        recommendation=recommendation,
        date=date or timezone.localdate(),
        from_status=previous,
        to_status=status,
        text=text.strip(),
        author=actor,
    )
    if status != previous:
        recommendation.status = status
        recommendation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="knowledge.follow_up",
        target=recommendation,
        changes={"status": [previous, status]},
        note=update.text[:300],
    )
    return update


# --- capturing in one step -----------------------------------------------------------------------


def minutes_capturable(minutes) -> bool:
    return minutes.workflow_state in CAPTURABLE_STATES


@transaction.atomic
def capture_from_minutes(
    *,
    minutes,
    actor,
    outcomes: Iterable,
    lesson: dict | None,
    visibility: str,
    tags: str = "",
    addressee: str = "",
) -> tuple[Lesson | None, list[Recommendation]]:
    """The chosen recommendations of the minutes become register entries linked to the meeting,
    and to the lesson written alongside if any; all or nothing. The minutes seldom say to whom a
    recommendation goes: `addressee` is for all of them, and each can be completed later."""
    meeting = minutes.meeting
    space = meeting.space
    if not minutes_capturable(minutes):
        raise ValidationError(_("Only approved minutes can be captured into the register."))
    outcomes = list(outcomes)
    if not outcomes and lesson is None:
        raise ValidationError(_("Choose at least one recommendation or write a lesson."))
    for outcome in outcomes:
        if outcome.minutes_id != minutes.pk or outcome.kind != OutcomeKind.RECOMMENDATION:
            raise ValidationError({"outcomes": _("Choose recommendations of these minutes.")})
        # Locked so that two secretaries capturing at once cannot both take the same outcome.
        if Recommendation.objects.select_for_update().filter(source_outcome=outcome).exists():
            raise ValidationError(
                {"outcomes": _("“%(text)s” is already in the register.") % {"text": outcome.text}}
            )
    created_lesson = None
    if lesson is not None:
        created_lesson = lesson_create(
            space=space,
            actor=actor,
            source_minutes=minutes,
            meetings=[meeting],
            visibility=visibility,
            **lesson,
        )
    recommendations = [
        recommendation_create(
            space=space,
            actor=actor,
            source_outcome=outcome,
            title=title_from(outcome.text),
            statement=outcome.text,
            addressee=addressee,
            visibility=visibility,
            meetings=[meeting],
            lessons=[created_lesson] if created_lesson else [],
            tags=tags,
        )
        for outcome in outcomes
    ]
    audit_record(
        actor=actor,
        action="knowledge.capture_minutes",
        target=minutes,
        changes={
            "lesson": [None, created_lesson.title if created_lesson else None],
            "recommendations": [None, len(recommendations)],
        },
    )
    return created_lesson, recommendations


def title_from(text: str) -> str:
    """The first words of a text, cut between two words to fit a title."""
    limit = Recommendation._meta.get_field("title").max_length
    line = text.strip().splitlines()[0].strip() if text.strip() else "—"
    if len(line) <= limit:
        return line
    return line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


@transaction.atomic
def capture_from_tool(
    *, tool, actor, lesson: dict, recommendation: dict, tags: str = ""
) -> tuple[Lesson, Recommendation]:
    """A lesson and the recommendation it leads to, both linked to the tool, in its space."""
    space = tool.space
    created_lesson = lesson_create(
        space=space, actor=actor, tools=[tool], tags=tags, visibility=tool.visibility, **lesson
    )
    created_recommendation = recommendation_create(
        space=space,
        actor=actor,
        tools=[tool],
        lessons=[created_lesson],
        tags=tags,
        visibility=tool.visibility,
        **recommendation,
    )
    return created_lesson, created_recommendation
