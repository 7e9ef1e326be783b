"""Notifications: shown in the app, and e-mailed right away or in a daily digest, as each user
chooses. Other apps call `notify`; everything else here serves the notifications' own screens."""

import base64
import logging
import smtplib
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError

from palabre.core.models import SiteIdentity

from .models import Frequency, Notification, NotificationPreference
from .selectors import email_owed, frequencies_of

logger = logging.getLogger(__name__)

# (filename, content, mimetype), as Django's EmailMessage.attach takes them.
Attachment = tuple[str, bytes | str, str | None]


def notify(
    *,
    recipients: Iterable,
    subject,
    body="",
    url: str = "",
    kind: str = "",
    email: bool = True,
    attachments: Iterable[Attachment] = (),
) -> list[Notification]:
    """Tell each recipient something: one notification in the app each, and an e-mail.

    `subject` and `body` are rendered once per recipient, in the recipient's language and time
    zone, so pass translatable text lazily: `gettext_lazy("Minutes published")`,
    `format_lazy(gettext_lazy("Minutes of {meeting} published"), meeting=meeting.title)`, or a
    callable taking the recipient and returning the text (for dates, which then show in the
    recipient's time zone). `url` is a path of the site ("/espaces/x/reunions/3/"); e-mails carry
    it as an absolute link. Inactive accounts are skipped and each user is notified once.

    With `email=True`, users on IMMEDIATE get an e-mail once the current transaction commits,
    with the `attachments` ((filename, content, mimetype) tuples); users on DAILY find the
    notification in their next digest, which carries the link but not the attachments. With
    `email=False` the notification is shown in the app only.

    A `url` that is not a path or an empty subject is a bug of the caller: ValueError.
    """
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"A notification links to a page of the site: {url!r} is not a path.")
    users = _unique_active(recipients)
    if not users:
        return []
    rows = []
    for user in users:
        with recipient_locale(user):
            # A header cannot hold a line break; the subject is also an e-mail header.
            rendered_subject = " ".join(_render(subject, user).split())
            rows.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    subject=Truncator(rendered_subject).chars(250),
                    body=_render(body, user).strip(),
                    url=url,
                    by_email=email,
                )
            )
    if not all(row.subject for row in rows):
        raise ValueError("A notification needs a subject.")
    created = Notification.objects.bulk_create(rows)
    if email:
        frequencies = frequencies_of(users)
        immediate = [
            row.pk for row in created if frequencies[row.recipient_id] == Frequency.IMMEDIATE
        ]
        if immediate:
            files = [_attachment(*attachment) for attachment in attachments]
            # Robust: the caller's change is committed by then, a mail failure must not undo
            # its success for the user; what could not leave waits for the next digest.
            transaction.on_commit(partial(_deliver_after_commit, immediate, files), robust=True)
    return created


def send_digests(*, now=None) -> int:
    """E-mail each user one message listing their notifications not yet e-mailed (up to `now`);
    returns the number of e-mails sent. Running it again sends nothing new.

    Users on DAILY are the ones with something waiting. A user on IMMEDIATE has something only
    when their e-mail could not be sent, or when they just left the digest: it goes now too,
    rather than never.
    """
    now = now or timezone.now()
    owed = defaultdict(list)
    for pk, recipient_id in (
        email_owed().filter(created_at__lte=now).values_list("pk", "recipient_id")
    ):
        owed[recipient_id].append(pk)
    if not owed:
        return 0
    users = get_user_model().objects.filter(pk__in=owed).order_by("pk")
    with _mail_connection() as connection:
        if connection is None:
            return 0
        build = partial(_digest_message, site_name=SiteIdentity.current().name)
        return sum(_send_owed(user, owed[user.pk], build, connection, now) for user in users)


def deliver_immediately(*, notification_ids: list[int], attachments=()) -> int:
    """Send the e-mail of each of these notifications not e-mailed yet; returns how many went.

    Called after `notify`'s transaction commits, in the web process or by a worker."""
    notifications = (
        email_owed().filter(pk__in=notification_ids).select_related("recipient").order_by("pk")
    )
    with _mail_connection() as connection:
        if connection is None:
            return 0
        build = partial(
            _notification_message, attachments=attachments, site_name=SiteIdentity.current().name
        )
        return sum(
            _send_owed(n.recipient, [n.pk], build, connection, timezone.now())
            for n in notifications
        )


def mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise ValidationError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    """Returns the number of notifications that were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_set(*, user, frequency: str) -> NotificationPreference:
    if frequency not in Frequency.values:
        raise ValidationError(
            {"frequency": _("Choose between immediate e-mails and a daily digest.")}
        )
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference


@contextmanager
def recipient_locale(user):
    """The recipient's language and time zone, for whatever is written to them."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone) if user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(zone):
        yield


def encode_attachments(attachments: list[Attachment]) -> list[list[str]]:
    """Attachments as JSON for the task queue."""
    return [
        [name, base64.b64encode(content).decode("ascii"), mimetype]
        for name, content, mimetype in attachments
    ]


def decode_attachments(encoded: list[list[str]]) -> list[Attachment]:
    return [(name, base64.b64decode(content), mimetype) for name, content, mimetype in encoded]


def _unique_active(recipients: Iterable) -> list:
    seen, users = set(), []
    for user in recipients:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def _render(text, user) -> str:
    return str(text(user) if callable(text) else text)


def _attachment(name: str, content, mimetype: str | None = None) -> Attachment:
    # Bytes travel to a worker as base64; Django decodes text/* attachments again when sending.
    return (name, content.encode() if isinstance(content, str) else content, mimetype)


def _deliver_after_commit(notification_ids: list[int], attachments: list[Attachment]) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_immediately(notification_ids=notification_ids, attachments=attachments)
        return
    from .tasks import deliver

    try:
        # Many recipients (everyone who attended) would hold the web request for minutes.
        deliver.delay(notification_ids, encode_attachments(attachments))
    except OperationalError:
        logger.exception("Notification e-mails could not be queued; sending them from here")
        deliver_immediately(notification_ids=notification_ids, attachments=attachments)


@contextmanager
def _mail_connection():
    """One connection for every message of a run; None (and a log entry) if the server is
    unreachable, in which case every e-mail stays owed for the next run."""
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("The mail server cannot be reached; notification e-mails wait")
        yield None
        return
    try:
        yield connection
    finally:
        connection.close()


def _send_owed(user, notification_ids: list[int], build: Callable, connection, now) -> bool:
    """Send one e-mail about those of these notifications still owed, then mark them e-mailed.

    The rows stay locked while the e-mail leaves, so that an immediate delivery and a digest
    running at the same time cannot both send the same notification (on PostgreSQL)."""
    with transaction.atomic():
        items = list(
            Notification.objects.select_for_update()
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not items:
            return False
        with recipient_locale(user):
            message = build(user, items)
        message.connection = connection
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("E-mail to %s failed; the next digest will carry it", user.email)
            return False
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
    return True


def _notification_message(user, items, *, attachments, site_name) -> EmailMultiAlternatives:
    (notification,) = items
    context = _email_context(
        site_name=site_name, notification=notification, link=_absolute(notification.url)
    )
    message = _message(
        user,
        subject=f"[{site_name}] {notification.subject}",
        template="notifications/email/notification",
        context=context,
    )
    for attachment in attachments:
        message.attach(*attachment)
    return message


def _digest_message(user, items, *, site_name) -> EmailMultiAlternatives:
    context = _email_context(
        site_name=site_name,
        items=[(item, _absolute(item.url)) for item in items],
        list_link=_absolute(reverse("notifications:list")),
    )
    subject = ngettext(
        "Your %(site)s digest: %(count)d notification",
        "Your %(site)s digest: %(count)d notifications",
        len(items),
    ) % {"site": site_name, "count": len(items)}
    return _message(user, subject=subject, template="notifications/email/digest", context=context)


def _email_context(**context) -> dict:
    return {
        "preferences_link": _absolute(reverse("notifications:preferences")),
        **context,
    }


def _message(user, *, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else ""
