"""The list and the bell cost the same number of SQL queries with 3 or 30 notifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


def add_notifications(user, count: int) -> None:
    # Half read, so that both looks of an item are on the page.
    for i in range(count):
        NotificationFactory(recipient=user, read_at=timezone.now() if i % 2 else None)


def queries_for(client, url: str) -> int:
    client.get(url)  # warms the caches a normal visit finds warm (identity, sessions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("query", ["", "?state=unread"])
def test_the_list_costs_the_same_with_3_or_30_notifications(user, user_client, query):
    url = reverse("notifications:list") + query
    add_notifications(user, 3)
    with_three = queries_for(user_client, url)
    add_notifications(user, 27)
    assert queries_for(user_client, url) == with_three
