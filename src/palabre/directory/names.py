import unicodedata


def normalise_name(*parts: str) -> str:
    """A key that ignores accents, case, punctuation and the order of names.

    "N'Guessan Aya", "aya nguessan" and "AYA N’GUESSAN" give the same key.
    """
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    cleaned = "".join(
        c.lower() if c.isalnum() else " " for c in text.replace("'", "").replace("’", "")
    )
    return " ".join(sorted(cleaned.split()))
