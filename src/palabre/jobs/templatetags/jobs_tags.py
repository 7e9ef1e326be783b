from django import template

register = template.Library()

# A result is shown on a web page: beyond this many items, the result file is the place to look.
MAX_ITEMS = 200


@register.filter
def result_rows(result) -> list[dict]:
    """A job's result dict as rows a template can show without knowing the job.

    Each row has a `label` and a `kind`: "value", "list" (items), "mapping" (pairs) or
    "table" (columns and rows, for a list of dicts such as the bad rows of an import).
    """
    if not isinstance(result, dict):
        return [{"label": "", "kind": "value", "value": result}] if result else []
    return [_row(str(key), value) for key, value in result.items()]


def _row(key: str, value) -> dict:
    row = {"label": key.replace("_", " ").capitalize(), "kind": "value", "value": value}
    if isinstance(value, dict):
        row.update(kind="mapping", value=list(value.items())[:MAX_ITEMS])
    elif isinstance(value, list):
        shown = value[:MAX_ITEMS]
        row.update(kind="list", value=shown, hidden=len(value) - len(shown))
        if shown and all(isinstance(item, dict) for item in shown):
            columns = list(dict.fromkeys(key for item in shown for key in item))
            row.update(
                kind="table",
                columns=columns,
                value=[[(column, item.get(column, "")) for column in columns] for item in shown],
            )
    return row
