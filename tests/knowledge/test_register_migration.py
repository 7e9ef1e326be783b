"""Investment's old lessons and recommendations (investment.Learning) move into the register:
the copying function of knowledge's migration 0002, run on rows shaped like the old ones."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.utils import timezone

from palabre.knowledge.models import Lesson, Recommendation
from palabre.spaces.models import Visibility
from tests.accounts.factories import make_user
from tests.investment.factories import IncentiveToolFactory

migration = importlib.import_module("palabre.knowledge.migrations.0002_investment_learnings")

pytestmark = pytest.mark.django_db

WRITTEN = timezone.make_aware(datetime.datetime(2025, 11, 3, 10, 30))


def learning(tool, kind, text, author, addressee=""):
    return SimpleNamespace(
        tool=tool,
        kind=kind,
        text=text,
        addressee=addressee,
        created_by_id=author.pk,
        created_at=WRITTEN,
    )


def test_a_learning_becomes_a_lesson_or_a_recommendation_of_its_tool():
    tool = IncentiveToolFactory(visibility=Visibility.MEMBERS)
    author = make_user()
    long_text = "Le guichet physique rassure les investisseurs " + "de passage " * 40

    migration.copy_learning(learning(tool, "lesson", long_text, author), Lesson, Recommendation)
    migration.copy_learning(
        learning(tool, "recommendation", "Ouvrir le samedi.\nEn été.", author, " DGIE "),
        Lesson,
        Recommendation,
    )

    lesson, recommendation = Lesson.objects.get(), Recommendation.objects.get()
    assert lesson.space == tool.space and list(lesson.tools.all()) == [tool]
    assert lesson.statement == long_text.strip()
    assert len(lesson.title) <= 200 and lesson.title.endswith("…")
    assert long_text.startswith(lesson.title[:-1])
    assert lesson.learned_on == datetime.date(2025, 11, 3)
    assert lesson.created_at == WRITTEN and lesson.created_by == author
    assert lesson.visibility == Visibility.MEMBERS
    assert recommendation.title == "Ouvrir le samedi."
    assert recommendation.addressee == "DGIE" and list(recommendation.tools.all()) == [tool]
    assert recommendation.created_at == WRITTEN and recommendation.created_by == author
