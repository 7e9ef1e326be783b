"""Recognise columns whatever people call them: "Prénom", "PRENOM ", "first name" are one field."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .readers import TableError


def normalise_text(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: "Nom et Prénom(s)" → "nom et prenoms"."""
    text = unicodedata.normalize("NFKD", text.replace("(s)", "s"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def compact_key(text: str) -> str:
    """For names of places and sectors: "Côte d'Ivoire" and "COTE D IVOIRE" give "cotedivoire"."""
    return normalise_text(text).replace(" ", "")


@dataclass(frozen=True)
class Column:
    field: str
    label: Promise
    aliases: tuple[str, ...]
    in_template: bool = True
    help: Promise | str = ""

    @property
    def header(self) -> str:
        """The spelling used in the downloadable template: the first alias."""
        return self.aliases[0]


class ColumnSet:
    """The columns one kind of import understands, and how to find them in a file's header."""

    def __init__(self, columns: list[Column]):
        self.columns = {column.field: column for column in columns}
        self._by_alias = {
            normalise_text(alias): column.field for column in columns for alias in column.aliases
        }

    def field_of(self, header: str) -> str | None:
        return self._by_alias.get(normalise_text(header))

    def resolve(self, header: list[str], line: int = 1) -> dict[str, str]:
        """{field: header as written in the file} for the columns recognised; others are ignored.

        Two columns meaning the same field would leave us guessing which one to trust.
        """
        found: dict[str, str] = {}
        for name in header:
            field = self.field_of(name)
            if field is None:
                continue
            if field in found:
                raise TableError(
                    _(
                        "Line %(line)s: the columns “%(first)s” and “%(second)s” both mean "
                        "“%(field)s”."
                    )
                    % {
                        "line": line,
                        "first": found[field],
                        "second": name,
                        "field": self.label(field),
                    }
                )
            found[field] = name
        return found

    def ignored(self, header: list[str]) -> list[str]:
        return [name for name in header if self.field_of(name) is None]

    def label(self, field: str) -> str:
        return str(self.columns[field].label)

    def template_headers(self) -> list[str]:
        return [column.header for column in self.columns.values() if column.in_template]


_LIST_HELP = gettext_lazy("Several names separated by , ; or /.")

PEOPLE_COLUMNS = ColumnSet(
    [
        Column(
            "first_name",
            gettext_lazy("first name"),
            ("Prénom", "Prénoms", "First name", "Firstname", "Given name"),
        ),
        Column(
            "last_name",
            gettext_lazy("last name"),
            ("Nom", "Nom de famille", "Last name", "Lastname", "Surname", "Family name"),
        ),
        # "Nom et prénoms" is how French forms ask for it: family name first.
        Column(
            "surname_first",
            gettext_lazy("name"),
            ("Nom et prénom(s)", "Nom et prénom", "Noms et prénoms", "Nom prénom(s)"),
            in_template=False,
            help=gettext_lazy(
                "Instead of first and last name: the family name first, or in capitals."
            ),
        ),
        Column(
            "full_name",
            gettext_lazy("full name"),
            ("Nom complet", "Full name", "Name"),
            in_template=False,
            help=gettext_lazy(
                "Instead of first and last name: the family name last, or in capitals."
            ),
        ),
        Column(
            "email",
            gettext_lazy("e-mail"),
            (
                "E-mail",
                "Email",
                "Courriel",
                "Mail",
                "Adresse électronique",
                "Adresse e-mail",
                "Adresse mail",
            ),
        ),
        Column(
            "phone",
            gettext_lazy("phone"),
            (
                "Téléphone",
                "Tel",
                "Tél",
                "Telephone",
                "Phone",
                "Mobile",
                "Portable",
                "Cellulaire",
                "WhatsApp",
                "Numéro de téléphone",
                "Contact",
            ),
            help=gettext_lazy(
                "With its international prefix (+225…, 00225…), or without it when the country "
                "of residence is given."
            ),
        ),
        Column(
            "gender",
            gettext_lazy("gender"),
            ("Sexe", "Genre", "Gender", "Sex", "H/F", "F/H"),
            help=gettext_lazy("F or Femme; H, M or Homme; Autre."),
        ),
        Column(
            "organisation",
            gettext_lazy("organisation"),
            (
                "Organisation",
                "Structure",
                "Institution",
                "Association",
                "Organisme",
                "Organization",
            ),
            help=gettext_lazy("Created in the directory if it is not there yet."),
        ),
        Column(
            "position",
            gettext_lazy("position"),
            ("Fonction", "Poste", "Titre", "Qualité", "Position", "Job title"),
        ),
        Column(
            "country",
            gettext_lazy("country of residence"),
            ("Pays de résidence", "Pays", "Country", "Country of residence"),
            help=gettext_lazy("Name in French or English, or ISO code (CI, FRA…)."),
        ),
        Column("city", gettext_lazy("city"), ("Ville", "Ville de résidence", "Localité", "City")),
        Column(
            "region",
            gettext_lazy("region of attachment"),
            ("Région d'origine", "Région", "Région de rattachement", "Region", "Region of origin"),
            help=gettext_lazy("A region known to the platform, such as San-Pédro."),
        ),
        Column(
            "sectors",
            gettext_lazy("sectors"),
            ("Secteurs", "Secteur", "Secteurs d'activité", "Secteur d'activité", "Sectors"),
            help=_LIST_HELP,
        ),
        Column(
            "languages",
            gettext_lazy("languages"),
            ("Langues", "Langue", "Langues parlées", "Languages", "Language"),
            help=_LIST_HELP,
        ),
        Column(
            "consent",
            gettext_lazy("consent"),
            ("Consentement", "Consent", "Accord"),
            help=gettext_lazy("Oui or Non: agreement to be kept in the directory."),
        ),
        Column(
            "notes", gettext_lazy("notes"), ("Notes", "Observations", "Commentaires", "Remarks")
        ),
    ]
)
