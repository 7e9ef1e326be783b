import datetime
import io
import smtplib

import pytest
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError

from palabre.notifications import tasks
from palabre.notifications.models import Frequency, Notification
from palabre.notifications.selectors import frequency_of
from palabre.notifications.services import (
    mark_all_read,
    mark_read,
    notify,
    preference_set,
    send_digests,
)
from tests.accounts.factories import make_user

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

MEETING_URL = "/espaces/comite-cavally/reunions/3/"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://palabre.example.org"


@pytest.fixture
def daily_user():
    user = make_user(email="koffi.testyao@example.org", language="fr")
    preference_set(user=user, frequency=Frequency.DAILY)
    return user


def notify_and_commit(capture, **kwargs):
    with capture(execute=True):
        return notify(**{"subject": "Réunion du comité", "url": MEETING_URL, **kwargs})


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the server hung up")


def test_each_recipient_reads_the_email_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    french = make_user(email="mariam.testdiarra@example.org", language="fr")
    english = make_user(email="john.testsmith@example.org", language="en")

    notify_and_commit(
        django_capture_on_commit_callbacks,
        recipients=[french, english],
        subject=gettext_lazy("Monday"),  # in Django's own catalogue, so translated already
    )

    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address[french.email].subject == "[Palabre] lundi"
    assert by_address[english.email].subject == "[Palabre] Monday"
    html, _mimetype = by_address[french.email].alternatives[0]
    assert '<html lang="fr">' in html
    # The in-app copy is in the recipient's language too.
    assert Notification.objects.get(recipient=french).subject == "lundi"


def test_a_callable_text_shows_dates_in_the_recipients_time_zone(
    mailoutbox, django_capture_on_commit_callbacks
):
    starts = datetime.datetime(2027, 3, 4, 9, 0, tzinfo=datetime.UTC)
    paris = make_user(email="paris@example.org", language="en", time_zone="Europe/Paris")
    toronto = make_user(email="toronto@example.org", language="en", time_zone="America/Toronto")

    notify_and_commit(
        django_capture_on_commit_callbacks,
        recipients=[paris, toronto],
        subject="Reminder",
        body=lambda user: date_format(timezone.localtime(starts), "H:i"),
    )

    assert Notification.objects.get(recipient=paris).body == "10:00"
    assert Notification.objects.get(recipient=toronto).body == "04:00"


def test_the_immediate_email_links_to_the_page_and_carries_the_attachments(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    pdf = b"%PDF-1.4 ordre du jour"
    notify_and_commit(
        django_capture_on_commit_callbacks,
        recipients=[user],
        body="Le comité se réunit à San-Pédro.",
        attachments=[("ordre-du-jour.pdf", pdf, "application/pdf")],
    )

    (message,) = mailoutbox
    assert message.to == [user.email]
    assert "Le comité se réunit à San-Pédro." in message.body
    assert f"https://palabre.example.org{MEETING_URL}" in message.body
    assert f'href="https://palabre.example.org{MEETING_URL}"' in message.alternatives[0][0]
    assert message.attachments == [("ordre-du-jour.pdf", pdf, "application/pdf")]
    assert Notification.objects.get().emailed_at is not None


def test_the_email_leaves_only_once_the_change_is_committed(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            notify(recipients=[user], subject="Réunion du comité")
        assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_the_daily_user_gets_one_digest_and_only_once(
    user, daily_user, mailoutbox, django_capture_on_commit_callbacks
):
    for subject in ["Note de cadrage soumise", "Compte rendu publié"]:
        notify_and_commit(
            django_capture_on_commit_callbacks, recipients=[user, daily_user], subject=subject
        )
    # The immediate user got their two e-mails; the daily user nothing yet.
    assert [message.to for message in mailoutbox] == [[user.email], [user.email]]
    mailoutbox.clear()

    assert send_digests() == 1

    (digest,) = mailoutbox
    assert digest.to == [daily_user.email]
    assert "Note de cadrage soumise" in digest.body
    assert "Compte rendu publié" in digest.body
    assert digest.body.count(f"https://palabre.example.org{MEETING_URL}") == 2
    assert '<html lang="fr">' in digest.alternatives[0][0]
    assert send_digests() == 0
    assert len(mailoutbox) == 1


def test_the_digest_subject_counts_the_notifications(daily_user, mailoutbox):
    daily_user.language = "en"
    daily_user.save()
    NotificationFactory.create_batch(3, recipient=daily_user)

    send_digests()

    assert mailoutbox[0].subject == "Your Palabre digest: 3 notifications"


def test_the_digest_leaves_out_what_came_after_its_time(daily_user, mailoutbox):
    earlier = NotificationFactory(recipient=daily_user)
    NotificationFactory(recipient=daily_user, subject="Arrivée après le résumé")

    assert send_digests(now=earlier.created_at) == 1

    assert "Arrivée après le résumé" not in mailoutbox[0].body
    assert send_digests() == 1
    assert "Arrivée après le résumé" in mailoutbox[1].body


def test_in_app_only_notifications_are_never_emailed(
    user, daily_user, mailoutbox, django_capture_on_commit_callbacks
):
    created = notify_and_commit(
        django_capture_on_commit_callbacks, recipients=[user, daily_user], email=False
    )

    assert len(created) == 2
    assert send_digests() == 0
    assert mailoutbox == []


def test_inactive_accounts_are_skipped_and_each_user_notified_once(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    inactive = make_user(email="ancien@example.org", is_active=False)

    created = notify_and_commit(
        django_capture_on_commit_callbacks, recipients=[user, inactive, user]
    )

    assert [notification.recipient for notification in created] == [user]
    assert Notification.objects.count() == 1
    assert [message.to for message in mailoutbox] == [[user.email]]


def test_a_failed_email_goes_out_with_the_next_digest(
    user, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    notify_and_commit(django_capture_on_commit_callbacks, recipients=[user])
    assert Notification.objects.get().emailed_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_digests() == 1
    assert "Réunion du comité" in mailoutbox[0].body


def test_workers_send_the_emails_when_there_is_a_queue(
    user, settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = []
    monkeypatch.setattr(tasks.deliver, "delay", lambda *args: queued.append(args))

    notify_and_commit(
        django_capture_on_commit_callbacks,
        recipients=[user],
        attachments=[("invitation.ics", "BEGIN:VCALENDAR", "text/calendar")],
    )
    assert mailoutbox == []

    (arguments,) = queued
    tasks.deliver(*arguments)  # what the worker does with the queued message
    (message,) = mailoutbox
    assert message.attachments == [("invitation.ics", "BEGIN:VCALENDAR", "text/calendar")]
    tasks.deliver(*arguments)  # delivered twice by the queue, sent once
    assert len(mailoutbox) == 1


def test_emails_leave_from_the_web_process_when_the_queue_is_down(
    user, settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def unreachable(*args):
        raise OperationalError("Redis is down")

    monkeypatch.setattr(tasks.deliver, "delay", unreachable)

    notify_and_commit(django_capture_on_commit_callbacks, recipients=[user])

    assert [message.to for message in mailoutbox] == [[user.email]]


def test_a_notification_links_only_to_a_page_of_the_site(user):
    with pytest.raises(ValueError, match="not a path"):
        notify(recipients=[user], subject="Réunion", url="https://ailleurs.example.org/")
    assert not Notification.objects.exists()


def test_mark_read_refuses_someone_elses_notification(user):
    notification = NotificationFactory()

    with pytest.raises(ValidationError):
        mark_read(user=user, notification=notification)

    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_the_users_own(user):
    NotificationFactory.create_batch(2, recipient=user)
    someone_elses = NotificationFactory()

    assert mark_all_read(user=user) == 2

    assert not user.notifications.filter(read_at__isnull=True).exists()
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_the_preference_defaults_to_immediate_and_refuses_unknown_values(user):
    assert frequency_of(user) == Frequency.IMMEDIATE
    preference_set(user=user, frequency=Frequency.DAILY)
    assert frequency_of(user) == Frequency.DAILY

    with pytest.raises(ValidationError):
        preference_set(user=user, frequency="weekly")
    assert frequency_of(user) == Frequency.DAILY


def test_the_send_digests_command(daily_user, mailoutbox):
    NotificationFactory(recipient=daily_user)

    output = io.StringIO()
    call_command("send_digests", stdout=output)

    assert len(mailoutbox) == 1
    assert output.getvalue().strip() == "1 digest e-mail(s) sent."
