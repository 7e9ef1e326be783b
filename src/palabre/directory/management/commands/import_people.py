from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from palabre.imports.report import report_summary
from palabre.imports.services import people_import


class Command(BaseCommand):
    help = (
        "Imports people into the directory from a CSV or XLSX file: all rows or, if any row is "
        "wrong, none (each bad row is listed with its line number)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and count, store nothing."
        )
        parser.add_argument(
            "--actor", metavar="EMAIL", help="The account the audit log attributes the import to."
        )

    def handle(self, *args, file, dry_run, actor, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        user = None
        if actor:
            user = get_user_model().objects.filter(email__iexact=actor).first()
            if user is None:
                raise CommandError(_("No account with the e-mail %(email)s.") % {"email": actor})
        report = people_import(source=path, filename=path.name, actor=user, dry_run=dry_run)
        for error in report.errors:
            where = _("line %(line)s") % {"line": error.line} if error.line else _("file")
            column = f" [{error.column}]" if error.column else ""
            self.stderr.write(f"{path.name}, {where}{column}: {error.message}")
        if report.ignored_columns:
            self.stdout.write(
                _("Columns ignored: %(columns)s") % {"columns": ", ".join(report.ignored_columns)}
            )
        if not report.ok:
            raise CommandError(
                _("%(count)s error(s): nothing was imported.") % {"count": len(report.errors)}
            )
        self.stdout.write(self.style.SUCCESS(report_summary(report.as_dict())))
