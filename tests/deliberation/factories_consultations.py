"""Consultations, statements and votes for tests, and a vote matrix with planted opinion groups.

`ConsultationFactory` makes an open, members-only consultation; `StatementFactory` an accepted
seed statement. `planted_votes` draws votes of two opinion groups (and one statement both groups
agree with); `planted_consultation` stores them in the database, participants included.
"""

from dataclasses import dataclass

import factory
import numpy as np

from palabre.accounts.models import User
from palabre.deliberation.models import (
    Consultation,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)
from palabre.spaces.models import Visibility
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Consultation sur l'investissement de la diaspora n° {n}")
    question = "Quelles priorités pour l'investissement de la diaspora dans la région ?"
    description = "Votre avis compte : votez sur les propositions des autres participants."
    visibility = Visibility.MEMBERS
    status = ConsultationStatus.OPEN
    created_by = factory.LazyFunction(make_user)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    consultation = factory.SubFactory(ConsultationFactory)
    text = factory.Sequence(lambda n: f"Proposition numéro {n} pour la région de San-Pédro")
    author = factory.LazyAttribute(lambda s: s.consultation.created_by)
    is_seed = True
    status = StatementStatus.ACCEPTED


class StatementVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementVote

    statement = factory.SubFactory(StatementFactory)
    consultation = factory.LazyAttribute(lambda v: v.statement.consultation)
    participant = factory.LazyFunction(make_user)
    value = 1


@dataclass
class Planted:
    groups: np.ndarray  # planted group of each participant (0 or 1)
    participants: np.ndarray  # participant index of each vote
    statements: np.ndarray  # statement index of each vote
    values: np.ndarray  # -1, 0 or 1
    consensus: int  # index of the statement both groups agree with


def planted_votes(
    participants: int,
    statements: int,
    *,
    density: float = 0.3,
    noise: float = 0.1,
    passes: float = 0.1,
    seed: int = 1,
) -> Planted:
    """Two groups of equal odds: group 0 agrees with the first half of the statements and
    disagrees with the second, group 1 the opposite; statement 0 is agreed by both. A share
    `density` of the cells is voted; a vote goes the other way with probability `noise`, and is a
    pass with probability `passes`."""
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, 2, participants)
    stance = np.where(np.arange(statements) < statements // 2, 1, -1)
    stance = np.vstack([stance, -stance])
    stance[:, 0] = 1
    voted = rng.random((participants, statements)) < density
    draw = rng.random((participants, statements))
    values = stance[groups]
    values = np.where(draw < noise, -values, values)
    values = np.where((draw >= noise) & (draw < noise + passes), 0, values)
    who, what = np.nonzero(voted)
    return Planted(groups, who, what, values[who, what], consensus=0)


def planted_consultation(consultation: Consultation, planted: Planted) -> tuple[list, list]:
    """Stores the planted votes: one lightweight account per participant, one accepted statement
    per column. Returns the users and the statements, in the planted order."""
    statement_count = int(planted.statements.max()) + 1 if len(planted.statements) else 0
    statements = [
        StatementFactory(consultation=consultation, text=f"Proposition plantée n° {j + 1}")
        for j in range(statement_count)
    ]
    start = User.objects.count()
    users = User.objects.bulk_create(
        [
            User(email=f"participant{start + i}@example.org", password="!")
            for i in range(len(planted.groups))
        ]
    )
    if not all(user.pk for user in users):  # databases that give no ids back
        users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
    StatementVote.objects.bulk_create(
        [
            StatementVote(
                consultation=consultation,
                statement=statements[j],
                participant=users[i],
                value=int(value),
            )
            for i, j, value in zip(
                planted.participants, planted.statements, planted.values, strict=True
            )
        ],
        batch_size=2000,
    )
    return users, statements
