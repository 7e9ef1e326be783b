"""`palabre investment-digest`: e-mails each investor who opted in the new opportunities that
match their profile, published since their last digest. Run it from cron once a day; running
it again sends nothing already sent."""

from django.core.management.base import BaseCommand

from palabre.investment.services.programme import send_investment_digest


class Command(BaseCommand):
    help = "E-mails investors who opted in the new opportunities that match their profile."

    def handle(self, *args, **options):
        sent = send_investment_digest()
        self.stdout.write(f"{sent} digest(s) sent.")
