"""Reference data (countries, sectors, languages) shipped with Palabre and loaded idempotently."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def reference_rows(name: str) -> list[dict]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def reference_data_load(*, country_model, sector_model, language_model) -> None:
    """Takes the models as arguments so that data migrations can pass their historical ones."""
    for row in reference_rows("countries"):
        country_model.objects.update_or_create(iso2=row["iso2"], defaults=row)
    for row in reference_rows("sectors"):
        sector_model.objects.update_or_create(code=row["code"], defaults=row)
    for row in reference_rows("languages"):
        language_model.objects.update_or_create(code=row["code"], defaults=row)
