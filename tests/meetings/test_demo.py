"""The demo's meetings: a dozen past ones with approved minutes, two ahead, none e-mailed."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from palabre.meetings.models import Attendance, Meeting, Minutes, Outcome, OutcomeKind
from palabre.workflow.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(mailoutbox):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_a_dozen_past_meetings_with_published_minutes_and_two_ahead(
    seeded, mailoutbox
):
    now = timezone.now()
    past = Meeting.objects.filter(ends_at__lt=now)
    assert past.count() >= 12
    published = Minutes.objects.filter(meeting__in=past, workflow_state=State.PUBLISHED)
    assert published.count() == past.count()
    assert Meeting.objects.filter(starts_at__gt=now).count() == 2
    for kind in OutcomeKind.values:
        assert Outcome.objects.filter(kind=kind).exists()
    # Attendance is disaggregated: both genders, both modes, diaspora people among them.
    present = Attendance.objects.present()
    assert {"F", "M"} <= set(present.values_list("person__gender", flat=True))
    assert set(present.values_list("mode", flat=True)) == {"in_person", "online"}
    assert present.exclude(person__country_of_residence__iso2="CI").exists()
    assert mailoutbox == []


def test_seeding_the_meetings_twice_changes_nothing(seeded):
    before = (Meeting.objects.count(), Attendance.objects.count(), Outcome.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Meeting.objects.count(), Attendance.objects.count(), Outcome.objects.count()) == before
