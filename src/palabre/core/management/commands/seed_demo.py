"""`palabre seed-demo`: fills the database with the demo data; running it again changes nothing."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

SILENT_EMAIL = "django.core.mail.backends.dummy.EmailBackend"

# In dependency order; an app that brings demo data appends its module here.
SEEDERS = [
    "palabre.territories.demo",
    "palabre.directory.demo",
    "palabre.spaces.demo",
    "palabre.accounts.demo",
    "palabre.meetings.demo",
    "palabre.deliberation.demo_themes",
    "palabre.deliberation.demo_consultations",
    "palabre.actions.demo",
    "palabre.investment.demo",
    "palabre.calls.demo",
    "palabre.indicators.demo",
    "palabre.knowledge.demo_register",
    "palabre.knowledge.demo_charter",
    "palabre.knowledge.demo_reports",
]


class Command(BaseCommand):
    help = "Loads the fictional demo data (regions, organisations, people, spaces, accounts)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            dest="show_accounts",
            action="store_false",
            help="Do not print the demo accounts and their passwords at the end.",
        )

    def handle(self, *args, show_accounts=True, **options):
        # The demo's past is recorded through the real services, which notify people: nobody
        # should get e-mails about meetings that never happened.
        with override_settings(EMAIL_BACKEND=SILENT_EMAIL), transaction.atomic():
            for module in SEEDERS:
                importlib.import_module(module).seed(stdout=self.stdout)
        if show_accounts:
            self.stdout.write("")
            self.stdout.write("\n".join(accounts_lines()))


def accounts_lines() -> list[str]:
    from palabre.accounts.demo import credentials

    rows = credentials()
    width = max(len(c.role_label) for c in rows)
    email_width = max(len(c.email) for c in rows)
    lines = [f"{'Demo account':<{width}}  {'E-mail':<{email_width}}  Password"]
    for credential in rows:
        lines.append(
            f"{credential.role_label:<{width}}  {credential.email:<{email_width}}  "
            f"{credential.password}"
        )
        lines.extend(f"{'':<{width}}  {note}" for note in credential.notes)
    return lines
