"""Read one cell: each function returns the clean value or raises CellError with the reason."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

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

# National numbering of the countries most people in the directory live in:
# ISO code → (calling code, digits of a national number, whether its leading "0" is dropped
# after the calling code). Côte d'Ivoire keeps its leading 0 since the 10-digit plan of 2021.
NUMBERING_PLANS = {
    "CI": ("225", 10, False),
    "BF": ("226", 8, False),
    "ML": ("223", 8, False),
    "SN": ("221", 9, False),
    "MA": ("212", 9, True),
    "FR": ("33", 9, True),
    "BE": ("32", None, True),
    "CH": ("41", 9, True),
    "IT": ("39", None, False),
    "ES": ("34", 9, False),
    "DE": ("49", None, True),
    "GB": ("44", 10, True),
    "US": ("1", 10, False),
    "CA": ("1", 10, False),
}
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


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
    takes the one of `country` (the person's country of residence)."""
    raw = text.strip()
    if not raw:
        return ""
    number = re.sub(r"[\s.\-()/]", "", raw)
    if number.startswith("00"):
        number = "+" + number[2:]
    if not number.startswith("+"):
        number = _with_calling_code(number, raw, country)
    if not E164.match(number):
        raise CellError(_("“%(value)s” is not a valid phone number.") % {"value": raw})
    return number


def _with_calling_code(number: str, raw: str, country) -> str:
    if not number.isdigit():
        raise CellError(_("“%(value)s” is not a valid phone number.") % {"value": raw})
    if country is None:
        raise CellError(
            _(
                "“%(value)s” has no international prefix (such as +225) and no country of "
                "residence is given to deduce it."
            )
            % {"value": raw}
        )
    code, length, drops_zero = NUMBERING_PLANS.get(country.iso2, (None, None, True))
    code = country.phone_prefix.lstrip("+") or code
    if not code:
        raise CellError(
            _("“%(value)s”: write the number with its international prefix (+…) for %(country)s.")
            % {"value": raw, "country": country.name}
        )
    if number.startswith(code) and length and len(number) == len(code) + length:
        return "+" + number  # the prefix was typed without its "+"
    national = number[1:] if drops_zero and number.startswith("0") else number
    if length and len(national) != length:
        raise CellError(
            _("“%(value)s” is not a number of %(country)s, which have %(digits)s digits.")
            % {"value": raw, "country": country.name, "digits": length + int(drops_zero)}
        )
    return f"+{code}{national}"


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
