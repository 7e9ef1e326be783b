from functools import cache

from .selectors import unread_count


def unread_notifications(request):
    """The count for the bell in the header: one query, and only when a page shows the bell
    (an HTMX fragment does not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable when they read it; cached, the query runs once per page.
    return {"unread_notifications": cache(lambda: unread_count(user))}
