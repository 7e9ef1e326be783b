from django.core.management.base import BaseCommand

from palabre.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail each user on the daily digest the notifications not e-mailed yet (run daily)."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
