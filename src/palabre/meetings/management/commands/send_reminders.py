from django.core.management.base import BaseCommand, CommandError

from palabre.meetings.services.registration import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the people registered for a meeting starting within the next hours (run hourly; "
        "nobody is reminded twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=48, help="How long before the start (default 48)."
        )

    def handle(self, *args, hours, **options):
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        sent = send_reminders(hours_before=hours)
        self.stdout.write(f"{sent} reminder(s) sent.")
