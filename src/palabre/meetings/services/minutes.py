"""Recording a meeting: minutes, notes per agenda item, decisions, recommendations, action items."""

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.core.models import SiteIdentity
from palabre.notifications.services import notify
from palabre.workflow.models import Action
from palabre.workflow.services import ensure_editable

from ..models import ActionStatus, AgendaItem, Meeting, Minutes, Outcome, OutcomeKind
from ..selectors_minutes import (
    minutes_may_start,
    minutes_recipients_for_publication,
    reviewers_of,
    secretariat_users_of,
)

OUTCOME_FIELDS = ["kind", "text", "agenda_item_id", "owner_id", "due_date", "status"]


def minutes_for(*, meeting: Meeting, actor) -> Minutes:
    """The meeting's minutes, started as an empty draft the first time; only once the meeting
    has begun, and never for a cancelled one."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled: it has no minutes."))
    if not minutes_may_start(meeting):
        raise ValidationError(_("The minutes can be started once the meeting has begun."))
    with transaction.atomic():
        minutes, created = Minutes.objects.get_or_create(meeting=meeting)
        if created:
            audit_record(actor=actor, action="minutes.create", target=minutes)
    return minutes


def minutes_update(
    *,
    minutes: Minutes,
    actor,
    summary: str,
    visibility: str,
    item_notes: Mapping[AgendaItem, str] | None = None,
) -> Minutes:
    """Summary, audience and, in the same step, the notes of the agenda items given."""
    ensure_editable(minutes)
    with transaction.atomic():
        before = snapshot(minutes, ["summary", "visibility"])
        minutes.summary, minutes.visibility = summary.strip(), visibility
        minutes.full_clean()
        changes = field_changes(before, snapshot(minutes, ["summary", "visibility"]))
        if changes:
            minutes.save(update_fields=["summary", "visibility"])
            audit_record(actor=actor, action="minutes.update", target=minutes, changes=changes)
        for item, notes in (item_notes or {}).items():
            item_notes_update(minutes=minutes, item=item, actor=actor, notes=notes)
    return minutes


def item_notes_update(*, minutes: Minutes, item: AgendaItem, actor, notes: str) -> AgendaItem:
    """What was said on one point of the agenda."""
    ensure_editable(minutes)
    if item.meeting_id != minutes.meeting_id:
        raise ValidationError(_("This agenda item belongs to another meeting."))
    notes = notes.strip()
    if notes == item.minutes_notes:
        return item
    with transaction.atomic():
        changes = {"minutes_notes": [item.minutes_notes, notes]}
        item.minutes_notes = notes
        item.save(update_fields=["minutes_notes"])
        audit_record(
            actor=actor,
            action="minutes.item_notes",
            target=minutes,
            changes=changes,
            note=str(item),
        )
    return item


def _outcome_fields(*, minutes, kind, text, agenda_item, owner, due_date, status) -> dict:
    if agenda_item is not None and agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError({"agenda_item": _("This agenda item belongs to another meeting.")})
    is_action = kind == OutcomeKind.ACTION_ITEM
    return {
        "kind": kind,
        "text": text.strip(),
        "agenda_item": agenda_item,
        "owner": owner,
        "due_date": due_date,
        # Only action items are followed up; the others have no status at all.
        "status": (status or ActionStatus.OPEN) if is_action else "",
    }


def _save_outcome(outcome: Outcome, fields: dict) -> dict:
    before = {} if outcome.pk is None else snapshot(outcome, OUTCOME_FIELDS)
    for name, value in fields.items():
        setattr(outcome, name, value)
    outcome.full_clean()
    outcome.save()
    return field_changes(before, snapshot(outcome, OUTCOME_FIELDS))


def outcome_add(
    *,
    minutes: Minutes,
    actor,
    kind: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    owner=None,
    due_date=None,
    status: str = "",
) -> Outcome:
    ensure_editable(minutes)
    fields = _outcome_fields(
        minutes=minutes,
        kind=kind,
        text=text,
        agenda_item=agenda_item,
        owner=owner,
        due_date=due_date,
        status=status,
    )
    with transaction.atomic():
        last = minutes.outcomes.filter(kind=kind).aggregate(last=Max("order"))["last"]
        outcome = Outcome(minutes=minutes, order=(last or 0) + 1)
        changes = _save_outcome(outcome, fields)
        audit_record(actor=actor, action="outcome.create", target=outcome, changes=changes)
    return outcome


def outcome_update(
    *,
    outcome: Outcome,
    actor,
    kind: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    owner=None,
    due_date=None,
    status: str = "",
) -> Outcome:
    ensure_editable(outcome.minutes)
    fields = _outcome_fields(
        minutes=outcome.minutes,
        kind=kind,
        text=text,
        agenda_item=agenda_item,
        owner=owner,
        due_date=due_date,
        status=status,
    )
    with transaction.atomic():
        changes = _save_outcome(outcome, fields)
        if changes:
            audit_record(actor=actor, action="outcome.update", target=outcome, changes=changes)
    return outcome


def outcome_delete(*, outcome: Outcome, actor) -> None:
    """Only a draft loses an outcome; an approved version keeps its copy in the revisions."""
    minutes = outcome.minutes
    ensure_editable(minutes)
    if outcome.plan_actions.exists():
        raise ValidationError(
            _(
                "An action plan carries out this outcome: it cannot be deleted. "
                "Edit its text instead."
            )
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="outcome.delete",
            target=minutes,
            changes={"outcome": [outcome.as_text(), None]},
            note=outcome.get_kind_display(),
        )
        outcome.delete()


def action_item_status_set(*, outcome: Outcome, actor, status: str) -> Outcome:
    """Following an action up is not changing the minutes: allowed after publication too."""
    if outcome.kind != OutcomeKind.ACTION_ITEM:
        raise ValidationError(_("Only action items have a status."))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if status == outcome.status:
        return outcome
    with transaction.atomic():
        changes = {"status": [outcome.status, status]}
        outcome.status = status
        outcome.save(update_fields=["status"])
        audit_record(actor=actor, action="action_item.status", target=outcome, changes=changes)
    return outcome


def minutes_check(*, minutes: Minutes, action: str) -> None:
    """Raises ValidationError when the minutes are not ready for `action`."""
    if action != Action.SUBMIT:
        return
    missing = []
    if not minutes.summary.strip():
        missing.append(_("a summary"))
    has_notes = minutes.meeting.agenda_items.exclude(minutes_notes="").exists()
    if not has_notes and not minutes.outcomes.exists():
        missing.append(_("at least one outcome or the notes of an agenda item"))
    if missing:
        raise ValidationError(
            _("The minutes cannot be submitted yet: they need %(missing)s.")
            % {"missing": _(" and ").join(missing)}
        )


def minutes_transitioned(*, minutes: Minutes, action: str, actor) -> None:
    """Tells the people concerned that the minutes moved in the workflow (published: attendees).

    Texts are callables: `notify` writes them in each recipient's language."""
    meeting = minutes.meeting
    url = minutes.get_absolute_url()
    if action == Action.SUBMIT:
        notify(
            recipients=reviewers_of(meeting.space).exclude(pk=actor.pk),
            subject=lambda user: _("Minutes to review: %(meeting)s") % {"meeting": meeting.title},
            body=lambda user: _(
                "The draft minutes are open for your comments until they are approved."
            ),
            url=url,
            kind="minutes.review_requested",
        )
    elif action == Action.APPROVE:
        notify(
            recipients=secretariat_users_of(meeting.space),
            subject=lambda user: _("Minutes approved: %(meeting)s") % {"meeting": meeting.title},
            body=lambda user: (
                _("%(approver)s approved version %(version)s; they can now be published.")
                % {"approver": actor.display_name, "version": minutes.version}
            ),
            url=url,
            kind="minutes.approved",
        )
    elif action == Action.PUBLISH:
        _announce_publication(minutes)


def _published_subject(meeting):
    return lambda user: _("Minutes published: %(meeting)s") % {"meeting": meeting.title}


def _published_body(meeting, items=()):
    def body(user) -> str:
        text = _("The minutes of “%(meeting)s” are published.") % {"meeting": meeting.title}
        if not items:
            return text
        listed = "\n".join(f"- {item.as_text()}" for item in items)
        return f"{text}\n\n{_('The action items you are responsible for:')}\n{listed}"

    return body


def _announce_publication(minutes: Minutes) -> None:
    """Every attendee hears of it, and whoever owns an action item gets their items listed;
    people without an account get an e-mail, since they cannot read the minutes on the site."""
    meeting = minutes.meeting
    url = minutes.get_absolute_url()
    plain_users, mailed = [], []
    for person, items in minutes_recipients_for_publication(minutes):
        if person.user is not None and not items:
            plain_users.append(person.user)
        elif person.user is not None:
            notify(
                recipients=[person.user],
                subject=_published_subject(meeting),
                body=_published_body(meeting, items),
                url=url,
                kind="minutes.published",
            )
        elif person.email:
            mailed.append((person, items))
    notify(
        recipients=plain_users,
        subject=_published_subject(meeting),
        body=_published_body(meeting),
        url=url,
        kind="minutes.published",
    )
    if mailed:
        messages = _publication_emails(minutes, mailed)
        # Robust: the publication stands even if the mail server is down.
        transaction.on_commit(lambda: get_connection().send_messages(messages), robust=True)


def _publication_emails(minutes: Minutes, recipients) -> list[EmailMultiAlternatives]:
    """In the site's language: we know nothing of the preferences of someone without an account.
    Minutes that only members may read are not linked, since these readers could not open them."""
    is_public = AnonymousUser().has_perm("meetings.view_minutes", minutes)
    link = settings.SITE_URL.rstrip("/") + minutes.get_absolute_url()
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        site_name = SiteIdentity.current().name
        for person, items in recipients:
            context = {
                "person": person,
                "meeting": minutes.meeting,
                "site_name": site_name,
                "link": link if is_public else "",
                "items": [item.as_text() for item in items],
            }
            subject = render_to_string("meetings/minutes/email_published_subject.txt", context)
            body = render_to_string("meetings/minutes/email_published.txt", context)
            messages.append(
                EmailMultiAlternatives(
                    " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [person.email]
                )
            )
    return messages
