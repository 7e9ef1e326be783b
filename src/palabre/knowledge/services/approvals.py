"""What the charter and the capitalisation reports tell people as they go through the workflow:
reviewers hear a draft awaits them, the secretariat that it was approved, every member that it is
published. Texts are callables, so that each recipient reads them in their own language."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from palabre.notifications.services import notify
from palabre.workflow.models import Action


def announce_transition(*, obj, action: str, actor, kind: str, name: Callable[[], str]) -> None:
    """`name()` says what the document is ("Charter: …"), in the language active when called."""
    from palabre.meetings.selectors_minutes import reviewers_of, secretariat_users_of

    url = obj.get_absolute_url()
    if action == Action.SUBMIT:
        notify(
            recipients=reviewers_of(obj.space).exclude(pk=actor.pk),
            subject=lambda user: _("To review: %(document)s") % {"document": name()},
            body=lambda user: _("The draft is open for your comments until it is approved."),
            url=url,
            kind=f"{kind}.review_requested",
        )
    elif action == Action.APPROVE:
        notify(
            recipients=secretariat_users_of(obj.space),
            subject=lambda user: _("Approved: %(document)s") % {"document": name()},
            body=lambda user: (
                _("%(approver)s approved version %(version)s; it can now be published.")
                % {"approver": actor.display_name, "version": obj.version}
            ),
            url=url,
            kind=f"{kind}.approved",
        )
    elif action == Action.PUBLISH:
        notify(
            recipients=reviewers_of(obj.space).exclude(pk=actor.pk),
            subject=lambda user: _("Published: %(document)s") % {"document": name()},
            body=lambda user: (
                _("Version %(version)s is published and can be read by all.")
                % {"version": obj.version}
            ),
            url=url,
            kind=f"{kind}.published",
        )
