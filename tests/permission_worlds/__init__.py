"""Each area's part of the permission table's world: one module per area, found automatically.

A module defines `NAMESPACES` (its URL namespaces), `PAYLOADS` (a minimal valid form per POST
view) and `placeholders(*, space, private_space, users, base) -> dict`, which creates the area's
objects and returns the placeholders its rows use (`base` holds the shared placeholders). Its
docstring says what each placeholder names.
"""

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Upload:
    """A file field of a payload; a fresh file is made for every request."""

    name: str
    content: bytes


AREAS = [
    importlib.import_module(f"{__name__}.{module.name}")
    for module in pkgutil.iter_modules(__path__)
]


def area_namespaces() -> set[str]:
    return {name for area in AREAS for name in area.NAMESPACES}


def area_payloads() -> dict:
    payloads: dict = {}
    for area in AREAS:
        payloads.update(area.PAYLOADS)
    return payloads


def area_placeholders(*, base: dict, **world) -> dict:
    found: dict = {}
    for area in AREAS:
        found.update(area.placeholders(**world, base={**base, **found}))
    return found
