from django import template

register = template.Library()


@register.filter
def change_rows(changes) -> list[tuple[str, object, object]]:
    """(field, old, new) for an event's changes; a value not given as [old, new] is the new one."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for field, change in changes.items():
        if isinstance(change, list | tuple) and len(change) == 2:
            rows.append((field, change[0], change[1]))
        else:
            rows.append((field, None, change))
    return rows
