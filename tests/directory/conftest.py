import pytest

from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, member_user


@pytest.fixture
def space(db):
    return SpaceFactory(name="Comité de suivi test")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def member(space):
    return member_user(space)


@pytest.fixture
def secretariat_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
