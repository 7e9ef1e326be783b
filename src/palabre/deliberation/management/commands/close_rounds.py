"""`palabre close-rounds`: closes the prioritisation rounds whose closing time has passed, which
publishes their results and tells their voters. Run it from cron every few minutes; ballots are
refused after the closing time whether it has run or not."""

from django.core.management.base import BaseCommand

from palabre.deliberation.services.rounds import rounds_close_due


class Command(BaseCommand):
    help = "Closes the prioritisation rounds whose closing time has passed."

    def handle(self, *args, **options):
        closed = rounds_close_due()
        self.stdout.write(f"{closed} round(s) closed.")
