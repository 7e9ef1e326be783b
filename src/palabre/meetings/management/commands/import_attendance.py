from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from palabre.meetings.attendance_import import attendance_import, attendance_summary
from palabre.meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Imports a typed-back sign-in sheet (CSV or XLSX) into a meeting's attendance list: all "
        "rows or, if any row is wrong, none (each bad row is listed with its line number). People "
        "not in the directory yet are added to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int, help="The meeting's number (in its address).")
        parser.add_argument("file", help="A .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and count, store nothing."
        )
        parser.add_argument(
            "--actor", metavar="EMAIL", help="The account the audit log attributes the import to."
        )

    def handle(self, *args, meeting_id, file, dry_run, actor, **options):
        meeting = Meeting.objects.with_relations().filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(_("No meeting with the number %(id)s.") % {"id": meeting_id})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        user = None
        if actor:
            user = get_user_model().objects.filter(email__iexact=actor).first()
            if user is None:
                raise CommandError(_("No account with the e-mail %(email)s.") % {"email": actor})
        report = attendance_import(
            meeting=meeting, source=path, filename=path.name, actor=user, dry_run=dry_run
        )
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
        self.stdout.write(self.style.SUCCESS(attendance_summary(report.as_dict())))
