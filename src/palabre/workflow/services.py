"""Moving an approvable document through the workflow, and commenting on it while in review."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.core.permissions import check_perm

from .models import (
    TRANSITIONS,
    WORKFLOW_FIELDS,
    Action,
    Approvable,
    ReviewComment,
    Revision,
    State,
    Transition,
)


def ensure_editable(obj: Approvable) -> None:
    """Content may change only in draft: an approved or published version is frozen."""
    if not obj.is_editable:
        raise ValidationError(
            _(
                "Version %(version)s is %(state)s and can no longer change. "
                "Send it back to draft, or start a new version once it is published."
            )
            % {"version": obj.version, "state": obj.get_workflow_state_display().lower()}
        )


def _target_of(obj: Approvable) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def workflow_act(*, obj: Approvable, action: str, actor, note: str = "") -> Approvable:
    """Apply `action`, or refuse it (and change nothing) when state or content forbid it."""
    check_perm(actor, obj.workflow_permission(action), obj)
    sources, target = TRANSITIONS[action]
    with transaction.atomic():
        # Two approvers clicking at once must not both act on the state they saw on their page.
        current = (
            type(obj).objects.select_for_update().values("workflow_state", "version").get(pk=obj.pk)
        )
        obj.workflow_state, obj.version = current["workflow_state"], current["version"]
        if obj.workflow_state not in sources:
            raise ValidationError(
                _("“%(action)s” is not possible while the document is %(state)s.")
                % {
                    "action": Action(action).label,
                    "state": obj.get_workflow_state_display().lower(),
                }
            )
        obj.workflow_check(action)
        now = timezone.now()
        source = obj.workflow_state
        obj.workflow_state = target
        if action == Action.APPROVE:
            obj.approved_by, obj.approved_at = actor, now
            Revision.objects.create(
                **_target_of(obj),
                version=obj.version,
                title=str(obj)[:300],
                sections=obj.frozen_sections(),
                approved_by=actor,
                approved_at=now,
            )
        elif action == Action.PUBLISH:
            obj.published_at = now
            Revision.objects.filter(**_target_of(obj), version=obj.version).update(published_at=now)
        elif action == Action.SEND_BACK and source == State.APPROVED:
            # The approval was of content that may now change: it no longer stands.
            obj.approved_by = obj.approved_at = None
            Revision.objects.filter(**_target_of(obj), version=obj.version).delete()
        elif action == Action.NEW_VERSION:
            obj.version += 1
            obj.approved_by = obj.approved_at = obj.published_at = None
        # Only the workflow's own fields: an editor's concurrent save of the content is kept.
        obj.save(update_fields=WORKFLOW_FIELDS)
        Transition.objects.create(
            **_target_of(obj),
            version=obj.version,
            action=action,
            from_state=source,
            to_state=target,
            actor=actor,
            note=note[:500],
        )
        audit_record(
            actor=actor,
            action=f"workflow.{action}",
            target=obj,
            changes={"state": [source, target], "version": obj.version},
            note=note,
        )
        obj.workflow_done(action, actor)
    return obj


def comment_add(*, obj: Approvable, section: str, text: str, actor) -> ReviewComment:
    check_perm(actor, obj.workflow_permission("review"), obj)
    if obj.workflow_state not in (State.DRAFT, State.IN_REVIEW):
        raise ValidationError(_("Comments are closed once a version is approved."))
    if section not in {key for key, _title, _text in obj.workflow_sections()}:
        raise ValidationError(_("This section does not exist."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    return ReviewComment.objects.create(
        **_target_of(obj), version=obj.version, section=section, author=actor, text=text
    )


def comment_resolve(*, comment: ReviewComment, actor) -> ReviewComment:
    check_perm(actor, comment.target.workflow_permission("edit"), comment.target)
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), actor
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
