"""Preparing a meeting: its framing note and agenda.

The agenda belongs to the note's content: it changes only while the note is a draft, and the
order of its items stays 1..n without gaps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.notifications.services import notify
from palabre.spaces.models import Role
from palabre.workflow.models import Action
from palabre.workflow.services import ensure_editable

from ..models import AgendaItem, FramingNote, Meeting
from ..selectors_framing import space_users

AGENDA_FIELDS = ["title", "kind", "duration_minutes", "speaker"]


def framing_note_for(meeting: Meeting, *, actor=None) -> FramingNote:
    """The meeting's framing note, started as an empty draft the first time."""
    with transaction.atomic():
        note, created = FramingNote.objects.get_or_create(meeting=meeting)
        if created:
            audit_record(actor=actor, action="framing_note.create", target=note)
    note.meeting = meeting
    return note


def _locked(note: FramingNote) -> FramingNote:
    """The note as stored, locked until the end of the transaction: changes arriving together
    apply one after the other (the agenda's order stays whole), and none lands on a version
    frozen meanwhile."""
    locked = FramingNote.objects.select_for_update().get(pk=note.pk)
    locked.meeting = note.meeting
    ensure_editable(locked)
    return locked


def framing_note_update(*, note: FramingNote, actor, **fields) -> FramingNote:
    """Changes the written sections given (context, objectives, …) of a draft."""
    unknown = set(fields) - set(FramingNote.TEXT_SECTIONS)
    if unknown:
        raise ValueError(f"Not a section of the framing note: {sorted(unknown)}")
    ensure_editable(note)
    with transaction.atomic():
        locked = _locked(note)
        before = snapshot(locked, list(fields))
        for name, value in fields.items():
            setattr(locked, name, (value or "").strip())
        changes = field_changes(before, snapshot(locked, list(fields)))
        if changes:
            locked.save(update_fields=[*changes])
            audit_record(actor=actor, action="framing_note.update", target=locked, changes=changes)
    for name in fields:
        setattr(note, name, getattr(locked, name))
    return note


def _checked_item(item: AgendaItem, fields: dict) -> AgendaItem:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of an agenda item: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.full_clean(exclude=["meeting", "order"])
    return item


def agenda_item_add(*, note: FramingNote, actor, **fields) -> AgendaItem:
    """A new item at the end of the agenda."""
    ensure_editable(note)
    item = _checked_item(AgendaItem(meeting=note.meeting), fields)
    with transaction.atomic():
        locked = _locked(note)
        last = note.meeting.agenda_items.aggregate(last=Max("order"))["last"]
        item.order = (last or 0) + 1
        item.save()
        audit_record(
            actor=actor,
            action="framing_note.agenda_add",
            target=locked,
            changes=field_changes({}, snapshot(item, ["order", *AGENDA_FIELDS])),
        )
    return item


def _item_of(note: FramingNote, item: AgendaItem) -> None:
    if item.meeting_id != note.meeting_id:
        raise ValidationError(_("This agenda item belongs to another meeting."))


def agenda_item_update(*, note: FramingNote, item: AgendaItem, actor, **fields) -> AgendaItem:
    ensure_editable(note)
    _item_of(note, item)
    before = snapshot(item, AGENDA_FIELDS)
    _checked_item(item, fields)
    changes = field_changes(before, snapshot(item, AGENDA_FIELDS))
    if not changes:
        return item
    with transaction.atomic():
        locked = _locked(note)
        item.save(update_fields=[*changes])
        audit_record(
            actor=actor,
            action="framing_note.agenda_update",
            target=locked,
            changes=changes,
            note=str(item),
        )
    return item


def agenda_item_delete(*, note: FramingNote, item: AgendaItem, actor) -> None:
    """Only a draft loses an item (an approved version keeps its agenda in the revisions), and
    never one the minutes already speak of."""
    ensure_editable(note)
    _item_of(note, item)
    if item.minutes_notes.strip() or item.outcomes.exists():
        raise ValidationError(
            _("“%(item)s” is already used in the minutes: change its title instead.")
            % {"item": item.title}
        )
    with transaction.atomic():
        locked = _locked(note)
        item.refresh_from_db(fields=["order"])  # as it is now the agenda is locked
        removed = item.order
        item.delete()
        # One by one, from the lowest: each moves into the place just freed, so that the
        # unique order holds at every step on every database.
        for following in note.meeting.agenda_items.filter(order__gt=removed).order_by("order"):
            following.order -= 1
            following.save(update_fields=["order"])
        audit_record(
            actor=actor,
            action="framing_note.agenda_delete",
            target=locked,
            changes={"agenda_item": [item.as_text(), None]},
        )


def agenda_item_move(*, note: FramingNote, item: AgendaItem, direction: str, actor) -> AgendaItem:
    """Swaps the item with its neighbour above ("up") or below ("down"); at either end of the
    agenda nothing moves."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an item up or down."))
    ensure_editable(note)
    _item_of(note, item)
    with transaction.atomic():
        locked = _locked(note)
        item.refresh_from_db(fields=["order"])  # as it is now the agenda is locked
        items = note.meeting.agenda_items
        neighbour = (
            items.filter(order__lt=item.order).order_by("-order").first()
            if direction == "up"
            else items.filter(order__gt=item.order).order_by("order").first()
        )
        if neighbour is None:
            return item
        here, there = item.order, neighbour.order
        # Through a free number, since the order is unique at every step.
        item.order = 0
        item.save(update_fields=["order"])
        neighbour.order = here
        neighbour.save(update_fields=["order"])
        item.order = there
        item.save(update_fields=["order"])
        audit_record(
            actor=actor,
            action="framing_note.agenda_move",
            target=locked,
            changes={"order": [here, there]},
            note=str(item.title),
        )
    return item


def framing_note_check(*, note: FramingNote, action: str) -> None:
    """Raises ValidationError when the note is not ready for `action`."""
    if action != Action.SUBMIT:
        return
    missing = []
    if not note.objectives.strip():
        missing.append(_("its objectives"))
    if not note.meeting.agenda_items.exists():
        missing.append(_("at least one agenda item"))
    if missing:
        raise ValidationError(
            _("The framing note cannot be submitted for review yet: write %(missing)s.")
            % {"missing": _(" and ").join(missing)}
        )


def framing_note_transitioned(*, note: FramingNote, action: str, actor) -> None:
    """Tells the people concerned that the framing note moved in the workflow: the members when
    their review is wanted and when it is published, the secretariat once it is approved. Whoever
    took the step knows already."""
    meeting = note.meeting
    if action == Action.SUBMIT:
        roles = None
        subject = gettext_lazy("Framing note to review: {meeting}")
        body = gettext_lazy(
            "The draft framing note is open for your comments, section by section, until it is "
            "approved."
        )
    elif action == Action.APPROVE:
        roles = [Role.SECRETARIAT]
        subject = gettext_lazy("Framing note approved: {meeting}")
        body = gettext_lazy("{approver} approved version {version}; it can now be published.")
    elif action == Action.PUBLISH:
        roles = None
        subject = gettext_lazy("Framing note published: {meeting}")
        body = gettext_lazy("Version {version} of the framing note is published.")
    else:
        return
    facts = {"meeting": meeting.title, "approver": actor.display_name, "version": note.version}
    notify(
        recipients=space_users(meeting.space, roles=roles).exclude(pk=actor.pk),
        subject=format_lazy(subject, **facts),
        body=format_lazy(body, **facts),
        url=note.get_absolute_url(),
        kind=f"framing_note.{action}",
    )
