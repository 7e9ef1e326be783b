"""Meetings and their documents for tests; a meeting is a week ahead unless told otherwise."""

import datetime

import factory
from django.utils import timezone

from palabre.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceSource,
    FramingNote,
    Meeting,
    MeetingKind,
    MeetingMode,
    Minutes,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from palabre.spaces.models import Visibility
from tests.spaces.factories import SpaceFactory


def in_days(days: float, hour: int = 9) -> datetime.datetime:
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Réunion du comité de suivi n° {n}")
    kind = MeetingKind.COMMITTEE
    mode = MeetingMode.IN_PERSON
    visibility = Visibility.MEMBERS
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=3))
    time_zone = "Africa/Abidjan"
    venue = "Salle de conférence du conseil régional"
    city = "San-Pédro"


class FramingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FramingNote

    meeting = factory.SubFactory(MeetingFactory)
    context = "La région veut associer sa diaspora au développement local."
    objectives = "Installer le comité de suivi et valider sa feuille de route."
    reflection_axes = "Gouvernance ; mobilisation des investissements."
    expected_results = "Une feuille de route validée."
    target_participants = "Membres du comité, services de l'État, associations de la diaspora."


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Point {n + 1} de l'ordre du jour")
    duration_minutes = 30


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(
        MeetingFactory, starts_at=factory.LazyFunction(lambda: in_days(-7))
    )
    summary = "Le comité a examiné la feuille de route."


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory("tests.directory.factories.PersonFactory")
    status = RegistrationStatus.REGISTERED
    source = RegistrationSource.ACCOUNT


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory("tests.directory.factories.PersonFactory")
    source = AttendanceSource.CHECK_IN


class OutcomeFactory(factory.django.DjangoModelFactory):
    """A decision unless told otherwise; an action item needs `owner` and gets status "open"."""

    class Meta:
        model = "meetings.Outcome"

    minutes = factory.SubFactory(MinutesFactory)
    kind = "decision"
    text = factory.Sequence(lambda n: f"Le comité adopte la résolution n° {n + 1}.")
    order = factory.Sequence(lambda n: n + 1)
    status = factory.LazyAttribute(lambda o: "open" if o.kind == "action_item" else "")


class TrainingFactory(MeetingFactory):
    """A one-day training held a week ago, with its learning objectives."""

    title = factory.Sequence(lambda n: f"Formation au montage de projets n° {n}")
    kind = MeetingKind.TRAINING
    starts_at = factory.LazyFunction(lambda: in_days(-7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=7))
    learning_objectives = "Structurer un plan d'affaires\nIdentifier les sources de financement"
