"""Lessons and recommendations for tests: public, in a public space, unless told otherwise;
`tools=[…]`, `meetings=[…]`, `tags=[…]` link them."""

import factory

from palabre.knowledge.models import Lesson, Recommendation, Tag
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory

LESSON_TEXT = "Un guichet physique rassure les investisseurs de passage au pays."
RECOMMENDATION_TEXT = "Ouvrir une permanence en ligne pour la diaspora."


def _link(name: str) -> factory.PostGeneration:
    def link(entry, create, extracted, **kwargs):
        if create and extracted:
            getattr(entry, name).set(extracted)

    return factory.PostGeneration(link)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"étiquette {n}")


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Leçon {n}")
    statement = LESSON_TEXT
    created_by = factory.LazyFunction(make_user)
    tools = _link("tools")
    meetings = _link("meetings")
    actions = _link("actions")
    tags = _link("tags")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Recommandation {n}")
    statement = RECOMMENDATION_TEXT
    addressee = "DGIE"
    created_by = factory.LazyFunction(make_user)
    tools = _link("tools")
    meetings = _link("meetings")
    lessons = _link("lessons")
    tags = _link("tags")
