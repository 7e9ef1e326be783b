"""Read one cell: each function returns the clean value or raises CellError with the reason."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from palabre.directory.phones import phone_to_e164

from .columns import normalise_text


class CellError(ValueError):
    """A value that cannot be used; the message says why, in the user's language."""


GENDERS = {
    "F": {"f", "femme", "feminin", "female", "woman", "w"},
    "M": {"h", "m", "homme", "masculin", "male", "man"},
    "X": {"autre", "other", "x"},
}
_GENDER_OF = {spelling: code for code, spellings in GENDERS.items() for spelling in spellings}

YES = {"oui", "o", "yes", "y", "x", "1", "vrai", "true"}
NO = {"non", "n", "no", "0", "faux", "false"}


def parse_gender(text: str) -> str:
    """ "F", "M", "X", or "" when not given."""
    key = normalise_text(text)
    if not key:
        return ""
    try:
        return _GENDER_OF[key]
    except KeyError:
        raise CellError(
            _("“%(value)s” is not a gender: write F (woman), H or M (man), or Autre.")
            % {"value": text}
        ) from None


def parse_yes_no(text: str) -> bool | None:
    key = normalise_text(text)
    if not key:
        return None
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(_("“%(value)s” is neither yes nor no: write Oui or Non.") % {"value": text})


def parse_email(text: str) -> str:
    email = text.strip().lower()
    if email.startswith("mailto:"):
        email = email[len("mailto:") :]
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise CellError(_("“%(value)s” is not a valid e-mail address.") % {"value": text}) from None
    return email


def parse_phone(text: str, country=None) -> str:
    """The number in E.164 ("+2250701020304"). A number written without its international prefix
    is read in the numbering plan of `country` (the person's country of residence)."""
    try:
        return phone_to_e164(text, country_iso2=country.iso2 if country else None)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from None


def split_list(text: str) -> list[str]:
    """ "Agriculture, Énergie / Tourisme; Pêche" → four items."""
    return [item.strip() for item in re.split(r"[,;/|\n]", text) if item.strip()]


def split_full_name(text: str, *, surname_first: bool) -> tuple[str, str]:
    """(first name, last name) from one cell.

    A word in capitals is the family name, as French lists write it ("KOUASSI Aya Marie", "Aya
    KOUASSI"); otherwise the column says the order.
    """
    words = text.split()
    if len(words) < 2:
        raise CellError(
            _("“%(value)s”: give the first name and the last name.") % {"value": text.strip()}
        )
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words):
        last = [w for w in words if w in capitals]
        first = [w for w in words if w not in capitals]
        return " ".join(first), " ".join(last)
    if surname_first:
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]
