from celery import shared_task


@shared_task(name="palabre.notifications.deliver", acks_late=True)
def deliver(notification_ids: list[int], attachments: list[list[str]]) -> int:
    """Run again after a crash, it sends only what was not sent yet."""
    from .services import decode_attachments, deliver_immediately

    return deliver_immediately(
        notification_ids=notification_ids, attachments=decode_attachments(attachments)
    )
