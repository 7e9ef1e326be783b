"""Spaces, colleges and memberships for tests; other apps import `member_user` from here."""

import datetime

import factory
from django.utils import timezone

from palabre.accounts.models import User
from palabre.spaces.models import College, Membership, Role, Space, SpaceKind, Visibility
from palabre.territories.models import Country
from tests.accounts.factories import make_user


def country(iso2: str = "CI") -> Country:
    """Countries are reference data loaded by a migration; tests pick one by its code."""
    return Country.objects.get(iso2=iso2)


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Comité de suivi {n}")
    slug = factory.Sequence(lambda n: f"espace-{n}")
    kind = SpaceKind.FOLLOW_UP_COMMITTEE
    country = factory.LazyFunction(country)
    visibility = Visibility.PUBLIC
    summary = "Concertation entre la région et sa diaspora."


class CollegeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = College

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Collège {n}")
    order = factory.Sequence(lambda n: n)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    space = factory.SubFactory(SpaceFactory)
    # By path: the directory's factories import `country` from this module.
    person = factory.SubFactory("tests.directory.factories.PersonFactory")
    college = factory.LazyAttribute(lambda m: CollegeFactory(space=m.space))
    role = Role.MEMBER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


def member_user(space: Space, role: str = Role.MEMBER, **membership_fields) -> User:
    """A user whose directory entry has a current membership of `space` with `role`."""
    user = make_user()
    MembershipFactory(
        space=space, role=role, person__user=user, person__email=user.email, **membership_fields
    )
    return user
