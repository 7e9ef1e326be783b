from django.db.models import QuerySet

from .models import Frequency, Notification, NotificationPreference


def notifications_of(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody ever lists someone else's."""
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def frequency_of(user) -> str:
    return frequencies_of([user])[user.pk]


def frequencies_of(users) -> dict[int, str]:
    """{user pk: frequency} in one query; a user who never chose gets IMMEDIATE."""
    pks = [user.pk for user in users]
    chosen = dict(
        NotificationPreference.objects.filter(user__in=pks).values_list("user_id", "frequency")
    )
    return {pk: chosen.get(pk, Frequency.IMMEDIATE) for pk in pks}


def email_owed() -> QuerySet[Notification]:
    """Notifications whose e-mail has not gone yet, for recipients who can still receive it."""
    return Notification.objects.filter(
        by_email=True, emailed_at__isnull=True, recipient__is_active=True
    )
