"""`palabre indicators`: the figures of the logframe, as the dashboard shows them."""

import json

from django.core.management.base import BaseCommand, CommandError

from palabre.spaces.models import Space

from ...models import Indicator
from ...periods import parse_period
from ...selectors.figures import figures_as_data, figures_for

COLUMNS = ("Code", "Title", "Period", "Value", "Target", "Met")
TITLE_WIDTH = 60


class Command(BaseCommand):
    help = (
        "Print the figures of the indicators of a space (or of every space that has some), for "
        "the latest period of each indicator or for the period given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--space", help="The slug of the space (default: every space).")
        parser.add_argument(
            "--period", help='A year ("2026"), a half ("2026-S1") or a quarter ("2026-Q3").'
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="Print JSON, not a table."
        )

    def handle(self, *args, space=None, period=None, as_json=False, **options):
        chosen = None
        if period:
            try:
                chosen = parse_period(period)
            except ValueError:
                raise CommandError(
                    f'"{period}" is not a period: write a year ("2026"), a half ("2026-S1") '
                    'or a quarter ("2026-Q3").'
                ) from None
        if space:
            spaces = list(Space.objects.filter(slug=space))
            if not spaces:
                raise CommandError(f'There is no space "{space}".')
        else:
            spaces = list(
                Space.objects.filter(
                    pk__in=Indicator.objects.values("space_id").distinct()
                ).order_by("slug")
            )
        reports = [
            {
                "space": each.slug,
                "period": chosen.code if chosen else None,
                "indicators": figures_as_data(figures_for(each, chosen)),
            }
            for each in spaces
        ]
        if as_json:
            self._write_json(reports[0] if space else reports)
        else:
            for report in reports:
                self._write_table(report)

    def _write_json(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _write_table(self, report: dict) -> None:
        self.stdout.write(f"{report['space']} — {report['period'] or 'latest periods'}")
        rows = [COLUMNS] + [
            (
                row["code"],
                _shorten(row["title"]),
                row["period"],
                _figure(row["value"]),
                f"{row['comparison'].replace('_', ' ')} {_figure(row['target'])}",
                {True: "yes", False: "no", None: "—"}[row["met"]],
            )
            for row in report["indicators"]
        ]
        widths = [max(len(str(row[index])) for row in rows) for index in range(len(COLUMNS))]
        for row in rows:
            self.stdout.write(
                "  ".join(
                    str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        if not report["indicators"]:
            self.stdout.write("No indicator.")
        self.stdout.write("")


def _shorten(text: str) -> str:
    return text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "…"


def _figure(value) -> str:
    return "—" if value is None else f"{value:,}".replace(",", " ")
