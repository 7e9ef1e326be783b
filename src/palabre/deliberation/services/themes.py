"""Themes: proposed by members, supported once per person, discussed in moderated threads, moved
through their statuses by the secretariat (THEME_TRANSITIONS), every status change audited and
told to the proposer and the supporters.

The action plans call `theme_mark_in_plan` when they create an action from a retained theme.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.notifications.services import notify
from palabre.spaces.models import SpaceStatus

from ..models import THEME_TRANSITIONS, Theme, ThemeComment, ThemeStatus, ThemeSupport
from ..rules.themes import COMMENT_EDIT_WINDOW

EDITABLE_FIELDS = ["title", "description", "axis"]

# Supports and new comments are taken while the theme is still open to debate.
OPEN_TO_SUPPORT = {ThemeStatus.PROPOSED, ThemeStatus.UNDER_DISCUSSION, ThemeStatus.RETAINED}


def _clean_text(value: str) -> str:
    return (value or "").strip()


def _sector_codes(theme: Theme) -> list[str]:
    return sorted(theme.sectors.values_list("code", flat=True))


def _locked(theme: Theme) -> Theme:
    return Theme.objects.select_for_update(of=("self",)).select_related("space").get(pk=theme.pk)


@transaction.atomic
def theme_propose(*, space, actor, title: str, description: str, axis: str = "", sectors=()):
    """A new theme of the space, proposed by `actor` (status: proposed)."""
    if space.status == SpaceStatus.CLOSED:
        raise ValidationError(_("A closed space takes no new themes."))
    theme = Theme(
        space=space,
        proposed_by=actor,
        title=_clean_text(title),
        description=_clean_text(description),
        axis=" ".join(_clean_text(axis).split()),
    )
    theme.full_clean()
    theme.save()
    theme.sectors.set(list(sectors))
    changes = field_changes({}, snapshot(theme, EDITABLE_FIELDS))
    changes["sectors"] = [None, ", ".join(_sector_codes(theme))]
    audit_record(actor=actor, action="theme.propose", target=theme, changes=changes)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, actor, title: str, description: str, axis: str = "", sectors=()):
    """The proposer corrects their theme while it is only proposed; the secretariat at any time
    (before it enters the action plan)."""
    theme = _locked(theme)
    manager = actor.has_perm("deliberation.manage_themes", theme.space)
    if theme.status == ThemeStatus.IN_PLAN:
        raise ValidationError(_("A theme in the action plan can no longer be edited."))
    if not manager and theme.status != ThemeStatus.PROPOSED:
        raise ValidationError(
            _("This theme is already under discussion: only the secretariat may edit it now.")
        )
    before = {**snapshot(theme, EDITABLE_FIELDS), "sectors": _sector_codes(theme)}
    theme.title = _clean_text(title)
    theme.description = _clean_text(description)
    theme.axis = " ".join(_clean_text(axis).split())
    theme.full_clean()
    theme.save()
    theme.sectors.set(list(sectors))
    after = {**snapshot(theme, EDITABLE_FIELDS), "sectors": _sector_codes(theme)}
    changes = field_changes(before, after)
    if "sectors" in changes:
        changes["sectors"] = [", ".join(before["sectors"]), ", ".join(after["sectors"])]
    if changes:
        audit_record(actor=actor, action="theme.update", target=theme, changes=changes)
    return theme


def _status_change(theme: Theme, actor, status: str, reason: str) -> Theme:
    if status not in THEME_TRANSITIONS[theme.status]:
        raise ValidationError(
            {
                "status": _("A theme “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": theme.get_status_display(),
                    "to": ThemeStatus(status).label if status in ThemeStatus.values else status,
                }
            }
        )
    if status == ThemeStatus.SET_ASIDE and not reason:
        raise ValidationError({"reason": _("Say why the theme is set aside.")})
    before = snapshot(theme, ["status", "status_reason"])
    theme.status = status
    theme.status_reason = reason
    theme.status_changed_at = timezone.now()
    theme.full_clean()
    theme.save()
    audit_record(
        actor=actor,
        action="theme.status",
        target=theme,
        changes=field_changes(before, snapshot(theme, ["status", "status_reason"])),
        note=reason,
    )
    _tell_followers(theme, actor)
    return theme


def _tell_followers(theme: Theme, actor) -> None:
    """The proposer and the supporters learn the new status (the one who changed it does not)."""
    users = get_user_model().objects.filter(
        Q(pk=theme.proposed_by_id) | Q(theme_supports__theme=theme)
    )
    recipients = [user for user in users.distinct() if user.pk != getattr(actor, "pk", None)]
    reason = theme.status_reason

    def body(user) -> str:
        # Called in the recipient's language.
        text = _("The theme “%(title)s” is now: %(status)s.") % {
            "title": theme.title,
            "status": theme.get_status_display(),
        }
        return f"{text}\n{_('Reason: %(reason)s') % {'reason': reason}}" if reason else text

    notify(
        recipients=recipients,
        subject=format_lazy(
            gettext_lazy("Theme “{title}”: {status}"),
            title=theme.title,
            status=ThemeStatus(theme.status).label,
        ),
        body=body,
        url=theme.get_absolute_url(),
        kind="theme_status",
    )


@transaction.atomic
def theme_set_status(*, theme: Theme, actor, status: str, reason: str = "") -> Theme:
    """The secretariat moves a theme on; setting it aside needs a public reason. A theme enters
    the action plan only through `theme_mark_in_plan`, when an action is made of it."""
    theme = _locked(theme)
    if status == ThemeStatus.IN_PLAN:
        raise ValidationError(
            {"status": _("A theme enters the action plan when an action is created from it.")}
        )
    return _status_change(theme, actor, status, _clean_text(reason))


@transaction.atomic
def theme_mark_in_plan(*, theme: Theme, actor) -> Theme:
    """For the action plans: the retained theme now has an action. Only from "retained"."""
    theme = _locked(theme)
    if theme.status != ThemeStatus.RETAINED:
        raise ValidationError(_("Only a retained theme can enter the action plan."))
    return _status_change(theme, actor, ThemeStatus.IN_PLAN, "")


# --- supports -------------------------------------------------------------------------------------


def _check_open(theme: Theme) -> None:
    if theme.status not in OPEN_TO_SUPPORT:
        raise ValidationError(
            _("This theme is %(status)s: it no longer takes supports.")
            % {"status": theme.get_status_display().lower()}
        )


@transaction.atomic
def theme_support(*, theme: Theme, actor) -> ThemeSupport:
    """One support per person; supporting twice changes nothing."""
    theme = _locked(theme)
    _check_open(theme)
    existing = ThemeSupport.objects.filter(theme=theme, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ThemeSupport.objects.create(theme=theme, user=actor)
    except IntegrityError:  # the same tap, twice at once
        return ThemeSupport.objects.get(theme=theme, user=actor)


@transaction.atomic
def theme_unsupport(*, theme: Theme, actor) -> None:
    theme = _locked(theme)
    _check_open(theme)
    ThemeSupport.objects.filter(theme=theme, user=actor).delete()


# --- comments -------------------------------------------------------------------------------------


@transaction.atomic
def theme_comment_add(*, theme: Theme, actor, text: str, parent: ThemeComment | None = None):
    """A comment, or a reply; a reply to a reply joins the same thread (one level of replies)."""
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if parent is not None:
        parent = ThemeComment.objects.select_related("parent", "author").get(pk=parent.pk)
        if parent.theme_id != theme.pk:
            raise ValidationError(_("This comment belongs to another theme."))
        if parent.parent_id:
            parent = parent.parent
        if parent.is_hidden:
            raise ValidationError(_("This comment is hidden: it takes no reply."))
    comment = ThemeComment(theme=theme, parent=parent, author=actor, text=text)
    comment.full_clean()
    comment.save()
    _tell_about_comment(comment, actor)
    return comment


def _tell_about_comment(comment: ThemeComment, actor) -> None:
    theme = comment.theme
    to = comment.parent.author if comment.parent_id else theme.proposed_by
    if to is None or to.pk == actor.pk:
        return
    if comment.parent_id:
        subject = format_lazy(
            gettext_lazy("A reply to your comment on “{title}”"), title=theme.title
        )
    else:
        subject = format_lazy(gettext_lazy("A comment on your theme “{title}”"), title=theme.title)
    notify(
        recipients=[to],
        subject=subject,
        body=comment.text,
        url=f"{theme.get_absolute_url()}#comment-{comment.pk}",
        kind="theme_comment",
        email=False,
    )


@transaction.atomic
def theme_comment_edit(*, comment: ThemeComment, actor, text: str) -> ThemeComment:
    """The author corrects a comment within a few minutes of writing it."""
    comment = ThemeComment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id != actor.pk:
        raise ValidationError(_("Only its author may edit a comment."))
    if comment.is_hidden:
        raise ValidationError(_("A hidden comment cannot be edited."))
    if timezone.now() - comment.created_at > COMMENT_EDIT_WINDOW:
        raise ValidationError(
            ngettext(
                "A comment can be edited within %(minutes)s minute of being written.",
                "A comment can be edited within %(minutes)s minutes of being written.",
                int(COMMENT_EDIT_WINDOW.total_seconds() // 60),
            )
            % {"minutes": int(COMMENT_EDIT_WINDOW.total_seconds() // 60)}
        )
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if text != comment.text:
        comment.text = text
        comment.edited_at = timezone.now()
        comment.full_clean()
        comment.save()
    return comment


@transaction.atomic
def theme_comment_hide(*, comment: ThemeComment, actor, reason: str) -> ThemeComment:
    """Moderation: the comment stays, hidden from all but the moderators, with a public reason."""
    comment = ThemeComment.objects.select_for_update().select_related("theme").get(pk=comment.pk)
    reason = _clean_text(reason)
    if comment.is_hidden:
        raise ValidationError(_("This comment is already hidden."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason for hiding this comment.")})
    before = snapshot(comment, ["hidden_at", "hidden_reason"])
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason[:300]
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor,
        action="theme_comment.hide",
        target=comment,
        changes=field_changes(before, snapshot(comment, ["hidden_at", "hidden_reason"])),
        note=reason,
    )
    if comment.author_id != actor.pk:
        theme = comment.theme
        notify(
            recipients=[comment.author],
            subject=format_lazy(
                gettext_lazy("Your comment on “{title}” has been hidden"), title=theme.title
            ),
            body=lambda user: _("Reason given by the moderator: %(reason)s") % {"reason": reason},
            url=f"{theme.get_absolute_url()}#comment-{comment.pk}",
            kind="theme_comment_hidden",
        )
    return comment


@transaction.atomic
def theme_comment_unhide(*, comment: ThemeComment, actor) -> ThemeComment:
    comment = ThemeComment.objects.select_for_update().get(pk=comment.pk)
    if not comment.is_hidden:
        raise ValidationError(_("This comment is not hidden."))
    before = snapshot(comment, ["hidden_at", "hidden_reason"])
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.save()
    audit_record(
        actor=actor,
        action="theme_comment.unhide",
        target=comment,
        changes=field_changes(before, snapshot(comment, ["hidden_at", "hidden_reason"])),
        note=before["hidden_reason"],
    )
    return comment
