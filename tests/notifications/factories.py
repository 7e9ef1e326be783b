"""Notifications for tests. Tests of what `notify` does call it; these are for the screens."""

import factory

from palabre.notifications.models import Notification
from tests.accounts.factories import make_user


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.LazyFunction(make_user)
    kind = "meeting.invited"
    subject = factory.Sequence(lambda n: f"Invitation à la réunion n° {n}")
    body = "Le secrétariat vous invite à la réunion du comité de suivi."
    url = "/espaces/"
