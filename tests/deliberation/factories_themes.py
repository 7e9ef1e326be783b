"""Themes, comments, rounds and ballots for tests; a round closes in a week unless told so."""

import datetime

import factory
from django.utils import timezone

from palabre.deliberation.models import (
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
    Theme,
    ThemeComment,
    ThemeStatus,
    ThemeSupport,
)
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Transformation locale du cacao n° {n}")
    description = "Créer de la valeur ajoutée dans les trois régions plutôt qu'exporter les fèves."
    axis = "Agriculture et transformation"
    proposed_by = factory.LazyFunction(make_user)
    status = ThemeStatus.PROPOSED


class ThemeSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeSupport

    theme = factory.SubFactory(ThemeFactory)
    user = factory.LazyFunction(make_user)


class ThemeCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeComment

    theme = factory.SubFactory(ThemeFactory)
    author = factory.LazyFunction(make_user)
    text = "Les coopératives de Soubré sont prêtes à s'engager."


class RoundFactory(factory.django.DjangoModelFactory):
    """An open dot-voting round of 10 points over the `themes` given (a list)."""

    class Meta:
        model = PrioritisationRound
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Priorités de l'année {2026 + n}")
    method = RoundMethod.DOT_VOTING
    points = 10
    status = RoundStatus.OPEN
    closes_at = factory.LazyFunction(lambda: in_days(7))
    opened_at = factory.LazyFunction(timezone.now)
    created_by = factory.LazyFunction(make_user)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def ballot(round, voter, college=None, **values) -> Ballot:
    """A ballot written straight to the database: {theme: points} or {theme: rank} via
    `points=` or `ranks=` (the services are tested on their own)."""
    made = Ballot.objects.create(round=round, voter=voter, college=college)
    for theme, value in values.get("points", {}).items():
        BallotEntry.objects.create(ballot=made, theme=theme, points=value)
    for theme, value in values.get("ranks", {}).items():
        BallotEntry.objects.create(ballot=made, theme=theme, rank=value)
    return made
