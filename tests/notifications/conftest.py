import pytest

from tests.accounts.factories import make_user


@pytest.fixture
def user(db):
    return make_user(email="awa.testkone@example.org", language="en")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
