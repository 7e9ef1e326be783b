import pytest

from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, member_user

from .factories import set_identity


@pytest.fixture
def identity(db):
    return set_identity(name="Palabre Cavally", primary_colour="#12345a")


@pytest.fixture
def space(db):
    return SpaceFactory(name="Comité de suivi du Cavally")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def secretariat_client(client, secretariat):
    client.force_login(secretariat)
    return client
