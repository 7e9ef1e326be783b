"""Phone numbers as people type them, turned into the E.164 form the directory stores.

The forms and the imports both go through `phone_to_e164`, so that a number accepted in one is
accepted, and written the same way, in the other.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# E.164 allows at most 15 digits; some numbering plans admit longer national numbers.
E164_MAX_DIGITS = 15

MESSAGES = {
    "not_a_number": _("“%(value)s” is not a phone number."),
    "no_country": _(
        "“%(value)s” has no international prefix and no country to deduce it from: "
        "write + then the country code, for example +2250701020304."
    ),
    "unknown_calling_code": _("“%(value)s” does not start with a known country calling code."),
    "extension": _("“%(value)s” has an extension, which cannot be stored: give the number alone."),
    "too_short": _("“%(value)s” is too short for a phone number with the country code +%(code)s."),
    "too_long": _("“%(value)s” is too long for a phone number with the country code +%(code)s."),
    "wrong_length": _(
        "“%(value)s” does not have the right number of digits for a phone number with the "
        "country code +%(code)s."
    ),
}

_LENGTH_PROBLEMS = {
    # A number dialable only inside its own area (no area code) is incomplete in E.164.
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too_short",
    phonenumbers.ValidationResult.TOO_SHORT: "too_short",
    phonenumbers.ValidationResult.TOO_LONG: "too_long",
    phonenumbers.ValidationResult.INVALID_LENGTH: "wrong_length",
}


def _refuse(problem: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[problem], code=problem, params=params)


def phone_to_e164(text: str, *, country_iso2: str | None = None) -> str:
    """The number in E.164 ("+2250701020304"), or "" when nothing was typed.

    A number written with + or 00 carries its country; one written nationally ("07 01 02 03 04")
    is read in the numbering plan of `country_iso2`. Only the length is checked
    (is_possible_number), not the allocated ranges, so that numbers reserved for fiction, which
    the demo data uses, stay accepted.
    """
    raw = (text or "").strip()
    if not raw:
        return ""
    # 00 is the international prefix wherever our users dial from; phonenumbers only knows it
    # when given a region, and a number written "00225…" needs none.
    value = "+" + raw[2:] if raw.startswith("00") else raw
    try:
        number = phonenumbers.parse(value, country_iso2 or None)
    except phonenumbers.NumberParseException as error:
        if error.error_type != phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise _refuse("not_a_number", value=raw) from None
        problem = "unknown_calling_code" if value.startswith("+") else "no_country"
        raise _refuse(problem, value=raw) from None
    if number.extension:
        raise _refuse("extension", value=raw)
    # phonenumbers reads letters as keypad digits (vanity numbers); here they are typing errors.
    if any(c.isalpha() for c in value):
        raise _refuse("not_a_number", value=raw)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.INVALID_COUNTRY_CODE:
        raise _refuse("unknown_calling_code", value=raw)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise _refuse(_LENGTH_PROBLEMS[reason], value=raw, code=number.country_code)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(e164) - 1 > E164_MAX_DIGITS:
        raise _refuse("too_long", value=raw, code=number.country_code)
    return e164
