"""`palabre demo [--port N] [--no-serve]`: migrate, seed the demo data, show the accounts, serve."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from .seed_demo import accounts_lines


class Command(BaseCommand):
    help = "Prepares the database with the demo data and serves Palabre on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the data, print the box, stop."
        )

    def handle(self, *args, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        call_command("seed_demo", show_accounts=False, stdout=self.stdout)
        url = f"http://127.0.0.1:{port}/"
        database = settings.DATABASES["default"]
        self.stdout.write(
            box(
                [
                    f"Palabre demo: {url}",
                    f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}",
                    "",
                    *accounts_lines(),
                ]
            )
        )
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


def box(lines: list[str]) -> str:
    width = max(len(line) for line in lines)
    border = "+" + "-" * (width + 2) + "+"
    return "\n".join([border, *(f"| {line.ljust(width)} |" for line in lines), border])
