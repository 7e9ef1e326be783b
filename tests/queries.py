"""Counting the SQL queries of a page, for the tests that a list costs the same with few or many
rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, **headers) -> int:
    """The queries of a second GET of `url` (the first fills the caches a visitor's session
    would have filled), which must succeed."""
    client.get(url, headers=headers)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(context.captured_queries)
