"""State-changing helpers shared by the services of several apps."""

from collections.abc import Iterable

from django.db import models


def m2m_names(instance: models.Model, name: str) -> list[str]:
    return sorted(str(item) for item in getattr(instance, name).all())


def save_with_m2m(instance: models.Model, m2m: dict[str, Iterable | None]) -> dict[str, list[str]]:
    """Validate, save, set the many-to-many fields given; return their changes for the audit.

    A value of None leaves that field as it is, so that an update may omit it."""
    is_new = instance._state.adding
    instance.full_clean()
    instance.save()
    changes = {}
    for name, values in m2m.items():
        if values is None:
            continue
        values = list(values)
        if is_new and not values:
            continue  # a new record has nothing to clear: spares an import two queries a field
        before = [] if is_new else m2m_names(instance, name)
        getattr(instance, name).set(values)
        after = m2m_names(instance, name)
        if before != after:
            changes[name] = [", ".join(before), ", ".join(after)]
    return changes
