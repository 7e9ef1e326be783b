"""What an import tells the user: the counts, or every bad row with its line and column."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class RowError:
    line: int  # as in the spreadsheet, header included; 0 for the file as a whole
    column: str  # as written in the file's header; "" for the row as a whole
    message: str


class RowInvalid(Exception):
    """Raised by a row parser or writer with every problem of the row: [(column, message)]."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class ImportReport:
    filename: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, line: int, column: str, message) -> None:
        self.errors.append(RowError(line, column, str(message)))

    def as_dict(self) -> dict:
        """What a job keeps as its result (JSON)."""
        return asdict(self) | {"ok": self.ok}


def report_summary(result: dict) -> str:
    """One sentence for a successful import, from its report as a job keeps it (as_dict)."""
    rows = result.get("rows", 0)
    if result.get("dry_run"):
        text = ngettext(
            "%(rows)s row checked, nothing stored (trial run):",
            "%(rows)s rows checked, nothing stored (trial run):",
            rows,
        )
    else:
        text = ngettext("%(rows)s row imported:", "%(rows)s rows imported:", rows)
    counts = _("%(created)s new, %(updated)s completed, %(unchanged)s already up to date.")
    return f"{text % {'rows': rows}} {counts % result}"
