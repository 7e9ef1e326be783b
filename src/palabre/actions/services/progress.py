"""Progress updates: what was done on an action, when, with the evidence.

They are the only change an adopted plan accepts, and they are accepted in any state of the
plan (what was done is never refused a record). The action's status and progress are those of
its latest update by date, so that an update entered late for an earlier date does not overwrite
a more recent one.
"""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.core.uploads import check_upload
from palabre.notifications.services import notify

from ..models import Action, ActionStatus, ProgressUpdate


def evidence_check(upload) -> None:
    """A PDF, an image, a Word document or a spreadsheet, of at most 10 MB, that is what its
    name says."""
    check_upload(
        upload,
        field="evidence",
        refused=_(
            "The evidence must be a PDF, an image (JPEG, PNG or WebP), a Word document (DOCX) "
            "or a spreadsheet (XLSX)."
        ),
    )


def progress_record(
    *,
    action: Action,
    actor,
    date,
    text: str,
    status: str,
    progress: int,
    evidence=None,
) -> ProgressUpdate:
    """Record an update; the action then shows the status and progress of its latest one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what was done.")})
    if date is None:
        raise ValidationError({"date": _("Give the date of this update.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("An update records what was done: not a future date.")})
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if progress is None or not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage between 0 and 100.")})
    if status == ActionStatus.DONE:
        progress = 100  # done is done: the bar is full
    if evidence:
        evidence_check(evidence)

    with transaction.atomic():
        action = Action.objects.select_for_update().select_related("plan__space").get(pk=action.pk)
        update = ProgressUpdate(
            action=action, date=date, text=text, status=status, progress=progress, author=actor
        )
        update.full_clean(exclude=["evidence"])
        if evidence:
            update.evidence.save(os.path.basename(evidence.name), evidence, save=False)
        update.save()
        latest = action.updates.order_by("-date", "-pk").first()
        changes = {}
        if (action.status, action.progress) != (latest.status, latest.progress):
            changes = {
                "status": [action.status, latest.status],
                "progress": [action.progress, latest.progress],
            }
            action.status, action.progress = latest.status, latest.progress
            action.save(update_fields=["status", "progress", "updated_at"])
        audit_record(
            actor=actor,
            action="action.progress",
            target=action,
            changes=changes,
            note=f"{date.isoformat()}: {text}",
        )
        _announce(update, actor)
    return update


def _announce(update: ProgressUpdate, actor) -> None:
    from palabre.meetings.selectors_minutes import secretariat_users_of

    action = update.action
    notify(
        recipients=secretariat_users_of(action.plan.space).exclude(pk=actor.pk),
        subject=lambda user: (
            _("Progress on action %(number)s: %(title)s")
            % {"number": action.number, "title": action.title}
        ),
        body=lambda user: (
            _("%(author)s: %(status)s, %(progress)s %%. %(text)s")
            % {
                "author": actor.display_name,
                "status": update.get_status_display(),
                "progress": update.progress,
                "text": update.text,
            }
        ),
        url=action.get_absolute_url(),
        kind="action.progress",
    )
